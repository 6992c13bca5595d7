"""Demo scenarios of the Personalplanung: the example ABH and its three variants for the
Ausländerbehörde of each demo Kommune (no person data involved)."""

from __future__ import annotations

import datetime as dt

from lotse.appointments.planning.models import SavedScenario
from lotse.appointments.simulation import (
    TEMPLATES,
    example_scenario,
    from_template,
    scenario_to_json,
)
from lotse.core.models import Kommune, Organisation, Role, User


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    """Called like the other apps' demo loaders (inside the system context and transaction)."""
    abh = organisations.get("abh")
    if abh is None:
        return
    author = User.objects.filter(organisation=abh, role=Role.LEITUNG).first()
    base = example_scenario()
    SavedScenario.objects.bulk_create(
        SavedScenario(
            kommune=kommune,
            organisation=abh,
            name=label,
            definition=scenario_to_json(from_template(key, base)),
            created_by=author,
        )
        for key, (label, _fn) in TEMPLATES.items()
    )
