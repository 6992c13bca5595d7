from __future__ import annotations

import datetime as dt

import pytest

from lotse.cases import services as case_services
from lotse.core.models import Role
from lotse.network import services
from lotse.network.models import Offering
from tests.cases.conftest import agreed_plan, open_case  # noqa: F401
from tests.conftest import make_user
from tests.consent.factories import consent
from tests.people.factories import person


@pytest.fixture
def coord_a(personas, orgs):
    return make_user("coord_a", Role.COORDINATOR, orgs["ki_a"])


@pytest.fixture
def coord_b(personas, orgs):
    return make_user("coord_b", Role.COORDINATOR, orgs["ki_b"])


@pytest.fixture
def amina(personas):
    return person(personas["cm_a"], "Haddad", "Amina", languages=["en", "ar"], phone="0171 555")


@pytest.fixture
def kim_case(personas, orgs, amina):
    case = open_case(personas, orgs, amina)
    cm = personas["cm_a"]
    agreed_plan(cm, case)
    case_services.assessment_record(
        by=cm,
        case=case,
        on=case_services.today(),
        items=[
            case_services.ItemData(field="ARBEIT", needs="Arbeit als Pflegehelferin", priority=3),
            case_services.ItemData(field="GESUNDHEIT", needs="Rückenschmerzen", priority=2),
        ],
    )
    return case


@pytest.fixture
def referral_consent(personas, orgs, amina):
    """Amina consents: Jobcenter A may receive Stammdaten and Arbeit/Einkommen for Überleitung."""
    return consent(
        personas["cm_a"],
        amina,
        [orgs["jobcenter_a"]],
        purposes=("UEBERLEITUNG",),
        categories=("STAMMDATEN", "ARBEIT_EINKOMMEN"),
        valid_from=dt.date(2024, 1, 1),
    )


@pytest.fixture
def offering(orgs):
    return Offering.objects.create(
        kommune=orgs["jobcenter_a"].kommune,
        organisation=orgs["jobcenter_a"],
        name="Coaching für den Berufseinstieg",
        field="ARBEIT",
    )


def send(personas, orgs, case, categories=("STAMMDATEN", "ARBEIT_EINKOMMEN"), **extra):
    return services.referral_create(
        by=personas["cm_a"],
        case=case,
        data=services.ReferralData(
            to_organisation_id=orgs["jobcenter_a"].pk,
            purpose="UEBERLEITUNG",
            categories=list(categories),
            **extra,
        ),
    )


@pytest.fixture
def referral(personas, orgs, kim_case, referral_consent, offering):
    return send(personas, orgs, kim_case, offering_id=offering.pk, message="Bitte Termin")
