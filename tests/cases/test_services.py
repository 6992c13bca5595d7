"""Services, rules and selectors of the cases app (besides the views)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from lotse.cases import access, selectors, services
from lotse.cases.models import CASE_TABLES, Case, Goal, PlanVersion, Task
from lotse.consent.services import consent_revoke
from lotse.core import policy, tenancy
from lotse.core.models import Event
from tests.cases.conftest import agreed_plan, agreement, open_case
from tests.consent.factories import consent
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_one_open_case_per_person(personas, orgs, kim_case):
    with pytest.raises(ValidationError) as error:
        open_case(personas, orgs, kim_case.person)
    assert services.ERR_OPEN_CASE in error.value.messages
    assert Case.objects.count() == 1


def test_roles_without_case_work_may_not_open(personas, orgs, amina, leitung_a):
    intake = services.Intake(access_route="SELF", indications=["COMPLEX_NEEDS"])
    for user in (leitung_a, personas["stat_a"], personas["admin_a"], personas["cm_b"]):
        with pytest.raises(PermissionDenied):
            services.case_open(by=user, person=amina, intake=intake)


def test_a_revoked_agreement_does_not_carry_a_case(personas, orgs, amina):
    consent_ = agreement(personas, orgs, amina)
    consent_revoke(by=personas["cm_a"], consent=consent_)
    with pytest.raises(ValidationError):
        services.case_open(
            by=personas["cm_a"],
            person=amina,
            intake=services.Intake(
                access_route="SELF", indications=["COMPLEX_NEEDS"], agreement_id=consent_.pk
            ),
        )


def test_referral_names_another_organisation(personas, orgs, amina):
    consent_ = agreement(personas, orgs, amina)
    for referred in (None, orgs["ki_a"].pk, orgs["ki_b"].pk):
        with pytest.raises(ValidationError):
            services.case_open(
                by=personas["cm_a"],
                person=amina,
                intake=services.Intake(
                    access_route="REFERRAL",
                    referred_by_id=referred,
                    indications=["COMPLEX_NEEDS"],
                    agreement_id=consent_.pk,
                ),
            )


def test_a_failed_intake_does_not_keep_the_new_agreement(personas, orgs, amina):
    from lotse.consent.models import Consent
    from lotse.consent.services import ConsentData

    with pytest.raises(ValidationError):
        services.case_open(
            by=personas["cm_a"],
            person=amina,
            intake=services.Intake(access_route="SELF", indications=[]),
            new_agreement=ConsentData(
                given_by="PERSON",
                recipient_ids=[orgs["jobcenter_a"].pk],
                purposes=["FALLBESPRECHUNG"],
                categories=["FALLVERLAUF"],
                form="WRITTEN",
                valid_from=dt.date(2025, 1, 1),
            ),
        )
    assert not Consent.objects.exists()


def test_events_carry_ids_and_codes_not_texts(personas, kim_case):
    services.note_add(
        by=personas["cm_a"], case=kim_case, kind="BERATUNG", on=services.today(), text="Geheim"
    )
    services.task_create(
        by=personas["cm_a"], case=kim_case, title="Anruf bei Frau X", due_on=services.today()
    )
    payloads = Event.objects.filter(subject_type="cases.case").values_list("payload", flat=True)
    text = str(list(payloads))
    assert "Geheim" not in text and "Frau X" not in text and "Haddad" not in text
    activities = set(
        Event.objects.filter(subject_id=str(kim_case.pk)).values_list("activity", flat=True)
    )
    assert {"case.opened", "note.added", "task.created"} <= activities


def test_at_most_three_focus_goals(personas, kim_case):
    cm = personas["cm_a"]
    version = services.plan_draft(by=cm, case=kim_case)
    for n in range(3):
        services.goal_add(by=cm, version=version, field_="ARBEIT", text=f"Ziel {n}")
    with pytest.raises(ValidationError):
        services.goal_add(by=cm, version=version, field_="ARBEIT", text="Ziel 4")
    assert version.goals.count() == 3


def test_revision_copies_the_tree_and_freezes_the_agreed_version(personas, kim_case):
    cm = personas["cm_a"]
    agreed = agreed_plan(cm, kim_case)
    goal = agreed.goals.get()
    services.attainment_record(by=cm, item=goal, attainment="PARTLY", reason="dauert")
    draft = services.plan_draft(by=cm, case=kim_case)
    assert draft.number == 2 and draft.global_goal == agreed.global_goal
    copied = draft.goals.get()
    assert copied.text == goal.text and copied.attainment == ""
    assert copied.objectives.get().steps.get().text == "Lebenslauf schreiben"
    with pytest.raises(ValidationError):
        services.goal_add(by=cm, version=agreed, field_="WOHNEN", text="nachträglich")
    services.plan_update(
        by=cm, version=draft, global_goal="neu", review_on=services.today() + dt.timedelta(days=9)
    )
    services.plan_agree(by=cm, version=draft)
    agreed.refresh_from_db()
    assert agreed.status == "SUPERSEDED"
    with pytest.raises(ValidationError):
        services.attainment_record(
            by=cm, item=Goal.objects.get(pk=goal.pk), attainment="ACHIEVED", reason=""
        )
    open_reviews = Task.objects.filter(case=kim_case, kind="REVIEW", done_at__isnull=True)
    assert [t.plan_version_id for t in open_reviews] == [draft.pk]


def test_closed_case_takes_no_changes_until_reopened(personas, kim_case):
    cm = personas["cm_a"]
    services.case_close(by=cm, case=kim_case, reason="MOVED", outcome="PARTLY")
    with pytest.raises(ValidationError):
        services.task_create(by=cm, case=kim_case, title="x", due_on=services.today())
    with pytest.raises(ValidationError):
        services.case_close(by=cm, case=kim_case, reason="MOVED", outcome="PARTLY")
    services.case_reopen(by=cm, case=kim_case, note="")
    services.task_create(by=cm, case=kim_case, title="x", due_on=services.today())


def test_tasks_can_only_go_to_colleagues_who_may_work_on_the_case(personas, kim_case, leitung_a):
    with pytest.raises(ValidationError):
        services.task_create(
            by=personas["cm_a"],
            case=kim_case,
            title="x",
            due_on=services.today(),
            assignee=leitung_a,
        )


def test_my_tasks_buckets(personas, kim_case):
    cm = personas["cm_a"]
    monday = dt.date(2026, 12, 7)
    for title, due in [("alt", monday - dt.timedelta(days=2)), ("heute", monday)]:
        Task.objects.create(
            kommune_id=kim_case.kommune_id,
            case=kim_case,
            title=title,
            due_on=due,
            assignee=cm,
            created_by=cm,
        )
    Task.objects.create(
        kommune_id=kim_case.kommune_id,
        case=kim_case,
        kind="REVIEW",
        title="review",
        due_on=monday + dt.timedelta(days=3),
        assignee=cm,
        created_by=cm,
    )
    mine = selectors.my_tasks(user=cm, on=monday)
    assert [t.title for t in mine.overdue] == ["alt"]
    assert [t.title for t in mine.today] == ["heute"]
    assert [t.title for t in mine.reviews] == ["review"]
    assert selectors.my_tasks(user=personas["cm_b"], on=monday).empty


@given(st.binary(min_size=1, max_size=64))
def test_sniff_accepts_only_known_signatures_or_clean_text(data):
    result = services.sniff(data)
    if result is None:
        return
    content_type, _extension = result
    if content_type == "text/plain":
        text = data.decode("utf-8", errors="ignore")
        assert all(c.isprintable() or c in "\t\r\n\f" for c in text)
    else:
        assert any(data.startswith(sig) for sig, kind, _e in services.DOCUMENT_SIGNATURES)


def test_sniff_examples():
    assert services.sniff(b"%PDF-1.7 ...") == ("application/pdf", ".pdf")
    assert services.sniff(b"\xff\xd8\xff\xe0JFIF") == ("image/jpeg", ".jpg")
    assert services.sniff("Bescheid vom Jobcenter – Übersicht\n".encode()) == ("text/plain", ".txt")
    assert services.sniff(b"MZ\x90\x00\x03") is None
    assert services.sniff(b"<html><script>") == ("text/plain", ".txt")  # served as download
    assert services.sniff(b"PK\x03\x04") is None


def test_assessment_comparison_marks_changes(personas, kim_case):
    cm = personas["cm_a"]
    on = services.today()
    services.assessment_record(
        by=cm,
        case=kim_case,
        on=on,
        items=[
            services.ItemData(field="ARBEIT", priority=3),
            services.ItemData(field="SPRACHE", priority=2),
        ],
    )
    services.assessment_record(
        by=cm,
        case=kim_case,
        on=on,
        items=[
            services.ItemData(field="ARBEIT", priority=1),
            services.ItemData(field="SPRACHE", priority=2),
            services.ItemData(field="WOHNEN", priority=2),
        ],
    )
    latest, previous = selectors.assessments(kim_case)[:2]
    rows = {r.field: r for r in selectors.compare(previous, latest)}
    assert rows["ARBEIT"].priority_change == -2 and rows["ARBEIT"].changed
    assert not rows["SPRACHE"].changed
    assert rows["WOHNEN"].before is None and rows["WOHNEN"].priority_change == 2


def test_access_hook_widens_the_visible_cases_but_the_disclosure_gate_still_applies(
    personas, orgs, kim_case
):
    """How the network app will open a referred case to the receiving organisation."""
    partner = personas["jobcenter_a"]

    def referred(user, action):  # noqa: ANN001, ANN202
        if user.organisation_id == orgs["jobcenter_a"].pk and action == "view":
            return Q(pk=kim_case.pk)
        return None

    access.register_case_access(referred)
    try:
        assert policy.can(partner, "view", kim_case)
        assert not policy.can(partner, "change", kim_case)
        # The agreement of the fixture names the Jobcenter for FALLBESPRECHUNG/FALLVERLAUF.
        case = selectors.case_for_user(user=partner, pk=kim_case.pk)
        assert case.pk == kim_case.pk
        # Without a covering consent the same read is 404.
        other = open_case(personas, orgs, person(personas["cm_a"], "Nowak", "Olena"))
        other.agreement.revoked_at = None
        consent_revoke(by=personas["cm_a"], consent=other.agreement)
        access._HOOKS[-1] = lambda user, action: Q(pk=other.pk) if action == "view" else None
        with pytest.raises(Http404):
            selectors.case_for_user(user=partner, pk=other.pk)
    finally:
        access._HOOKS.clear()


def test_perspective_case_open_fills_only_an_empty_plan(personas):
    lotsin = personas["lotsin_a"]
    farid = person(lotsin, "Ahmadi", "Farid")
    proposal = [services.ProposedObjective(text="§ 25b", indicator="erfüllt", steps=["A", "B"])]
    case = services.perspective_case_open(
        by=lotsin, person=farid, goal="Aufenthalt", objectives=proposal
    )
    assert case.kind == "PERSPEKTIVE"
    again = services.perspective_case_open(by=lotsin, person=farid, goal="x", objectives=proposal)
    assert again.pk == case.pk
    assert PlanVersion.objects.get(plan__case=case).goals.count() == 1


@pytest.mark.postgres
def test_case_tables_are_fenced_by_row_level_security(
    app_role, personas, orgs, kim_case, kommune_b
):
    agreed_plan(personas["cm_a"], kim_case)
    services.note_add(
        by=personas["cm_a"], case=kim_case, kind="BERATUNG", on=services.today(), text="x"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
        tenancy.set_kommune(kommune_b.pk)
        for table in CASE_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            assert cursor.fetchone()[0] == 0, table
        tenancy.set_kommune(kim_case.kommune_id)
        cursor.execute("SELECT count(*) FROM cases_case")
        assert cursor.fetchone()[0] == 1
    tenancy.clear()
    assert consent  # factory import used by other tests
