"""Loading the demo Kommunen: organisations, one account per role, synthetic persons."""

from __future__ import annotations

import datetime as dt
import functools

from django.contrib.auth.hashers import make_password
from django.db import transaction

from lotse.appointments import demo as appointments_demo
from lotse.appointments import demo_invitations as invitations_demo
from lotse.appointments import demo_onsite as onsite_demo
from lotse.appointments.planning import demo as planning_demo
from lotse.cases import demo as cases_demo
from lotse.core import events, tenancy
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.demo.generator import Generator
from lotse.network import demo as network_demo
from lotse.people.models import Household, Person, Relation
from lotse.people.services import persons_insert

DEMO_PASSWORD = "Lotse-Demo-2026"

K = Organisation.Kind
KOMMUNEN: dict[str, list[tuple[str, str, str]]] = {
    # Kommune: (slug, organisation name, kind)
    "Kreis Musterland": [
        ("ki", "Kommunales Integrationszentrum Kreis Musterland", K.KI),
        ("abh", "Ausländerbehörde Kreis Musterland", K.ABH),
        ("ebh", "Einbürgerungsbehörde Kreis Musterland", K.EBH),
        ("jobcenter", "Jobcenter Kreis Musterland", K.JOBCENTER),
        ("jugendamt", "Jugendamt Kreis Musterland", K.JUGENDAMT),
        ("sozialamt", "Sozialamt Kreis Musterland", K.SOZIALAMT),
        ("caritas", "Caritasverband Musterland", K.WOHLFAHRT),
        ("diakonie", "Diakonie Musterland", K.WOHLFAHRT),
        ("mbe", "Migrationsberatung für Erwachsene Musterland", K.MBE),
        ("jmd", "Jugendmigrationsdienst Musterland", K.JMD),
    ],
    "Stadt Beispielstadt": [
        ("ki", "Kommunales Integrationszentrum Beispielstadt", K.KI),
        ("abh", "Ausländerbehörde Beispielstadt", K.ABH),
        ("ebh", "Einbürgerungsbehörde Beispielstadt", K.EBH),
        ("jobcenter", "Jobcenter Beispielstadt", K.JOBCENTER),
        ("caritas", "Caritas Beispielstadt", K.WOHLFAHRT),
    ],
}
PREFIX = {"Kreis Musterland": "musterland", "Stadt Beispielstadt": "beispielstadt"}
# Each app adds its own demo data per Kommune once persons and accounts exist; order matters
# (referrals in `network` refer to cases).
APP_DEMOS = (
    cases_demo.load,
    network_demo.load,
    appointments_demo.load,
    onsite_demo.load,
    invitations_demo.load,
    planning_demo.load,
)

# username suffix, role, organisation slug, display name
ACCOUNTS: list[tuple[str, str, str, str, str]] = [
    ("lotsin", Role.LOTSIN, "abh", "Lena", "Lotsin"),
    ("abh", Role.ABH_SB, "abh", "Anton", "Albers"),
    ("frontoffice", Role.FRONTOFFICE, "abh", "Fatma", "Front"),
    ("leitung", Role.LEITUNG, "abh", "Lutz", "Leitner"),
    ("ebh", Role.EBH_SB, "ebh", "Emil", "Ebert"),
    ("casemanager", Role.CASE_MANAGER, "ki", "Clara", "Marx"),
    ("koordination", Role.COORDINATOR, "ki", "Kai", "Koch"),
    ("statistik", Role.STATISTIK, "ki", "Sina", "Stein"),
    ("admin", Role.ADMIN, "ki", "Ada", "Admin"),
    ("jobcenter", Role.PARTNER, "jobcenter", "Jonas", "Becker"),
]
# Share of a Kommune's persons recorded by each organisation (the ABH holds most).
PERSON_SHARE = [("abh", 0.70), ("ki", 0.15), ("jobcenter", 0.10), ("ebh", 0.05)]


def demo_loaded() -> bool:
    return Kommune.objects.filter(name="Kreis Musterland").exists()


def load(*, persons_per_kommune: int, seed: int, today: dt.date) -> None:
    """Create both demo Kommunen, their accounts and persons. System job: RLS bypassed."""
    with tenancy.system_context(), transaction.atomic():
        for kommune_name, organisations in KOMMUNEN.items():
            kommune = Kommune.objects.create(name=kommune_name)
            by_slug = {
                slug: Organisation.objects.create(kommune=kommune, name=name, kind=kind)
                for slug, name, kind in organisations
            }
            _accounts(kommune_name, by_slug)
            generator = Generator(seed=seed, kommune=kommune_name, today=today)
            _persons(generator, by_slug, persons_per_kommune)
            for app_demo in APP_DEMOS:
                app_demo(kommune=kommune, organisations=by_slug, seed=seed, today=today)
        land = Kommune.objects.create(name="Land Nordrhein-Westfalen")
        ministry = Organisation.objects.create(
            kommune=land, name="Ministerium (Referat Integration)", kind=K.LAND
        )
        _user("land", Role.LAND, ministry, "Lara", "Land")
        events.record(
            activity="demo.loaded", data={"persons_per_kommune": persons_per_kommune, "seed": seed}
        )


def _user(
    username: str, role: str, organisation: Organisation, first: str, last: str, exempt: bool = True
) -> User:
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        role=role,
        organisation=organisation,
        otp_exempt=exempt,
    )
    user.password = _demo_password_hash()
    user.save()
    return user


@functools.cache
def _demo_password_hash() -> str:
    # One Argon2 hash for all demo accounts (each hash costs ~0.15 s; salts differ in real use).
    return make_password(DEMO_PASSWORD)


def _accounts(kommune_name: str, by_slug: dict[str, Organisation]) -> None:
    for suffix, role, slug, first, last in ACCOUNTS:
        username = f"{PREFIX[kommune_name]}.{suffix}"
        # One Musterland account shows the real log-in: it sets up TOTP at first log-in.
        exempt = not (kommune_name == "Kreis Musterland" and suffix == "leitung")
        _user(username, role, by_slug[slug], first, last, exempt=exempt)


def _persons(
    generator: Generator, by_slug: dict[str, Organisation], total: int, batch: int = 5000
) -> None:
    remaining = total
    for slug, share in PERSON_SHARE:
        count = remaining if slug == PERSON_SHARE[-1][0] else round(total * share)
        remaining -= count
        organisation = by_slug[slug]
        rows = list(generator.persons(count))
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            persons = persons_insert(organisation=organisation, rows=[data for data, _p in chunk])
            _families(organisation, persons, [parent for _d, parent in chunk], start)


def _families(
    organisation: Organisation, persons: list[Person], parents: list[int | None], offset: int
) -> None:
    """Link children to the parent generated just before them: household and PARENT_OF."""
    relations = []
    for position, parent_index in enumerate(parents):
        local = parent_index - offset if parent_index is not None else -1
        if local < 0:
            continue
        parent, child = persons[local], persons[position]
        if parent.household_id is None:
            parent.household = Household.objects.create(
                kommune_id=organisation.kommune_id, organisation=organisation
            )
            parent.save(update_fields=["household"])
        child.household = parent.household
        child.save(update_fields=["household"])
        relations.append(
            Relation(
                kommune_id=organisation.kommune_id,
                from_person=parent,
                to_person=child,
                kind=Relation.Kind.PARENT_OF,
            )
        )
    Relation.objects.bulk_create(relations)
