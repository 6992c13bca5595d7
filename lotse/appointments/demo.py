"""Demo data of this app, loaded by `lotse demo-data` once per demo Kommune."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from lotse.appointments import demo_catalogue as cat
from lotse.appointments import selectors, services
from lotse.appointments.models import (
    Break,
    Desk,
    Location,
    OpeningHours,
    Service,
    Team,
    WorkProfile,
    WorkProfileItem,
)
from lotse.core.models import Kommune, Organisation, User

PLACES = {
    "Kreis Musterland": ("Kreishaus Musterstadt", "Kreishausstraße 1", "12345", "Musterstadt"),
    "Stadt Beispielstadt": (
        "Bürgerzentrum Beispielstadt",
        "Marktplatz 5",
        "54321",
        "Beispielstadt",
    ),
}
PREFIX = {"Kreis Musterland": "musterland", "Stadt Beispielstadt": "beispielstadt"}
TEAMS = [
    ("Servicepoint", "A"),
    ("Erwerbsmigration", "B"),
    ("Familie und Humanitär", "C"),
    ("Einbürgerung", "E"),
]
GIVEN = ["Amina", "Olena", "Mehmet", "Reza", "Svetlana", "Yusuf", "Maryam", "Taras", "Leyla"]
FAMILY = ["Haddad", "Kovalenko", "Yılmaz", "Ahmadi", "Ivanova", "Demir", "Karimi", "Shevchenko"]


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    """Called inside the demo loader's system context and transaction, after the Kommune's
    organisations, accounts and persons exist (organisations by slug, see demo.services)."""
    abh = organisations["abh"]
    title, street, postcode, city = PLACES.get(
        kommune.name, (f"Ausländerbehörde {kommune.name}", "Rathausplatz 1", "10000", kommune.name)
    )
    location = Location.objects.create(
        kommune=kommune,
        organisation=abh,
        name=f"{abh.name} – {title}",
        street=street,
        postcode=postcode,
        city=city,
        phone="0000 123456",
        email=f"auslaenderbehoerde@{PREFIX.get(kommune.name, 'demo')}.invalid",
        note=cat.NOTE[0],
        translations=cat.note_translations(),
        slot_minutes=10,
    )
    teams = {
        name: Team.objects.create(organisation=abh, location=location, name=name, code=code)
        for name, code in TEAMS
    }
    for number in range(1, 7):
        desk = Desk.objects.create(location=location, name=f"Schalter {number}", number=str(number))
        desk.teams.set([teams["Servicepoint"]] if number <= 2 else list(teams.values())[1:])
    _hours(location)
    for order, item in enumerate(cat.SERVICES):
        service = Service.objects.create(
            organisation=abh,
            name=item["name"],
            description=item["description"],
            documents=cat.german_documents(item),
            fee_note=item["fee"],
            translations=cat.translations(item),
            duration_minutes=item["duration"],
            ozg_id=item["ozg_id"],
            walk_in_allowed=item["walk_in"],
            bookable_online=True,
            sort_order=order,
        )
        service.locations.add(location)
        service.teams.add(teams[str(item["team"])])
    _work_profiles(location, teams, PREFIX.get(kommune.name, ""))
    services.slots_compute(location=location, first_day=today)
    _bookings(location, random.Random(f"{seed}-{kommune.name}"))


def _hours(location: Location) -> None:
    rows = [
        OpeningHours(
            location=location,
            weekday=day,
            opens=dt.time(8),
            closes=dt.time(12),
            desks_online=3,
            desks_phone=1,
            desks_internal=2,
        )
        for day in range(5)
    ]
    rows += [
        OpeningHours(
            location=location,
            weekday=day,
            opens=dt.time(14),
            closes=dt.time(18),
            desks_online=2,
            desks_phone=1,
            desks_internal=1,
        )
        for day in (1, 3)
    ]
    OpeningHours.objects.bulk_create(rows)
    # Team meeting on Wednesdays.
    Break.objects.create(location=location, weekday=2, starts=dt.time(11), ends=dt.time(12))


def _work_profiles(location: Location, teams: dict[str, Team], prefix: str) -> None:
    for suffix, order in (
        ("frontoffice", ["Servicepoint", "Erwerbsmigration"]),
        ("abh", ["Erwerbsmigration", "Familie und Humanitär", "Servicepoint"]),
    ):
        user = User.objects.filter(username=f"{prefix}.{suffix}").first()
        if user is None:
            continue
        profile = WorkProfile.objects.create(user=user, location=location)
        WorkProfileItem.objects.bulk_create(
            [
                WorkProfileItem(profile=profile, team=teams[name], priority=i + 1)
                for i, name in enumerate(order)
            ]
        )


def _bookings(location: Location, rng: random.Random) -> None:
    """About twenty confirmed bookings in the coming two weeks (synthetic names)."""
    service_ids = list(Service.objects.filter(locations=location).values_list("pk", flat=True))
    now = timezone.now()
    made = 0
    for attempt in range(40):
        if made >= 20:
            break
        chosen = rng.sample(service_ids, k=1 if rng.random() < 0.8 else 2)
        duration = sum(
            Service.objects.filter(pk__in=chosen).values_list("duration_minutes", flat=True)
        )
        after = now + dt.timedelta(hours=rng.randint(2, 14 * 24))
        times = selectors.free_times(location=location, duration=duration, after=after, limit=1)
        if not times:
            continue
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        try:
            services.booking_request(
                location=location,
                service_ids=chosen,
                slot_id=times[0].slot_id,
                name=name,
                email=f"demo{attempt}@example.invalid",
                language=rng.choice(["de", "de", "ar", "uk", "tr", "fa", "ru", "en"]),
                confirmed=True,
                send_mail=False,
            )
        except services.BookingError:
            continue
        made += 1
