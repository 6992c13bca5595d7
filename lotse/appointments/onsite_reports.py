"""Reads of the anonymised statistic tables for the statistics page, the exports and the
simulation (three queries per report, whatever the period)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from lotse.appointments.models import (
    DeskDayStat,
    LeadTimeSample,
    Location,
    Service,
    ServiceDayStat,
)
from lotse.core import policy
from lotse.core.models import Role, User

EXPORT_HEADER = [
    "Tag",
    "Standort",
    "Anliegen",
    "Termine",
    "nicht erschienen",
    "Besuche",
    "ohne Termin",
    "bedient",
    "Wartezeit Mittel (Min.)",
    "Wartezeit 90 % (Min.)",
    "Bedienzeit Mittel (Min.)",
]


@dataclass
class Totals:
    bookings: int = 0
    no_shows: int = 0
    visits: int = 0
    walk_ins: int = 0
    served: int = 0
    wait_weighted: float = 0.0
    wait_weight: int = 0
    p90_weighted: float = 0.0
    service_weighted: float = 0.0
    service_weight: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.bookings += row["bookings"]
        self.no_shows += row["no_shows"]
        self.visits += row["visits"]
        self.walk_ins += row["walk_ins"]
        self.served += row["served"]
        if row["wait_mean_s"] is not None and row["visits"]:
            self.wait_weighted += row["wait_mean_s"] * row["visits"]
            self.p90_weighted += (row["wait_p90_s"] or 0) * row["visits"]
            self.wait_weight += row["visits"]
        if row["service_mean_s"] is not None and row["served"]:
            self.service_weighted += row["service_mean_s"] * row["served"]
            self.service_weight += row["served"]

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.bookings if self.bookings else None

    @property
    def walk_in_share(self) -> float | None:
        return self.walk_ins / self.visits if self.visits else None

    @property
    def wait_mean_min(self) -> float | None:
        return self.wait_weighted / self.wait_weight / 60 if self.wait_weight else None

    @property
    def wait_p90_min(self) -> float | None:
        """Visit-weighted mean of the daily 90 % values (exact for one Anliegen and day)."""
        return self.p90_weighted / self.wait_weight / 60 if self.wait_weight else None

    @property
    def service_mean_min(self) -> float | None:
        return self.service_weighted / self.service_weight / 60 if self.service_weight else None


@dataclass
class DeskRow:
    desk: str
    served: int = 0
    busy_s: int = 0
    open_s: int = 0

    @property
    def utilisation(self) -> float | None:
        return self.busy_s / self.open_s if self.open_s else None


@dataclass
class Report:
    start: dt.date
    end: dt.date
    days: list[tuple[dt.date, Totals]] = field(default_factory=list)
    services: list[tuple[str, Totals]] = field(default_factory=list)
    lead: list[tuple[dt.date, float | None]] = field(default_factory=list)
    desks: list[DeskRow] = field(default_factory=list)
    total: Totals = field(default_factory=Totals)
    rows: list[dict[str, Any]] = field(default_factory=list)


def stats_locations(user: User) -> QuerySet[Location]:
    """Locations whose statistics the user may see (see onsite_rules: Leitung of the office,
    Statistik/Planung of the Kommune)."""
    if not policy.may(user, "view", ServiceDayStat):
        return Location.objects.none()
    if user.role == Role.STATISTIK:
        return Location.objects.filter(kommune_id=user.organisation.kommune_id)  # type: ignore[union-attr]
    return Location.objects.filter(organisation_id=user.organisation_id or 0)


def stats_services(user: User) -> QuerySet[Service]:
    if not policy.may(user, "view", ServiceDayStat):
        return Service.objects.none()
    if user.role == Role.STATISTIK:
        return Service.objects.filter(organisation__kommune_id=user.organisation.kommune_id)  # type: ignore[union-attr]
    return Service.objects.filter(organisation_id=user.organisation_id or 0)


def _day_range(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def stats_report(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    location_id: int | None = None,
    service_id: int | None = None,
) -> Report:
    locations = stats_locations(user)
    if location_id:
        locations = locations.filter(pk=location_id)
    scope: dict[str, Any] = {"location__in": locations, "day__gte": start, "day__lte": end}
    if service_id:
        scope["service_id"] = service_id
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in ServiceDayStat.objects.filter(**scope)
        .order_by("day", "location__name", "service__sort_order", "service__name")
        .values(
            "day",
            "location__name",
            "service__name",
            "bookings",
            "no_shows",
            "visits",
            "walk_ins",
            "served",
            "wait_mean_s",
            "wait_p90_s",
            "service_mean_s",
        )
    ]
    report = Report(start=start, end=end, rows=rows)
    by_day: dict[dt.date, Totals] = defaultdict(Totals)
    by_service: dict[str, Totals] = defaultdict(Totals)
    for row in rows:
        by_day[row["day"]].add(row)
        by_service[row["service__name"]].add(row)
        report.total.add(row)
    report.days = [(day, by_day[day]) for day in _day_range(start, end)]
    report.services = sorted(by_service.items())
    lead: dict[dt.date, list[float]] = defaultdict(list)
    for day, days in LeadTimeSample.objects.filter(**scope).values_list("day", "lead_days"):
        if days is not None:
            lead[day].append(days)
    report.lead = [
        (day, sum(lead[day]) / len(lead[day]) if lead[day] else None)
        for day in _day_range(start, end)
    ]
    desk_scope = {k: v for k, v in scope.items() if k != "service_id"}
    desks: dict[str, DeskRow] = {}
    for name, number, served, busy, opened in DeskDayStat.objects.filter(**desk_scope).values_list(
        "desk__name", "desk__number", "served", "busy_s", "open_s"
    ):
        desk = desks.setdefault(f"{name} ({number})", DeskRow(desk=f"{name} ({number})"))
        desk.served += served
        desk.busy_s += busy
        desk.open_s += opened
    report.desks = [desks[key] for key in sorted(desks)]
    return report


def export_rows(rows: Iterable[dict[str, Any]], *, text: bool = True) -> list[list[Any]]:
    """Rows for the CSV (text=True: minutes with a decimal comma, as German spreadsheets read
    them) or the XLSX export (numbers stay numbers)."""

    def _minutes(seconds: int | None) -> Any:
        if seconds is None:
            return ""
        value = round(seconds / 60, 1)
        return f"{value:.1f}".replace(".", ",") if text else value

    return [
        [
            row["day"].isoformat(),
            row["location__name"],
            row["service__name"],
            row["bookings"],
            row["no_shows"],
            row["visits"],
            row["walk_ins"],
            row["served"],
            _minutes(row["wait_mean_s"]),
            _minutes(row["wait_p90_s"]),
            _minutes(row["service_mean_s"]),
        ]
        for row in rows
    ]


def simulation_observations(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """PURE: statistic rows (as in `Report.rows`) → the observed daily inputs of the queue
    simulation (lotse.appointments.simulation.observed.Observation takes exactly these keys):
    one dict per day and Anliegen with `day`, `anliegen`, `visits` (people who came),
    `walk_in_share`, `no_show_rate` (of booked appointments) and `mean_service_min`.
    Days without any visit or booking of the Anliegen are left out."""
    out = []
    for row in rows:
        if not row["visits"] and not row["bookings"]:
            continue
        out.append(
            {
                "day": row["day"],
                "anliegen": row["service__name"],
                "visits": int(row["visits"]),
                "walk_in_share": row["walk_ins"] / row["visits"] if row["visits"] else 0.0,
                "no_show_rate": row["no_shows"] / row["bookings"] if row["bookings"] else 0.0,
                "mean_service_min": (row["service_mean_s"] or 0) / 60,
            }
        )
    return out
