"""Property tests: data are shown exactly when a valid consent or legal basis covers recipient,
purpose and category at that moment – for the pure rule and through the Django gate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.consent import disclosure, rules
from lotse.consent.models import Consent, ConsentRecipient, LegalBasis, Purpose
from lotse.consent.rules import BERLIN, CASE_CONTENT, CONSENT, LEGAL_BASIS, Grant, covers
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.people.models import Person

PURPOSES = tuple(Purpose.values)
CATEGORIES = rules.CATEGORIES
KINDS = ("KI", "ABH", "EBH", "JOBCENTER", "MBE")
DAY0 = dt.date(2026, 1, 1)

days = st.integers(min_value=0, max_value=60).map(lambda n: DAY0 + dt.timedelta(days=n))
instants = st.builds(
    lambda day, minute: (
        dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN) + dt.timedelta(minutes=minute)
    ),
    days,
    st.integers(min_value=0, max_value=24 * 60 - 1),
)


@st.composite
def grant_specs(draw, n_orgs: int):
    """A consent or legal basis over organisation indexes 1..n_orgs-1 (0 is the owner)."""
    kind = draw(st.sampled_from([CONSENT, LEGAL_BASIS]))
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30)))
    others = list(range(1, n_orgs))
    if kind == CONSENT:
        recipients = draw(st.sets(st.sampled_from(others), min_size=1))
        purposes = draw(st.sets(st.sampled_from(PURPOSES), min_size=1))
        revoked = draw(st.one_of(st.none(), instants))
    else:
        recipients = {draw(st.sampled_from(others))}
        purposes = {draw(st.sampled_from(PURPOSES))}
        revoked = None
    return {
        "kind": kind,
        "recipients": recipients,
        "purposes": purposes,
        "categories": draw(st.sets(st.sampled_from(CATEGORIES), min_size=1)),
        "valid_from": start,
        "valid_until": None if length is None else start + dt.timedelta(days=length),
        "revoked_at": revoked,
    }


@st.composite
def scenarios(draw):
    kinds = ["KI", *draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))]
    specs = draw(st.lists(grant_specs(len(kinds)), max_size=6))
    attempt = {
        "org": draw(st.integers(min_value=0, max_value=len(kinds) - 1)),
        "purpose": draw(st.sampled_from(PURPOSES)),
        "category": draw(st.sampled_from(CATEGORIES)),
        "at": draw(instants),
    }
    return kinds, specs, attempt


def oracle(kinds, specs, attempt) -> bool:
    """The rule written out plainly, independent of rules.covers."""
    if attempt["org"] == 0:
        return True
    at = attempt["at"]
    day = at.astimezone(BERLIN).date()
    for s in specs:
        if attempt["org"] not in s["recipients"]:
            continue
        if attempt["purpose"] not in s["purposes"] or attempt["category"] not in s["categories"]:
            continue
        if day < s["valid_from"] or (s["valid_until"] is not None and day > s["valid_until"]):
            continue
        if s["revoked_at"] is not None and s["revoked_at"] <= at:
            continue
        if (
            s["kind"] == LEGAL_BASIS
            and attempt["category"] in CASE_CONTENT
            and kinds[attempt["org"]] in ("ABH", "EBH")
        ):
            continue
        return True
    return False


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_pure_rule_matches_the_oracle(scenario):
    kinds, specs, attempt = scenario
    grants = [
        Grant(
            kind=s["kind"],
            id=i,
            recipients=frozenset(s["recipients"]),
            purposes=frozenset(s["purposes"]),
            categories=frozenset(s["categories"]),
            valid_from=s["valid_from"],
            valid_until=s["valid_until"],
            revoked_at=s["revoked_at"],
        )
        for i, s in enumerate(specs, start=1)
    ]
    if attempt["org"] == 0:
        return  # the owner's own reads are decided by the gate, not by covers
    found = covers(
        grants,
        attempt["org"],
        attempt["purpose"],
        attempt["category"],
        attempt["at"],
        recipient_kind=kinds[attempt["org"]],
    )
    assert (found is not None) == oracle(kinds, specs, attempt)
    if found is not None:
        assert attempt["category"] in found.categories and attempt["org"] in found.recipients


def _build(kinds, specs):
    kommune = Kommune.objects.create(name="Kreis P")
    orgs = [
        Organisation.objects.create(kommune=kommune, kind=k, name=f"Org {i}")
        for i, k in enumerate(kinds)
    ]
    roles = {"ABH": Role.ABH_SB, "EBH": Role.EBH_SB, "KI": Role.CASE_MANAGER}
    users = [
        User.objects.create(username=f"u{i}", organisation=o, role=roles.get(o.kind, Role.PARTNER))
        for i, o in enumerate(orgs)
    ]
    person = Person.objects.create(kommune=kommune, organisation=orgs[0], family_name="P")
    for s in specs:
        if s["kind"] == CONSENT:
            consent = Consent.objects.create(
                kommune=kommune,
                organisation=orgs[0],
                person=person,
                given_by="PERSON",
                purposes=sorted(s["purposes"]),
                categories=sorted(s["categories"]),
                form="WRITTEN",
                valid_from=s["valid_from"],
                valid_until=s["valid_until"],
                created_by=users[0],
            )
            ConsentRecipient.objects.bulk_create(
                ConsentRecipient(kommune=kommune, consent=consent, organisation=orgs[i])
                for i in s["recipients"]
            )
            if s["revoked_at"] is not None:
                # Revocation at a chosen instant (the service always uses "now").
                Consent.objects.filter(pk=consent.pk).update(revoked_at=s["revoked_at"])
        else:
            LegalBasis.objects.create(
                kommune=kommune,
                organisation=orgs[0],
                person=person,
                recipient=orgs[next(iter(s["recipients"]))],
                norm="§ 71 Abs. 2 SGB X",
                justification="Test",
                purpose=next(iter(s["purposes"])),
                categories=sorted(s["categories"]),
                valid_from=s["valid_from"],
                valid_until=s["valid_until"],
                recorded_by=users[0],
            )
    return users, person


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scenario=scenarios())
def test_gate_shows_data_exactly_when_covered(scenario, django_assert_max_num_queries):
    kinds, specs, attempt = scenario
    with transaction.atomic():
        users, person = _build(kinds, specs)
        user = User.objects.select_related("organisation").get(pk=users[attempt["org"]].pk)
        args = (user, person, attempt["purpose"], attempt["category"], attempt["at"])
        disclosure.check(*args)  # warm-up: SQLite probes its JSON support once per connection
        with django_assert_max_num_queries(1):
            basis = disclosure.check(*args)
        assert (basis is not None) == oracle(kinds, specs, attempt)
        if basis is not None and attempt["org"] == 0:
            assert basis.kind == disclosure.OWN
        transaction.set_rollback(True)
