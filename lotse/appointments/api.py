"""API of Kundensteuerung (mounted at /api/v1/appointments): the catalogue and free times for
the office's own systems (e.g. booking by phone, invitations). Same rules as the staff pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from lotse.appointments import selectors
from lotse.appointments.models import Channel, Location, Service
from lotse.core import policy

router = Router(tags=["Kundensteuerung"])


class LocationOut(Schema):
    id: int
    name: str
    address: str
    slot_minutes: int
    horizon_days: int


class ServiceOut(Schema):
    id: int
    name: str
    description: str
    duration_minutes: int
    documents: list[str]
    fee_note: str
    leika_key: str
    ozg_id: str
    walk_in_allowed: bool
    bookable_online: bool
    locations: list[int]
    translations: dict[str, dict[str, str]]

    @staticmethod
    def resolve_documents(obj: Service) -> list[str]:
        return obj.localized("de").documents

    @staticmethod
    def resolve_locations(obj: Service) -> list[int]:
        return sorted(location.pk for location in obj.locations.all())


class FreeTimeOut(Schema):
    slot_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


class FreeTimesQuery(Schema):
    services: list[int]
    channel: Channel = Channel.INTERNAL
    limit: int = 20


@router.get("/locations", response=list[LocationOut])
def locations(request: HttpRequest) -> list[Location]:
    user = policy.staff_user(request)
    policy.require_may(user, "view", Location)
    return list(selectors.locations_for_user(user))


@router.get("/services", response=list[ServiceOut])
def services(request: HttpRequest) -> list[Service]:
    user = policy.staff_user(request)
    policy.require_may(user, "view", Service)
    return list(selectors.services_for_user(user).prefetch_related("locations"))


@router.get("/locations/{location_id}/free-times", response=list[FreeTimeOut])
def free_times(
    request: HttpRequest, location_id: int, query: Query[FreeTimesQuery]
) -> list[selectors.FreeTime]:
    """The earliest starts with enough consecutive free slots for the Anliegen, per channel."""
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, location_id)
    chosen = list(Service.objects.filter(pk__in=query.services, locations=location, is_active=True))
    if not chosen or len(chosen) != len(set(query.services)):
        raise HttpError(400, "Bitte nennen Sie Anliegen dieses Standorts.")
    duration = sum(s.duration_minutes for s in chosen)
    return selectors.free_times(
        location=location,
        duration=duration,
        channel=query.channel,
        limit=max(1, min(query.limit, 100)),
    )
