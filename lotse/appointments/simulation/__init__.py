"""Pure discrete-event simulation of an Ausländerbehörde front office (SimPy; no Django).

Public interface: the scenario model (`Scenario`, `Anliegen`, `DeskGroup`, ...), the JSON
format (`parse_scenario`, `scenario_to_json`, `ScenarioError`), `simulate`, the built-in
variants (`TEMPLATES`, `from_template`, `example_scenario`), `compare`, and
`anliegen_from_observations` for volumes from the on-site statistics. See docs/simulation.md.
"""

from lotse.appointments.simulation.compare import Comparison, compare
from lotse.appointments.simulation.erlang import mmc_mean_wait
from lotse.appointments.simulation.model import (
    Anliegen,
    BackOffice,
    Booking,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
)
from lotse.appointments.simulation.observed import Observation, anliegen_from_observations
from lotse.appointments.simulation.results import ReplicationResult, ScenarioResult
from lotse.appointments.simulation.run import run_replication, simulate
from lotse.appointments.simulation.scenario_json import (
    ScenarioError,
    parse_scenario,
    scenario_to_json,
)
from lotse.appointments.simulation.stats import Estimate
from lotse.appointments.simulation.templates import TEMPLATES, example_scenario, from_template

__all__ = [
    "TEMPLATES",
    "Anliegen",
    "BackOffice",
    "Booking",
    "Comparison",
    "DeskGroup",
    "Distribution",
    "Estimate",
    "Observation",
    "ReplicationResult",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "Window",
    "anliegen_from_observations",
    "compare",
    "example_scenario",
    "from_template",
    "mmc_mean_wait",
    "parse_scenario",
    "run_replication",
    "scenario_to_json",
    "simulate",
]
