"""The JSON scenario format `lotse.simulation-scenario/1` (docs/simulation.md): parse with
German error messages that name the field, and write back.

`parse_scenario(document)` collects every error it finds and raises one `ScenarioError`;
`scenario_to_json(scenario)` gives a document that parses to the same scenario.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from lotse.appointments.simulation.model import (
    WEEKDAYS,
    Anliegen,
    BackOffice,
    Booking,
    DeskGroup,
    Distribution,
    DistributionKind,
    Policy,
    Scenario,
    Stage,
    Window,
)

FORMAT = "lotse.simulation-scenario/1"
MAX_DAYS = 366
MAX_REPLICATIONS = 200
MAX_DESKS = 200
_WINDOW = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
T = TypeVar("T")


class ScenarioError(ValueError):
    """Invalid scenario; `errors` are German messages, each starting with the field path."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class _Reader:
    """Reads fields of one JSON object and records errors instead of raising at the first."""

    def __init__(self, errors: list[str], data: Any, path: str) -> None:
        self.errors = errors
        self.path = path
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.fail("", "muss ein Objekt {…} sein")

    def field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, message: str) -> None:
        self.errors.append(f"{self.field(name) if name else self.path or 'Szenario'}: {message}")

    def text(self, name: str, default: str | None = None, max_length: int = 200) -> str:
        value = self.data.get(name, default)
        if not isinstance(value, str) or not value.strip() or len(value) > max_length:
            self.fail(name, f"muss ein Text mit 1 bis {max_length} Zeichen sein")
            return default or ""
        return value.strip()

    def number(self, name: str, default: float | None, low: float, high: float) -> float:
        value = self.data.get(name, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (low <= value <= high)
        ):
            self.fail(name, f"muss eine Zahl von {_de(low)} bis {_de(high)} sein")
            return default if default is not None else low
        return float(value)

    def integer(self, name: str, default: int | None, low: int, high: int) -> int:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(name, f"muss eine ganze Zahl von {low} bis {high} sein")
            return default if default is not None else low
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            self.fail(name, "muss true oder false sein")
            return default
        return value

    def choice(self, name: str, default: str | None, options: tuple[str, ...]) -> str:
        value = self.data.get(name, default)
        if value not in options:
            self.fail(name, "muss einer dieser Werte sein: " + ", ".join(options))
            return default or options[0]
        return cast(str, value)

    def items(self, name: str, read: Callable[[Any, str], T], required: bool = True) -> list[T]:
        value = self.data.get(name, [] if not required else None)
        if not isinstance(value, list) or (required and not value):
            self.fail(
                name,
                "muss eine Liste mit mindestens einem Eintrag sein"
                if required
                else "muss eine Liste sein",
            )
            return []
        return [read(item, f"{self.field(name)}[{i}]") for i, item in enumerate(value)]


