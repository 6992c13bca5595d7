"""Built-in scenario variants derived from a base scenario, for the comparison the issue names:
Heute; ein Schalter mehr; Servicepoint für kurze Anliegen; Front-/Backoffice-Trennung.

The Servicepoint and the front/back-office split move existing desks (same staff), so their
effect is organisational; "ein Schalter mehr" adds one desk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from importlib import resources

from lotse.appointments.simulation.model import (
    Anliegen,
    BackOffice,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
)
from lotse.appointments.simulation.scenario_json import parse_scenario, window_text
from lotse.appointments.simulation.schedule import desk_windows, open_minutes

SHORT_MAX_MIN = 12.0  # Anliegen up to this mean duration count as "short" (Servicepoint)
FRONT_PART_MIN = 10.0  # front office: check documents, biometrics, fees
HANDOVER_MIN = 3.0  # extra back-office minutes for reading the front office's notes
# The back office works the whole working day, not only while the doors are open.
WORKDAY = (Window(7 * 60 + 30, 16 * 60),)


def example_scenario() -> Scenario:
    """The example ABH shipped with Lotse (examples/abh-mittelstadt.json)."""
    text = (
        resources.files(__package__)
        .joinpath("examples/abh-mittelstadt.json")
        .read_text(encoding="utf-8")
    )
    return parse_scenario(json.loads(text))


def _largest_front(scenario: Scenario) -> int:
    groups = [(g.count, -i) for i, g in enumerate(scenario.desks) if g.stage == "front"]
    return -max(groups)[1]


def today(base: Scenario) -> Scenario:
    return replace(base, name="Heute", description="Die Ausgangslage, wie eingegeben.")


def one_more_desk(base: Scenario) -> Scenario:
    index = _largest_front(base)
    desks = list(base.desks)
    desks[index] = replace(desks[index], count=desks[index].count + 1)
    return replace(
        base,
        name="Ein Schalter mehr",
        description=f"Wie heute, mit einem zusätzlichen Schalter in „{desks[index].name}“.",
        desks=tuple(desks),
    )


def _short_keys(base: Scenario) -> tuple[str, ...]:
    short = [a for a in base.anliegen if a.service.mean <= SHORT_MAX_MIN]
    return tuple(a.key for a in sorted(short, key=lambda a: a.service.mean))


def servicepoint(base: Scenario) -> Scenario:
    """One desk of the largest group becomes a Servicepoint for short Anliegen; the other
    desks take long Anliegen first and help with short ones when nobody else waits."""
    short = _short_keys(base)
    if not short:
        return replace(
            base,
            name="Servicepoint für kurze Anliegen",
            description="Keine kurzen Anliegen – unverändert.",
        )
    index = _largest_front(base)
    group = base.desks[index]
    moved = 1 if group.count >= 2 else 0
    long_first = tuple(k for k in group.serves if k not in short) + tuple(
        k for k in group.serves if k in short
    )
    desks = list(base.desks)
    desks[index] = replace(group, count=group.count - moved, serves=long_first, policy="priority")
    desks.append(DeskGroup("Servicepoint", 1, short, "front", "fifo", group.breaks))
    return replace(
        base,
        name="Servicepoint für kurze Anliegen",
        description=(
            f"Ein Schalter wird Servicepoint für Anliegen bis {SHORT_MAX_MIN:g} Minuten"
            + (" (aus „" + group.name + "“ umgesetzt)." if moved else " (zusätzlich).")
        ),
        desks=tuple(desks),
    )


def _split(item: Anliegen) -> Anliegen:
    if item.service.mean <= FRONT_PART_MIN:
        return item
    front = Distribution("lognormal", FRONT_PART_MIN, 0.4)
    back = Distribution(
        item.service.kind, item.service.mean - FRONT_PART_MIN + HANDOVER_MIN, item.service.cv
    )
    return replace(item, service=front, back_office=BackOffice(1.0, back))


def _workloads(scenario: Scenario) -> tuple[float, float]:
    """Minutes of work per opening day at the front and in the back office."""
    front = back = 0.0
    for item in scenario.anliegen:
        shown = item.visits_per_day * (1 - item.effective_booked_share * item.no_show_rate)
        front += shown * item.service.mean
        if item.back_office:
            back += shown * item.back_office.share * item.back_office.service.mean
    return front, back


def _capacity(scenario: Scenario, group: DeskGroup) -> float:
    """Mean working minutes of one desk of `group` per opening day."""
    weekdays = scenario.open_weekdays()
    minutes = sum(open_minutes(desk_windows(group, scenario.opening_hours[d])) for d in weekdays)
    return minutes / len(weekdays) if weekdays else 0.0


def _front_desks(scenario: Scenario, total: int, front: DeskGroup, back: DeskGroup) -> int:
    """Front-office desks out of `total` so that the busier side is as little loaded as
    possible (front and back office balanced)."""
    front_work, back_work = _workloads(scenario)
    front_cap = _capacity(scenario, front) or 1.0
    back_cap = _capacity(scenario, back) or 1.0
    return min(
        range(1, total),
        key=lambda n: max(front_work / (n * front_cap), back_work / ((total - n) * back_cap)),
    )


def front_back_office(base: Scenario) -> Scenario:
    """Front office (short contact with the customer) and back office (the rest, without the
    customer) with the same staff: Ludwigshafen's model (domain notes §4.4)."""
    split = replace(base, anliegen=tuple(_split(a) for a in base.anliegen))
    index = _largest_front(base)
    group = base.desks[index]
    total = base.desk_count("front")
    if total < 2:
        return replace(
            base,
            name="Front-/Backoffice-Trennung",
            description="Zu wenige Schalter für eine Trennung – unverändert.",
        )
    keys = tuple(a.key for a in base.anliegen)
    back_keys = tuple(a.key for a in split.anliegen if a.back_office)
    front_group = DeskGroup("Frontoffice", 1, keys, "front", "fifo", group.breaks)
    back_group = DeskGroup("Backoffice", 1, back_keys, "back", "fifo", group.breaks, WORKDAY)
    front = _front_desks(split, total, front_group, back_group)
    desks = (
        replace(front_group, count=front),
        replace(back_group, count=total - front),
    ) + tuple(g for g in base.desks if g.stage == "back")
    return replace(
        split,
        name="Front-/Backoffice-Trennung",
        description=(
            f"{front} Schalter im Frontoffice (Prüfung, Biometrie, Gebühren, etwa "
            f"{FRONT_PART_MIN:g} Minuten), {total - front} Plätze im Backoffice bearbeiten den "
            f"Rest ohne Kundschaft während der ganzen Arbeitszeit ({window_text(WORKDAY[0])})."
        ),
        desks=desks,
    )


TEMPLATES: dict[str, tuple[str, Callable[[Scenario], Scenario]]] = {
    "heute": ("Heute", today),
    "ein_schalter_mehr": ("Ein Schalter mehr", one_more_desk),
    "servicepoint": ("Servicepoint für kurze Anliegen", servicepoint),
    "front_backoffice": ("Front-/Backoffice-Trennung", front_back_office),
}


def from_template(key: str, base: Scenario) -> Scenario:
    """The variant `key` of TEMPLATES derived from `base`."""
    return TEMPLATES[key][1](base)


def working_minutes_per_day(scenario: Scenario) -> float:
    """Desk minutes per opening day across all desks (for the staffing line of the report)."""
    weekdays = scenario.open_weekdays()
    if not weekdays:
        return 0.0
    return sum(
        g.count * open_minutes(desk_windows(g, scenario.opening_hours[d]))
        for g in scenario.desks
        for d in weekdays
    ) / len(weekdays)
