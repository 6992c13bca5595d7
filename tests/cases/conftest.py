from __future__ import annotations

import datetime as dt

import pytest

from lotse.cases import services
from lotse.core.models import Role
from tests.conftest import make_user
from tests.consent.factories import consent
from tests.people.factories import person


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploads go to a temporary private directory, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def leitung_a(personas, orgs):
    return make_user("leitung_a", Role.LEITUNG, orgs["ki_a"])


@pytest.fixture
def colleague_a(personas, orgs):
    return make_user("cm2_a", Role.CASE_MANAGER, orgs["ki_a"])


@pytest.fixture
def amina(personas):
    return person(personas["cm_a"], "Haddad", "Amina", languages=["en", "ar"])


def agreement(personas, orgs, who):
    return consent(
        personas["cm_a"],
        who,
        [orgs["jobcenter_a"]],
        purposes=("FALLBESPRECHUNG",),
        categories=("STAMMDATEN", "FALLVERLAUF"),
        valid_from=dt.date(2024, 1, 1),
    )


def open_case(personas, orgs, who, by="cm_a"):
    return services.case_open(
        by=personas[by],
        person=who,
        intake=services.Intake(
            access_route="SELF",
            indications=["COMPLEX_NEEDS"],
            agreement_id=agreement(personas, orgs, who).pk,
        ),
    )


@pytest.fixture
def kim_case(personas, orgs, amina):
    return open_case(personas, orgs, amina)


def agreed_plan(user, case, *, review_in_days: int = 30):
    version = services.plan_draft(by=user, case=case)
    services.plan_update(
        by=user,
        version=version,
        global_goal="Eine eigene Wohnung und Arbeit finden",
        review_on=services.today() + dt.timedelta(days=review_in_days),
    )
    goal = services.goal_add(by=user, version=version, field_="ARBEIT", text="Arbeit finden")
    objective = services.objective_add(
        by=user,
        goal=goal,
        text="Drei Bewerbungen schreiben",
        indicator="drei abgeschickte Bewerbungen",
        target_on=services.today() + dt.timedelta(days=60),
    )
    services.step_add(
        by=user, objective=objective, text="Lebenslauf schreiben", responsible="PERSON"
    )
    return services.plan_agree(by=user, version=version, language="de")