def _de(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def parse_window(text: Any, path: str, errors: list[str]) -> Window:
    """ "HH:MM-HH:MM" → Window; 24:00 is allowed as an end."""
    match = _WINDOW.match(text) if isinstance(text, str) else None
    if match:
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 < 60 and m2 < 60 and start < end <= 1440:
            return Window(start, end)
    errors.append(f'{path}: muss ein Zeitraum wie "08:00-12:30" sein (Beginn vor Ende)')
    return Window(0, 1)


def _windows(value: Any, path: str, errors: list[str]) -> tuple[Window, ...]:
    if not isinstance(value, list):
        errors.append(f'{path}: muss eine Liste von Zeiträumen sein, z. B. ["08:00-12:00"]')
        return ()
    windows = sorted(
        (parse_window(item, f"{path}[{i}]", errors) for i, item in enumerate(value)),
        key=lambda w: w.start,
    )
    if any(a.end > b.start for a, b in zip(windows, windows[1:], strict=False)):
        errors.append(f"{path}: Zeiträume dürfen sich nicht überschneiden")
    return tuple(windows)


def _distribution(data: Any, path: str, errors: list[str]) -> Distribution:
    reader = _Reader(errors, data, path)
    kind = reader.choice("distribution", "lognormal", ("lognormal", "exponential", "fixed"))
    mean = reader.number("mean_min", None, 0.1, 600)
    cv = reader.number("cv", 0.5, 0.0, 3.0)
    return Distribution(cast(DistributionKind, kind), mean, cv)


def _back_office(data: Any, path: str, errors: list[str]) -> BackOffice | None:
    if data is None:
        return None
    reader = _Reader(errors, data, path)
    share = reader.number("share", 1.0, 0.0, 1.0)
    return BackOffice(share, _distribution(reader.data.get("service"), f"{path}.service", errors))


def _anliegen(data: Any, path: str, errors: list[str]) -> Anliegen:
    reader = _Reader(errors, data, path)
    profile = reader.data.get("intraday_profile", [])
    if (
        not isinstance(profile, list)
        or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in profile
        )
        or (profile and not sum(profile))
    ):
        reader.fail(
            "intraday_profile",
            "muss eine Liste nicht negativer Gewichte sein (mindestens eines größer 0)",
        )
        profile = []
    return Anliegen(
        key=reader.text("key", max_length=40),
        name=reader.text("name"),
        visits_per_day=reader.number("visits_per_day", None, 0, 100_000),
        service=_distribution(reader.data.get("service"), reader.field("service"), errors),
        booked_share=reader.number("booked_share", 0.0, 0.0, 1.0),
        no_show_rate=reader.number("no_show_rate", 0.0, 0.0, 0.95),
        walk_in_allowed=reader.boolean("walk_in_allowed", True),
        intraday_profile=tuple(float(v) for v in profile),
        back_office=_back_office(
            reader.data.get("back_office"), reader.field("back_office"), errors
        ),
    )


def _desk_group(data: Any, path: str, errors: list[str]) -> DeskGroup:
    reader = _Reader(errors, data, path)
    serves = reader.data.get("serves")
    if not isinstance(serves, list) or not serves or not all(isinstance(s, str) for s in serves):
        reader.fail("serves", "muss eine Liste von Anliegen-Schlüsseln sein (mindestens einer)")
        serves = []
    return DeskGroup(
        name=reader.text("name"),
        count=reader.integer("count", 1, 0, MAX_DESKS),
        serves=tuple(serves),
        stage=cast(Stage, reader.choice("stage", "front", ("front", "back"))),
        policy=cast(Policy, reader.choice("policy", "priority", ("priority", "fifo"))),
        breaks=_windows(reader.data.get("breaks", []), reader.field("breaks"), errors),
        hours=_windows(reader.data.get("hours", []), reader.field("hours"), errors),
    )


def _booking(data: Any, errors: list[str]) -> Booking:
    reader = _Reader(errors, {} if data is None else data, "booking")
    slots = reader.data.get("slots_per_day")
    if slots is not None:
        slots = reader.integer("slots_per_day", None, 0, 100_000)
    booking = Booking(
        capacity_share=reader.number("capacity_share", 0.7, 0.0, 1.0),
        slots_per_day=slots,
        min_lead_days=reader.integer("min_lead_days", 1, 0, 365),
        max_lead_days=reader.integer("max_lead_days", 60, 1, 365),
        early_min=reader.number("early_min", 10.0, 0.0, 120.0),
        late_min=reader.number("late_min", 5.0, 0.0, 120.0),
    )
    if booking.min_lead_days > booking.max_lead_days:
        reader.fail("max_lead_days", "muss mindestens so groß sein wie min_lead_days")
    return booking


def _opening_hours(data: Any, errors: list[str]) -> tuple[tuple[Window, ...], ...]:
    if not isinstance(data, dict) or set(data) - set(WEEKDAYS):
        errors.append(
            "opening_hours: muss ein Objekt mit den Wochentagen " + ", ".join(WEEKDAYS) + " sein"
        )
        return tuple(() for _ in WEEKDAYS)
    hours = tuple(_windows(data.get(day, []), f"opening_hours.{day}", errors) for day in WEEKDAYS)
    if not any(hours):
        errors.append("opening_hours: mindestens ein Wochentag braucht Öffnungszeiten")
    return hours


