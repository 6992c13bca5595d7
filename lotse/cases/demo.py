"""Demo data of this app, loaded by `lotse demo-data` once per demo Kommune.

The case manager of the KI gets ~45 KIM cases with realistic histories (intake with agreement,
assessments, agreed Zielvereinbarungen with steps, notes, tasks due today and overdue, some
closed); the Integrationslotsin of the ABH takes over a few Perspektivfälle. Everything runs
through the services (so the event log is real); dates of the past are set afterwards.
Deterministic for a seed. Synthetic texts only.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from lotse.cases import services
from lotse.cases.models import (
    Assessment,
    Case,
    CaseStatusChange,
    Handlungsfeld,
    Note,
    PlanVersion,
)
from lotse.consent.models import Category
from lotse.consent.services import ConsentData
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.people.models import Person

CASES_PER_MANAGER = 45
PERSPECTIVE_CASES = 4

GOALS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    # field: (Schwerpunktziel, Handlungsziel, indicator, steps)
    "ARBEIT": [
        (
            "Eine Arbeit finden, die zur Ausbildung passt",
            "Berufsabschluss anerkennen lassen",
            "Bescheid über die Anerkennung liegt vor",
            ["Zeugnisse übersetzen lassen", "Antrag bei der Anerkennungsstelle stellen"],
        ),
        (
            "Eine sozialversicherungspflichtige Arbeit aufnehmen",
            "Fünf Bewerbungen schreiben",
            "fünf abgeschickte Bewerbungen",
            ["Lebenslauf erstellen", "Termin im Bewerbungscafé wahrnehmen"],
        ),
    ],
    "SPRACHE": [
        (
            "Deutsch im Alltag sicher sprechen",
            "Integrationskurs bis B1 abschließen",
            "Zertifikat Deutsch-Test für Zuwanderer B1",
            ["Berechtigungsschein beantragen", "Kursplatz beim Sprachkursträger suchen"],
        ),
    ],
    "WOHNEN": [
        (
            "Eine eigene Wohnung finden",
            "Wohnberechtigungsschein beantragen",
            "Wohnberechtigungsschein liegt vor",
            ["Antrag ausfüllen", "Einkommensnachweise sammeln"],
        ),
    ],
    "GESUNDHEIT": [
        (
            "Gesundheitliche Versorgung sichern",
            "Hausarztpraxis finden",
            "erster Termin in einer Hausarztpraxis hat stattgefunden",
            ["Praxen mit Sprachangebot heraussuchen", "Krankenversicherungskarte beantragen"],
        ),
    ],
    "FAMILIE": [
        (
            "Betreuung der Kinder klären",
            "Kita-Platz für das jüngste Kind finden",
            "Betreuungsvertrag unterschrieben",
            ["Anmeldung im Kita-Portal", "Gespräch mit dem Jugendamt"],
        ),
    ],
    "FINANZEN": [
        (
            "Den Lebensunterhalt sichern",
            "Leistungsansprüche klären",
            "Bescheid über Leistungen liegt vor",
            ["Unterlagen für den Antrag sammeln", "Termin beim Jobcenter vereinbaren"],
        ),
    ],
}
NOTES = [
    ("BERATUNG", "Erstgespräch: Lage besprochen, Unterlagen gesichtet, nächste Schritte erklärt."),
    ("TELEFONAT", "Rückruf: Termin beim Jobcenter bestätigt."),
    ("HAUSBESUCH", "Hausbesuch: Wohnsituation angesehen, Mängel dokumentiert."),
    ("FALLKONFERENZ", "Fallkonferenz mit Jobcenter und Sprachkursträger: Reihenfolge abgestimmt."),
    ("SONSTIGES", "Unterlagen für den Antrag in Kopie erhalten."),
]
TASKS = [
    "Unterlagen für den Antrag prüfen",
    "Rückruf Jobcenter",
    "Termin beim Sprachkursträger vereinbaren",
    "Bescheid mit der Person besprechen",
    "Übersetzung der Zeugnisse nachfragen",
]


def _staff(organisation: Organisation, role: str) -> User | None:
    return User.objects.filter(organisation=organisation, role=role).order_by("id").first()


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    """Called inside the demo loader's system context and transaction, after the Kommune's
    organisations, accounts and persons exist (organisations by slug, see demo.services)."""
    generator = random.Random(f"{seed}-cases-{kommune.name}")
    # The services check dates against the real calendar day (nothing in the future, reviews
    # ahead), so the histories are laid out back from it even when the loader's day differs.
    today = services.today()
    ki = organisations.get("ki")
    manager = _staff(ki, Role.CASE_MANAGER) if ki else None
    if ki is not None and manager is not None:
        partners = [o for slug, o in organisations.items() if slug not in {"ki", "abh", "ebh"}]
        persons = list(Person.objects.filter(organisation=ki).order_by("id")[:CASES_PER_MANAGER])
        for index, person in enumerate(persons):
            _kim_case(generator, manager, person, partners, today, index)
    abh = organisations.get("abh")
    lotsin = _staff(abh, Role.LOTSIN) if abh else None
    sachbearbeitung = _staff(abh, Role.ABH_SB) if abh else None
    if abh is not None and lotsin is not None and sachbearbeitung is not None:
        _perspective_cases(abh, lotsin, sachbearbeitung)


def _kim_case(
    generator: random.Random,
    manager: User,
    person: Person,
    partners: list[Organisation],
    today: dt.date,
    index: int,
) -> None:
    opened = today - dt.timedelta(days=generator.randint(20, 540))
    recipients = generator.sample(partners, k=min(len(partners), generator.randint(1, 3)))
    referred = generator.random() < 0.5
    case = services.case_open(
        by=manager,
        person=person,
        intake=services.Intake(
            access_route=Case.AccessRoute.REFERRAL if referred else Case.AccessRoute.SELF,
            referred_by_id=recipients[0].pk if referred else None,
            indications=generator.sample(list(Case.Indication.values), k=generator.randint(1, 3)),
            opened_on=opened,
        ),
        new_agreement=ConsentData(
            given_by="PERSON",
            recipient_ids=[o.pk for o in recipients],
            purposes=["FALLBESPRECHUNG"],
            categories=[Category.STAMMDATEN, Category.FALLVERLAUF],
            form="WRITTEN",
            valid_from=opened,
        ),
    )
    fields = generator.sample(list(GOALS), k=generator.randint(1, 3))
    first = _assessment(generator, manager, case, opened + dt.timedelta(days=7), fields, high=True)
    version = _plan(generator, manager, case, fields, today, partners)
    for kind, text in generator.sample(NOTES, k=generator.randint(2, 5)):
        services.note_add(
            by=manager,
            case=case,
            kind=kind,
            on=min(today, opened + dt.timedelta(days=generator.randint(0, 120))),
            text=text,
        )
    if (today - opened).days > 180:
        _assessment(generator, manager, case, opened + dt.timedelta(days=170), fields, high=False)
    # Tasks: some due today, some overdue, some coming up.
    for offset in generator.sample([-9, -3, -1, 0, 0, 2, 5, 12], k=generator.randint(1, 3)):
        services.task_create(
            by=manager,
            case=case,
            title=generator.choice(TASKS),
            due_on=today + dt.timedelta(days=offset),
        )
    if index % 6 == 5:
        _close(generator, manager, case, version, today)
    _backdate(case, opened, first, version)


def _assessment(
    generator: random.Random,
    manager: User,
    case: Case,
    on: dt.date,
    fields: list[str],
    *,
    high: bool,
) -> Assessment:
    items = [
        services.ItemData(
            field=code,
            resources="Motiviert, Unterstützung durch Familie" if code in fields else "",
            needs="Begleitung bei Anträgen" if code in fields else "",
            priority=(generator.choice([2, 3]) if high else generator.choice([1, 2]))
            if code in fields
            else generator.choice([0, 1]),
        )
        for code in Handlungsfeld.values
    ]
    return services.assessment_record(
        by=manager, case=case, on=min(on, services.today()), items=items
    )


def _plan(
    generator: random.Random,
    manager: User,
    case: Case,
    fields: list[str],
    today: dt.date,
    partners: list[Organisation],
) -> PlanVersion:
    version = services.plan_draft(by=manager, case=case)
    services.plan_update(
        by=manager,
        version=version,
        global_goal="Selbstständig und sicher in der Kommune leben",
        review_on=today + dt.timedelta(days=generator.choice([1, 3, 5, 14, 30, 60, 90])),
    )
    for code in fields:
        focus, action, indicator, steps = generator.choice(GOALS[code])
        goal = services.goal_add(by=manager, version=version, field_=code, text=focus)
        objective = services.objective_add(
            by=manager,
            goal=goal,
            text=action,
            indicator=indicator,
            target_on=today + dt.timedelta(days=generator.randint(30, 200)),
        )
        for position, text in enumerate(steps):
            responsible = ["PERSON", "CASE_MANAGER", "ORGANISATION"][position % 3]
            step = services.step_add(
                by=manager,
                objective=objective,
                text=text,
                responsible=responsible,
                organisation=generator.choice(partners) if responsible == "ORGANISATION" else None,
                due_on=today + dt.timedelta(days=generator.randint(-20, 60)),
            )
            if generator.random() < 0.4:
                services.step_set_status(by=manager, step=step, status="DONE")
    if generator.random() < 0.85:
        services.plan_agree(by=manager, version=version, language="de")
    return version


def _close(
    generator: random.Random, manager: User, case: Case, version: PlanVersion, today: dt.date
) -> None:
    if version.status == PlanVersion.Status.AGREED:
        for goal in version.goals.all():
            attainment = generator.choice(["ACHIEVED", "PARTLY", "NOT_ACHIEVED"])
            services.attainment_record(
                by=manager,
                item=goal,
                attainment=attainment,
                reason="" if attainment == "ACHIEVED" else "Wartezeit bei der Behörde",
            )
    services.case_close(
        by=manager,
        case=case,
        reason=generator.choice(["GOALS_REACHED", "GOALS_REACHED", "MOVED", "NO_CONTACT"]),
        outcome=generator.choice(["ACHIEVED", "PARTLY"]),
        on=max(case.opened_on, today - dt.timedelta(days=generator.randint(1, 15))),
    )


def _backdate(case: Case, opened: dt.date, first: Assessment, version: PlanVersion) -> None:
    """Give the records their dates in the past (the services stamp "now")."""
    opened_at = timezone.make_aware(dt.datetime.combine(opened, dt.time(10)))
    CaseStatusChange.objects.filter(case=case, kind="OPENED").update(on=opened)
    Assessment.objects.filter(pk=first.pk).update(
        assessed_on=min(opened + dt.timedelta(days=7), timezone.localdate())
    )
    if version.status == PlanVersion.Status.AGREED:
        agreed = opened_at + dt.timedelta(days=14)
        PlanVersion.objects.filter(pk=version.pk).update(agreed_at=min(agreed, timezone.now()))
    Note.objects.filter(case=case).update(created_at=opened_at)


def _perspective_cases(abh: Organisation, lotsin: User, sachbearbeitung: User) -> None:
    """The lotsin takes over persons handed over by the Sachbearbeitung (the real flow)."""
    from lotse.pathways import services as pathways_services
    from lotse.pathways.models import Outcome, ScreeningResult

    promising = (
        ScreeningResult.objects.filter(
            organisation=abh,
            outcome__in=[
                Outcome.NOT_YET,
                Outcome.DISCRETION,
                Outcome.REVIEW,
                Outcome.ELIGIBLE_SOLL,
            ],
        )
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    person_ids: list[Any] = list(dict.fromkeys(promising))[:PERSPECTIVE_CASES]
    for person in Person.objects.filter(pk__in=person_ids).order_by("id"):
        if Case.objects.filter(person=person, status=Case.Status.OPEN).exists():
            continue
        handed = pathways_services.handover(
            by=sachbearbeitung, person=person, note="Gut integriert, Perspektive prüfen"
        )
        pathways_services.take_over(by=lotsin, case=handed)
