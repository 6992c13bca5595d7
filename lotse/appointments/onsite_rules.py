"""Who may do what on site (registered from AppointmentsConfig.ready() via `register()`).

- Visits (queue entries of checked-in bookings and walk-ins): front office, ABH/EBH case
  workers and Leitung of the office that runs the location (like bookings).
- Device links (kiosk, call display) and check-in settings: Leitung and Administration of the
  office (like the catalogue).
- Statistics (anonymised tables, no person data): Leitung of the office for its own locations,
  and Statistik/Planung of any organisation of the Kommune (planning often sits in the KI) for
  all locations of the Kommune. Administration has no business with them; case workers see the
  live queue, not the statistics.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from lotse.appointments.rules import CATALOGUE_EDITORS, booking_may, by_organisation, in_office
from lotse.core.models import Role, User


def device_may(user: User, action: str) -> bool:
    return in_office(user) and user.role in CATALOGUE_EDITORS


def stats_may(user: User, action: str) -> bool:
    if action not in {"view", "export"}:
        return False
    return user.role == Role.STATISTIK or (in_office(user) and user.role == Role.LEITUNG)


def stats_narrow(user: User, action: str, qs: models.QuerySet[Any]) -> models.QuerySet[Any]:
    if user.role == Role.STATISTIK:
        return qs.filter(location__kommune_id=user.organisation.kommune_id)  # type: ignore[union-attr]
    return qs.filter(location__organisation=user.organisation_id)


def register() -> None:
    from lotse.appointments import models as m
    from lotse.core import policy
    from lotse.core.context_processors import register_navigation

    narrow = by_organisation("location__organisation")
    policy.register(m.Visit, policy.ModelRules(may=booking_may, narrow=narrow))
    policy.register(m.DeviceLink, policy.ModelRules(may=device_may, narrow=narrow))
    policy.register(m.OnsiteSettings, policy.ModelRules(may=device_may, narrow=narrow))
    for model in (m.ServiceDayStat, m.LeadTimeSample, m.DeskDayStat):
        policy.register(model, policy.ModelRules(may=stats_may, narrow=stats_narrow))

    from lotse.appointments.onsite_views import navigation

    register_navigation(navigation)
