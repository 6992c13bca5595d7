"""Demo data of this app, loaded by `lotse demo-data` once per demo Kommune (after the cases).

- Offerings of the partner organisations.
- Referrals of the KI case manager to the Jobcenter, each under a consent of the person naming
  the Jobcenter: one accepted, one open (answer overdue, so `lotse referrals-remind` has work),
  one declined; and one from the Integrationslotsin (ABH) to the KI, open in the case
  manager's inbox.
- An open transfer of a Perspektivfall from the Integrationslotsin to the case manager.
- About 15 obstacles across Handlungsfelder for the coordinator.
Everything goes through the services; deterministic for a seed; synthetic texts only.
"""

from __future__ import annotations

import datetime as dt
import random

from lotse.cases.models import Case
from lotse.consent.models import Category, Purpose
from lotse.consent.services import ConsentData, consent_give
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.network import services
from lotse.network.models import Obstacle, Offering, Referral

OFFERINGS: dict[str, list[tuple[str, str, str]]] = {
    "jobcenter": [
        ("Coaching für den Berufseinstieg", "ARBEIT", "Einzelcoaching bis zu sechs Monate."),
        ("Anerkennungsberatung", "ARBEIT", "Beratung zur Anerkennung ausländischer Abschlüsse."),
        ("Berufsbezogener Deutschkurs (DeuFöV)", "SPRACHE", "Kurse B1 bis C1 mit Fachsprache."),
    ],
    "caritas": [("Schuldnerberatung", "FINANZEN", "Offene Sprechstunde dienstags.")],
    "mbe": [("Migrationsberatung", "TEILHABE", "Beratung für Erwachsene ab 27 Jahren.")],
    "jmd": [("Jugendmigrationsdienst", "BILDUNG", "Beratung für junge Menschen bis 27.")],
    "ki": [("KIM-Case-Management", "TEILHABE", "Begleitung bei komplexem Unterstützungsbedarf.")],
}

OBSTACLES: list[tuple[str, str, str, str]] = [
    # Handlungsfeld, kind, concerned organisation slug ("" = none), description
    (
        "SPRACHE",
        "WAITING",
        "",
        "Wartezeit auf einen Integrationskurs mit Kinderbetreuung: 7 Monate",
    ),
    ("SPRACHE", "GAP", "", "Kein Alphabetisierungskurs am Nachmittag im Nordkreis"),
    ("SPRACHE", "WAITING", "jobcenter", "Berufssprachkurs B2 erst nach 5 Monaten verfügbar"),
    ("ARBEIT", "INTERFACE", "jobcenter", "Unklare Zuständigkeit für Anerkennungskosten"),
    ("ARBEIT", "INTERFACE", "abh", "Beschäftigungserlaubnis dauert länger als die Zusage gilt"),
    ("ARBEIT", "WAITING", "abh", "Bearbeitung der Beschäftigungserlaubnis über 8 Wochen"),
    (
        "ARBEIT",
        "INFORMATION",
        "jobcenter",
        "Eingliederungsvereinbarung liegt der Fachkraft nicht vor",
    ),
    ("WOHNEN", "GAP", "", "Kaum Wohnungen für große Familien unter der Mietobergrenze"),
    (
        "WOHNEN",
        "INTERFACE",
        "sozialamt",
        "Kautionsübernahme: Sozialamt und Jobcenter verweisen aufeinander",
    ),
    ("GESUNDHEIT", "ACCESS", "", "Keine Psychotherapie mit Dolmetschung im Kreis"),
    ("GESUNDHEIT", "WAITING", "", "Wartezeit Kinderarzt für Neuzugezogene über 3 Monate"),
    ("FAMILIE", "GAP", "jugendamt", "Zu wenige Kita-Plätze für unterjährig Zugezogene"),
    ("AUFENTHALT", "INFORMATION", "abh", "Fiktionsbescheinigung wird Arbeitgebern nicht erklärt"),
    (
        "FINANZEN",
        "INTERFACE",
        "sozialamt",
        "Leistungswechsel AsylbLG zu SGB II: Lücke von 4 Wochen",
    ),
    ("BILDUNG", "ACCESS", "", "Schulplatzvergabe für Seiteneinsteiger dauert zu lange"),
]
STATUS_CYCLE = ["NEW", "NEW", "WORKING_GROUP", "STEERING", "NEW", "DONE"]


