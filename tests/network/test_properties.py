"""Property test: a referral shows a category's data exactly when a consent or legal basis valid
at that moment covers recipient, purpose and category; every shown category is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.cases.models import Case
from lotse.consent.models import Disclosure
from lotse.core.models import User
from lotse.network import selectors
from lotse.network.models import Referral
from tests.consent.test_properties import CATEGORIES, _build, oracle, scenarios


@st.composite
def referral_scenarios(draw):
    kinds, specs, attempt = draw(scenarios())
    if attempt["org"] == 0:
        attempt = {**attempt, "org": 1}  # a referral always goes to another organisation
    shared = draw(st.sets(st.sampled_from(CATEGORIES), min_size=1))
    status = draw(st.sampled_from(["SENT", "SENT", "ACCEPTED", "DECLINED", "COMPLETED"]))
    return kinds, specs, attempt, sorted(shared), status


def _referral(users: list[User], person, to: int, purpose: str, shared: list[str], status: str):
    owner = users[0]
    case = Case.objects.create(
        kommune_id=person.kommune_id,
        organisation_id=person.organisation_id,
        person=person,
        case_manager=owner,
        kind="KIM",
        access_route="SELF",
        opened_on=dt.date(2026, 1, 1),
    )
    return Referral.objects.create(
        kommune_id=person.kommune_id,
        case=case,
        from_organisation_id=person.organisation_id,
        from_user=owner,
        to_organisation_id=users[to].organisation_id,
        purpose=purpose,
        categories=shared,
        status=status,
        decline_reason="x" if status == "DECLINED" else "",
        answer_due_on=dt.date(2026, 1, 15),
    )


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scenario=referral_scenarios())
def test_referral_shows_a_category_exactly_when_covered_and_logs_it(scenario):
    kinds, specs, attempt, shared, status = scenario
    with transaction.atomic():
        users, person = _build(kinds, specs)
        referral = _referral(users, person, attempt["org"], attempt["purpose"], shared, status)
        reader = User.objects.select_related("organisation").get(pk=users[attempt["org"]].pk)
        view = selectors.referral_disclosure(user=reader, referral=referral, at=attempt["at"])
        shown = {s.category for s in view.sections}
        if status in ("DECLINED", "COMPLETED"):
            expected: set[str] = set()
        else:
            expected = {c for c in shared if oracle(kinds, specs, {**attempt, "category": c})}
        assert shown == expected
        assert view.access_ended == (not expected and status in ("SENT", "ACCEPTED"))
        logged = list(Disclosure.objects.values_list("category", "to_organisation_id", "purpose"))
        assert sorted(logged) == sorted(
            (c, reader.organisation_id, attempt["purpose"]) for c in expected
        )
        transaction.set_rollback(True)