def _check_references(scenario: Scenario, errors: list[str]) -> None:
    keys = [a.key for a in scenario.anliegen]
    for key in {k for k in keys if keys.count(k) > 1}:
        errors.append(f'anliegen: der Schlüssel "{key}" kommt mehrfach vor')
    for i, group in enumerate(scenario.desks):
        for key in group.serves:
            if key not in keys:
                errors.append(f'desks[{i}].serves: unbekanntes Anliegen "{key}"')
    front = {k for g in scenario.desks if g.stage == "front" and g.count for k in g.serves}
    back = {k for g in scenario.desks if g.stage == "back" and g.count for k in g.serves}
    for i, item in enumerate(scenario.anliegen):
        if item.visits_per_day and item.key not in front:
            errors.append(f'anliegen[{i}]: kein Schalter (stage "front") bedient "{item.key}"')
        if item.back_office and item.back_office.share and item.key not in back:
            errors.append(
                f'anliegen[{i}].back_office: kein Backoffice-Platz (stage "back") '
                f'bearbeitet "{item.key}"'
            )


def parse_scenario(document: Any) -> Scenario:
    """Validate a scenario document and build the Scenario; raises ScenarioError."""
    errors: list[str] = []
    reader = _Reader(errors, document, "")
    if reader.data.get("format", FORMAT) != FORMAT:
        reader.fail("format", f'muss "{FORMAT}" sein')
    scenario = Scenario(
        name=reader.text("name"),
        description=str(reader.data.get("description", ""))[:2000],
        opening_hours=_opening_hours(reader.data.get("opening_hours"), errors),
        anliegen=tuple(reader.items("anliegen", lambda d, p: _anliegen(d, p, errors))),
        desks=tuple(reader.items("desks", lambda d, p: _desk_group(d, p, errors))),
        days=reader.integer("days", 20, 1, MAX_DAYS),
        replications=reader.integer("replications", 10, 1, MAX_REPLICATIONS),
        seed=reader.integer("seed", 1, 0, 2**31 - 1),
        booking=_booking(reader.data.get("booking"), errors),
    )
    if not errors:
        _check_references(scenario, errors)
    if errors:
        raise ScenarioError(errors)
    return scenario


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def window_text(window: Window) -> str:
    return f"{_hhmm(window.start)}-{_hhmm(window.end)}"


def _distribution_json(dist: Distribution) -> dict[str, Any]:
    data: dict[str, Any] = {"distribution": dist.kind, "mean_min": dist.mean}
    if dist.kind == "lognormal":
        data["cv"] = dist.cv
    return data


def _anliegen_json(item: Anliegen) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": item.key,
        "name": item.name,
        "visits_per_day": item.visits_per_day,
        "booked_share": item.booked_share,
        "no_show_rate": item.no_show_rate,
        "walk_in_allowed": item.walk_in_allowed,
        "service": _distribution_json(item.service),
    }
    if item.intraday_profile:
        data["intraday_profile"] = list(item.intraday_profile)
    if item.back_office:
        data["back_office"] = {
            "share": item.back_office.share,
            "service": _distribution_json(item.back_office.service),
        }
    return data


def _desk_json(group: DeskGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "count": group.count,
        "serves": list(group.serves),
        "stage": group.stage,
        "policy": group.policy,
        "breaks": [window_text(w) for w in group.breaks],
        "hours": [window_text(w) for w in group.hours],
    }


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    """The JSON document of a scenario (round-trips through parse_scenario)."""
    booking = scenario.booking
    return {
        "format": FORMAT,
        "name": scenario.name,
        "description": scenario.description,
        "days": scenario.days,
        "replications": scenario.replications,
        "seed": scenario.seed,
        "opening_hours": {
            day: [window_text(w) for w in windows]
            for day, windows in zip(WEEKDAYS, scenario.opening_hours, strict=True)
        },
        "anliegen": [_anliegen_json(a) for a in scenario.anliegen],
        "desks": [_desk_json(g) for g in scenario.desks],
        "booking": {
            "capacity_share": booking.capacity_share,
            "slots_per_day": booking.slots_per_day,
            "min_lead_days": booking.min_lead_days,
            "max_lead_days": booking.max_lead_days,
            "early_min": booking.early_min,
            "late_min": booking.late_min,
        },
    }
