"""Writes of the planning app: create, change, duplicate and delete saved scenarios.

Each checks the permission, validates the definition with the simulation's own parser, writes
inside one transaction and records an event without any content of the scenario.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from lotse.appointments.planning.models import SavedScenario
from lotse.appointments.simulation import ScenarioError, parse_scenario, scenario_to_json
from lotse.core import events, policy
from lotse.core.models import User

ERROR_NAME_TAKEN = gettext_lazy(
    "Es gibt schon ein Szenario mit diesem Namen. Bitte wählen Sie einen anderen."
)


def _validated(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """The definition in canonical form with `name` set; ValidationError with German texts."""
    document = {**definition, "name": name}
    try:
        return scenario_to_json(parse_scenario(document))
    except ScenarioError as exc:
        raise ValidationError({"definition": exc.errors}) from exc


def _check_name(by: User, name: str, exclude: int | None = None) -> None:
    taken = SavedScenario.objects.filter(organisation=policy.organisation_of(by), name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"name": str(ERROR_NAME_TAKEN)})


def scenario_create(*, by: User, name: str, definition: dict[str, Any]) -> SavedScenario:
    """Save a new scenario for the user's Ausländerbehörde."""
    policy.require_may(by, "create", SavedScenario)
    name = name.strip()
    document = _validated(name, definition)
    organisation = policy.organisation_of(by)
    with transaction.atomic():
        _check_name(by, name)
        saved = SavedScenario.objects.create(
            kommune_id=organisation.kommune_id,
            organisation=organisation,
            name=name,
            definition=document,
            created_by=by,
        )
        events.record(actor=by, subject=saved, activity="planning.scenario_created")
    return saved


def scenario_update(
    *, by: User, scenario: SavedScenario, name: str, definition: dict[str, Any]
) -> SavedScenario:
    """Replace name and definition of a saved scenario."""
    policy.require(by, "change", scenario)
    name = name.strip()
    document = _validated(name, definition)
    with transaction.atomic():
        _check_name(by, name, exclude=scenario.pk)
        scenario.name = name
        scenario.definition = document
        scenario.save(update_fields=["name", "definition", "updated_at"])
        events.record(actor=by, subject=scenario, activity="planning.scenario_changed")
    return scenario


def _copy_name(by: User, name: str) -> str:
    taken = set(
        SavedScenario.objects.filter(organisation=policy.organisation_of(by)).values_list(
            "name", flat=True
        )
    )
    # Stored data: German like the rest of the scenario, not the reader's language.
    candidate = f"Kopie von {name}"
    number = 2
    while candidate[:200] in taken:
        candidate = f"Kopie {number} von {name}"
        number += 1
    return candidate[:200]


def scenario_duplicate(*, by: User, scenario: SavedScenario) -> SavedScenario:
    """A copy named "Kopie von …" to vary without losing the original."""
    policy.require(by, "view", scenario)
    return scenario_create(
        by=by, name=_copy_name(by, scenario.name), definition=dict(scenario.definition)
    )


def scenario_delete(*, by: User, scenario: SavedScenario) -> None:
    policy.require(by, "change", scenario)
    with transaction.atomic():
        events.record(
            actor=by,
            activity="planning.scenario_deleted",
            data={"scenario_id": scenario.pk},
        )
        scenario.delete()