def _staff(organisation: Organisation | None, role: str) -> User | None:
    if organisation is None:
        return None
    return User.objects.filter(organisation=organisation, role=role, is_active=True).first()


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    """Called inside the demo loader's system context and transaction, after the Kommune's
    organisations, accounts, persons and cases exist (organisations by slug)."""
    generator = random.Random(f"network-{seed}-{kommune.name}")
    _offerings(kommune, organisations)
    ki, abh, jobcenter = (organisations.get(s) for s in ("ki", "abh", "jobcenter"))
    cm = _staff(ki, Role.CASE_MANAGER)
    lotsin = _staff(abh, Role.LOTSIN)
    partner = _staff(jobcenter, Role.PARTNER)
    if ki is None or cm is None:
        return
    kim_cases = list(
        Case.objects.filter(organisation=ki, kind="KIM", status="OPEN", case_manager=cm)
        .select_related("person")
        .order_by("id")
    )
    if jobcenter is not None and partner is not None and len(kim_cases) >= 3:
        _referrals_to_jobcenter(cm, partner, jobcenter, kim_cases[:3], today)
    if abh is not None and lotsin is not None:
        _from_lotsin(lotsin, ki, cm, today)
    _obstacles(cm, organisations, kim_cases, generator)


def _offerings(kommune: Kommune, organisations: dict[str, Organisation]) -> None:
    for slug, offerings in OFFERINGS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        Offering.objects.bulk_create(
            Offering(
                kommune=kommune,
                organisation=organisation,
                name=name,
                field=field,
                description=description,
            )
            for name, field, description in offerings
        )


def _consent(by: User, case: Case, to: Organisation, categories: list[str], on: dt.date) -> None:
    consent_give(
        by=by,
        person=case.person,
        data=ConsentData(
            given_by="PERSON",
            recipient_ids=[to.pk],
            purposes=[Purpose.UEBERLEITUNG],
            categories=categories,
            form="WRITTEN",
            valid_from=on,
        ),
    )


def _referrals_to_jobcenter(
    cm: User, partner: User, jobcenter: Organisation, cases: list[Case], today: dt.date
) -> None:
    offering = Offering.objects.filter(organisation=jobcenter).order_by("id").first()
    shared: list[str] = [Category.STAMMDATEN, Category.ARBEIT_EINKOMMEN, Category.FALLVERLAUF]
    sent: list[Referral] = []
    for case in cases:
        _consent(cm, case, jobcenter, shared, today - dt.timedelta(days=30))
        sent.append(
            services.referral_create(
                by=cm,
                case=case,
                data=services.ReferralData(
                    to_organisation_id=jobcenter.pk,
                    purpose=Purpose.UEBERLEITUNG,
                    categories=shared,
                    offering_id=offering.pk if offering else None,
                    message="Bitte um einen Termin für ein Erstgespräch zum Berufseinstieg.",
                ),
            )
        )
    accepted, open_, declined = sent
    services.referral_accept(by=partner, referral=accepted)
    services.referral_decline(
        by=partner,
        referral=declined,
        reason="Die Person ist bereits in einer Maßnahme; bitte erst nach deren Ende erneut.",
    )
    # The open one waits for an answer for longer than agreed: the reminder job picks it up.
    Referral.objects.filter(pk=open_.pk).update(answer_due_on=today - dt.timedelta(days=2))


def _from_lotsin(lotsin: User, ki: Organisation, cm: User, today: dt.date) -> None:
    cases = list(
        Case.objects.filter(organisation=lotsin.organisation, kind="PERSPEKTIVE", status="OPEN")
        .select_related("person")
        .order_by("id")[:2]
    )
    if len(cases) < 2:
        return
    to_referral, to_transfer = cases
    shared: list[str] = [Category.STAMMDATEN, Category.AUFENTHALT]
    _consent(lotsin, to_referral, ki, shared, today)
    offering = Offering.objects.filter(organisation=ki).order_by("id").first()
    services.referral_create(
        by=lotsin,
        case=to_referral,
        data=services.ReferralData(
            to_organisation_id=ki.pk,
            purpose=Purpose.UEBERLEITUNG,
            categories=shared,
            offering_id=offering.pk if offering else None,
            message="Komplexer Bedarf rund um Arbeit und Wohnen; bitte Case Management prüfen.",
        ),
    )
    _consent(lotsin, to_transfer, ki, [Category.STAMMDATEN, Category.FALLVERLAUF], today)
    services.transfer_request(
        by=lotsin,
        case=to_transfer,
        data=services.TransferData(
            to_organisation_id=ki.pk,
            to_user_id=cm.pk,
            message=(
                "Aufenthalt ist gesichert; die weitere Begleitung passt ins KIM-Case-Management."
            ),
        ),
    )


def _obstacles(
    cm: User, organisations: dict[str, Organisation], cases: list[Case], generator: random.Random
) -> None:
    if not cases:
        return
    for index, (field, kind, slug, text) in enumerate(OBSTACLES):
        concerned = organisations.get(slug) if slug else None
        obstacle = services.obstacle_record(
            by=cm,
            case=generator.choice(cases),
            data=services.ObstacleData(
                field=field,
                kind=kind,
                description=text,
                concerned_id=concerned.pk if concerned else None,
            ),
        )
        status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
        if status != Obstacle.Status.NEW:
            Obstacle.objects.filter(pk=obstacle.pk).update(status=status)
