"""Figures of one replication and of all replications together (mean with 95 % interval)."""

from __future__ import annotations

from dataclasses import dataclass

from lotse.appointments.simulation.stats import Estimate


@dataclass(frozen=True)
class LeadTime:
    """Days from booking to appointment (calendar days) and bookings that found no slot."""

    mean_days: float
    p90_days: float
    failed_share: float
    demand_per_day: float
    slots_per_day: float


@dataclass(frozen=True)
class ReplicationResult:
    """One run of the scenario with one seed. Waits are minutes of served customers, counted
    from arrival (booked customers: from their appointment time if they came early)."""

    seed: int
    days: int
    arrivals: int
    served: int
    no_shows: int
    left: int
    wait_mean: float
    wait_p90: float
    wait_mean_by_anliegen: dict[str, float]
    served_by_anliegen: dict[str, int]
    queue_by_time: tuple[float, ...]
    utilisation: dict[str, float]
    utilisation_total: float
    back_office_backlog: float
    lead_time: LeadTime

    @property
    def served_per_day(self) -> float:
        return self.served / self.days if self.days else 0.0


@dataclass(frozen=True)
class ScenarioResult:
    """All replications of a scenario and their aggregate; `queue_labels` name the 15-minute
    slots of `queue_by_time` ("08:00", "08:15", ...)."""

    scenario_name: str
    replications: tuple[ReplicationResult, ...]
    wait_mean: Estimate
    wait_p90: Estimate
    served_per_day: Estimate
    no_shows_per_day: Estimate
    left_per_day: Estimate
    utilisation_total: Estimate
    utilisation: dict[str, Estimate]
    wait_mean_by_anliegen: dict[str, Estimate]
    queue_labels: tuple[str, ...]
    queue_by_time: tuple[Estimate, ...]
    back_office_backlog: Estimate
    lead_time_mean: Estimate
    lead_time_p90: Estimate
    lead_time_failed_share: Estimate
    desks: int
