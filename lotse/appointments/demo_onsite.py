"""Demo data of the on-site part, loaded after `lotse.appointments.demo` for each demo Kommune:
work profiles (if missing), kiosk and display device links with predictable demo keys (shown
on the settings page in demo mode), about 60 days of synthetic statistics, and a few
checked-in visits for today so the clerk page has a queue."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import (
    Booking,
    DeskDayStat,
    DeviceLink,
    LeadTimeSample,
    Location,
    Service,
    ServiceDayStat,
    Team,
    WorkProfile,
    WorkProfileItem,
    token_digest,
)
from lotse.appointments.onsite_views import demo_device_key
from lotse.core.models import Kommune, Organisation, User

HISTORY_DAYS = 60


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    abh = organisations.get("abh")
    if abh is None:
        return
    rng = random.Random(f"{seed}-onsite-{kommune.name}")
    for location in Location.objects.filter(organisation=abh, is_active=True):
        _profiles(location)
        _devices(location)
        _history(location, rng, today)
        _today(location, rng)
        print(  # noqa: T201 - the demo loader's output lists useful links
            f"  Vor Ort {location.name}: "
            f"Kiosk /kundensteuerung/vor-ort/geraet/{demo_device_key(location, 'KIOSK')}/ · "
            f"Aufrufanzeige /kundensteuerung/vor-ort/geraet/{demo_device_key(location, 'DISPLAY')}/"
        )


def _profiles(location: Location) -> None:
    teams = list(Team.objects.filter(location=location).order_by("name"))
    for user in User.objects.filter(
        organisation=location.organisation, role__in=["FRONTOFFICE", "ABH_SB", "LEITUNG"]
    ):
        if WorkProfile.objects.filter(user=user, location=location).exists():
            continue
        profile = WorkProfile.objects.create(user=user, location=location)
        WorkProfileItem.objects.bulk_create(
            WorkProfileItem(profile=profile, team=team, priority=i + 1)
            for i, team in enumerate(teams)
        )


def _devices(location: Location) -> None:
    creator = User.objects.filter(organisation=location.organisation, role="LEITUNG").first()
    for kind, label in (
        (DeviceLink.Kind.KIOSK, "Anmelde-Terminal Eingang"),
        (DeviceLink.Kind.DISPLAY, "Bildschirm Wartebereich"),
    ):
        DeviceLink.objects.get_or_create(
            key_digest=token_digest(demo_device_key(location, kind)),
            defaults={"location": location, "kind": kind, "label": label, "created_by": creator},
        )


def _history(location: Location, rng: random.Random, today: dt.date) -> None:
    """Synthetic daily figures for the charts (weekdays only), no visits or bookings behind."""
    services = list(Service.objects.filter(locations=location, is_active=True))
    desks = list(location.desks.filter(is_active=True))
    stats, leads, desk_rows = [], [], []
    for back in range(HISTORY_DAYS, 0, -1):
        day = today - dt.timedelta(days=back)
        # Lead time is sampled every day, growing slowly with the backlog.
        for service in services:
            base = 8 + (HISTORY_DAYS - back) * 0.15 + (service.duration_minutes / 10)
            leads.append(
                LeadTimeSample(
                    kommune_id=location.kommune_id,
                    location=location,
                    service=service,
                    day=day,
                    lead_days=round(max(base + rng.uniform(-3, 3), 0.5), 1),
                )
            )
        if day.weekday() >= 5:
            continue
        served_today = 0
        for service in services:
            bookings = rng.randint(2, 9)
            no_shows = sum(rng.random() < 0.12 for _ in range(bookings))
            walk_ins = rng.randint(0, 6) if service.walk_in_allowed else 0
            visits = bookings - no_shows + walk_ins
            wait = rng.uniform(4, 25) * 60 * (1.4 if walk_ins > 3 else 1)
            stats.append(
                ServiceDayStat(
                    kommune_id=location.kommune_id,
                    location=location,
                    service=service,
                    day=day,
                    bookings=bookings,
                    no_shows=no_shows,
                    visits=visits,
                    walk_ins=walk_ins,
                    served=visits,
                    wait_mean_s=round(wait) if visits else None,
                    wait_p90_s=round(wait * rng.uniform(1.6, 2.2)) if visits else None,
                    service_mean_s=round(service.duration_minutes * 60 * rng.uniform(0.7, 1.2))
                    if visits
                    else None,
                )
            )
            served_today += visits
        for desk in desks:
            share = served_today // max(len(desks), 1)
            desk_rows.append(
                DeskDayStat(
                    kommune_id=location.kommune_id,
                    location=location,
                    desk=desk,
                    day=day,
                    served=share,
                    busy_s=round(4 * 3600 * rng.uniform(0.45, 0.9)),
                    open_s=4 * 3600 if day.weekday() not in (1, 3) else 8 * 3600,
                )
            )
    ServiceDayStat.objects.bulk_create(stats, batch_size=500)
    LeadTimeSample.objects.bulk_create(leads, batch_size=500)
    DeskDayStat.objects.bulk_create(desk_rows, batch_size=500)


def _today(location: Location, rng: random.Random) -> None:
    """Check in the bookings that fall on today (moved to now where needed) and hand out a
    few walk-in tickets, so the clerk page shows a queue in the demo."""
    now = timezone.now()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    todays = list(
        Booking.objects.filter(
            location=location,
            status=Booking.Status.CONFIRMED,
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=1),
        )[:4]
    )
    front = User.objects.filter(organisation=location.organisation, role="FRONTOFFICE").first()
    for booking in todays if front else []:
        try:
            onsite.visit_check_in(location=location, code=booking.code, by=front)
        except onsite.OnsiteError:
            continue
    walk_services = list(
        Service.objects.filter(locations=location, is_active=True, walk_in_allowed=True)
    )
    for minutes in (25, 18, 12, 5):
        if not walk_services:
            break
        onsite.visit_walk_in(
            location=location,
            service_id=rng.choice(walk_services).pk,
            by=None,
            now=now - dt.timedelta(minutes=minutes),
        )
