"""Student-t quantiles, volumes from observed counts, and `lotse simulate`."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from lotse.appointments.simulation.cli import main
from lotse.appointments.simulation.observed import Observation, anliegen_from_observations
from lotse.appointments.simulation.stats import estimate, percentile, t_quantile_975

EXAMPLE = "lotse/appointments/simulation/examples/abh-mittelstadt.json"


@pytest.mark.parametrize(
    ("df", "t"),
    [
        (1, 12.706),
        (10, 2.228),
        (30, 2.042),
        (40, 2.021),
        (60, 2.000),
        (120, 1.980),
        (10_000, 1.960),
    ],
)
def test_t_quantiles(df, t):
    assert t_quantile_975(df) == pytest.approx(t, abs=1.5e-3)


def test_estimate_and_percentile():
    e = estimate([1.0, 2.0, 3.0])
    assert e.mean == 2 and e.half_width == pytest.approx(4.303 * 1 / 3**0.5, rel=1e-3)
    assert estimate([5.0]).half_width is None
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == pytest.approx(9.1)
    assert percentile([], 0.9) == 0


def test_volumes_from_observations_count_the_missed_appointments():
    day1, day2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    rows = [
        Observation(day1, "eat", 40, 0.25, 0.2, 8.0),
        Observation(day2, "eat", 40, 0.25, 0.2, 6.0),
        Observation(day1, "info", 10, 1.0, 0.0, 4.0),
    ]
    eat, info = anliegen_from_observations(rows, {"eat": "eAT-Abholung"})
    # 80 visits over 2 days; 60 booked came = 75 appointments at 20 % no-show; 20 walk-ins.
    assert eat.name == "eAT-Abholung"
    assert eat.visits_per_day == pytest.approx(47.5)
    assert eat.booked_share == pytest.approx(75 / 95, abs=1e-3)
    assert eat.service.mean == 7.0
    assert info.visits_per_day == 5 and info.booked_share == 0 and info.walk_in_allowed


def test_cli_table_and_json():
    out = io.StringIO()
    assert main(["simulate", EXAMPLE, "--replications", "2", "--days", "3"], out=out) == 0
    assert "Mittlere Wartezeit (min)" in out.getvalue()
    out = io.StringIO()
    assert main([EXAMPLE, "--replications", "2", "--days", "3", "--format", "json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["scenario"] == "Heute" and len(data["replications"]) == 2
    assert data["wait_mean"]["low"] <= data["wait_mean"]["mean"] <= data["wait_mean"]["high"]


def test_cli_invalid_input_exits_2_with_german_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "X", "days": 0}', encoding="utf-8")
    err = io.StringIO()
    assert main([str(bad)], out=io.StringIO(), err=err) == 2
    assert "days: muss eine ganze Zahl von 1 bis 366 sein" in err.getvalue()
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    err = io.StringIO()
    assert main([str(broken)], err=err) == 2 and "Kein gültiges JSON" in err.getvalue()
    assert main([str(tmp_path / "fehlt.json")], err=io.StringIO()) == 2


def test_lotse_command_runs_without_django():
    code = (
        "import sys; from lotse.cli import main; "
        f"rc = main(['simulate', {EXAMPLE!r}, '--replications', '2', '--days', '2']); "
        "assert 'django' not in sys.modules; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Bediente je Tag" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "lotse.cli", "simulate", "--replications", "0", EXAMPLE],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "Fehler" in bad.stderr
