"""The retention job on constructed data: the day before and the day of the due date, dry runs,
events, files removed from storage, and the deletion date on the case."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from lotse.cases import services as case_services
from lotse.cases.models import Case, Goal, Note
from lotse.consent import retention, services
from lotse.consent.models import Consent, RetentionRule
from lotse.consent.retention import RuleValue, add_months
from lotse.core.models import Event
from lotse.people.models import NameToken, Person
from tests.cases.conftest import open_case
from tests.consent.factories import consent
from tests.people.factories import person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


# --- dates (pure) -------------------------------------------------------------------------------


def test_add_months_clamps_month_ends():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 3, 15), -36) == dt.date(2023, 3, 15)


@given(
    today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=600),
)
def test_cutoff_is_the_last_anchor_due_today(today, months):
    rule = RuleValue(months, "ANONYMISE", "CLOSURE")
    cutoff = rule.cutoff(today)
    assert rule.due_on(cutoff) <= today
    assert rule.due_on(cutoff + dt.timedelta(days=1)) > today


# --- helpers ------------------------------------------------------------------------------------


def _age(model, pk, field, day):
    model.objects.filter(pk=pk).update(**{field: day})


def _last_changed(person_obj, day):
    Person.objects.filter(pk=person_obj.pk).update(
        updated_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    )


def _run(day, dry_run=False):
    return retention.retention_run(today=day, dry_run=dry_run)


# --- persons ------------------------------------------------------------------------------------


def test_person_is_anonymised_on_the_due_day_not_before(personas):
    amina = person(personas["cm_a"], "Haddad", "Amina", phone="0201 1", reference="AZ-1")
    last_change = add_months(TODAY, -36)  # KI default: 36 months after the last change
    _last_changed(amina, last_change)
    assert _run(TODAY - dt.timedelta(days=1)) == []
    amina.refresh_from_db()
    assert amina.family_name == "Haddad"

    lines = _run(TODAY)
    assert [(line.record_type, line.done) for line in lines] == [
        ("people.person_without_case", {"deleted": 0, "anonymised": 1})
    ]
    amina.refresh_from_db()
    assert amina.family_name == "anonymisiert" and amina.given_names == ""
    assert amina.phone == "" and amina.reference == "" and amina.birth_day is None
    assert amina.birth_year == 1995  # kept for statistics
    assert not NameToken.objects.filter(person=amina).exists()
    event = Event.objects.get(activity="retention.applied")
    assert event.payload["record_type"] == "people.person_without_case"
    assert event.payload["done"] == {"deleted": 0, "anonymised": 1}
    assert "Haddad" not in json.dumps(event.payload)
    # Done once: the next night finds nothing.
    assert _run(TODAY + dt.timedelta(days=400)) == []


def test_abh_keeps_persons_ten_years_by_default(personas):
    someone = person(personas["lotsin_a"], "Haddad", "Amina")
    _last_changed(someone, add_months(TODAY, -36))
    assert _run(TODAY) == []
    _last_changed(someone, add_months(TODAY, -120))
    assert len(_run(TODAY)) == 1


def test_person_with_a_case_or_a_running_consent_is_kept(personas, orgs):
    cm = personas["cm_a"]
    with_consent = person(cm, "Eins", "Erika")
    consent(cm, with_consent, [orgs["jobcenter_a"]])  # valid until revoked
    with_case = person(cm, "Zwei", "Zora")
    open_case(personas, orgs, with_case)
    # Only the case holds Zora: her agreement was revoked long ago.
    Consent.objects.filter(person=with_case).update(
        revoked_at=dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
    )
    for p in (with_consent, with_case):
        _last_changed(p, dt.date(2015, 1, 1))
    assert [line for line in _run(TODAY) if line.record_type.startswith("people")] == []


def test_dry_run_changes_nothing_and_logs_nothing(personas):
    amina = person(personas["cm_a"], "Haddad", "Amina")
    _last_changed(amina, dt.date(2015, 1, 1))
    events_before = Event.objects.count()
    lines = _run(TODAY, dry_run=True)
    assert [(line.due, line.done) for line in lines] == [(1, {})]
    amina.refresh_from_db()
    assert amina.family_name == "Haddad"
    assert Event.objects.count() == events_before


def test_delete_rule_deletes_person_without_references(personas):
    admin = personas["admin_a"]
    services.retention_rule_set(
        by=admin, record_type="people.person_without_case", months=12, action="DELETE"
    )
    amina = person(personas["cm_a"], "Haddad", "Amina")
    _last_changed(amina, dt.date(2020, 1, 1))
    lines = _run(TODAY)
    assert lines[0].done == {"deleted": 1, "anonymised": 0}
    assert not Person.objects.filter(pk=amina.pk).exists()


# --- consents -----------------------------------------------------------------------------------


def test_expired_consent_loses_its_scan_but_keeps_the_proof(
    personas, orgs, django_capture_on_commit_callbacks
):
    cm = personas["cm_a"]
    amina = person(cm, "Haddad", "Amina")
    scan = ContentFile(b"%PDF-1.4 scan", name="scan.pdf")
    given = consent(cm, amina, [orgs["jobcenter_a"]], valid_until=dt.date(2023, 12, 7), scan=scan)
    name = given.scan.name
    assert default_storage.exists(name)
    _last_changed(amina, TODAY)  # the person itself is not due
    assert _run(dt.date(2026, 12, 6)) == []  # expired 07.12.2023 + 36 months = 07.12.2026

    with django_capture_on_commit_callbacks(execute=True):
        lines = _run(TODAY)
    assert [(line.record_type, line.done) for line in lines] == [
        ("consent.expired_consent", {"deleted": 0, "anonymised": 1})
    ]
    given.refresh_from_db()
    assert not given.scan and given.purposes == ["UEBERLEITUNG"]
    assert not default_storage.exists(name)


# --- cases --------------------------------------------------------------------------------------


@pytest.fixture
def closed_case(personas, orgs):
    cm = personas["cm_a"]
    amina = person(cm, "Haddad", "Amina")
    case = open_case(personas, orgs, amina)
    case_services.note_add(by=cm, case=case, kind="BERATUNG", on=case.opened_on, text="Notiz")
    document = case_services.document_upload(
        by=cm, case=case, upload=ContentFile(b"%PDF-1.4 x", name="a.pdf")
    )
    version = case_services.plan_draft(by=cm, case=case)
    case_services.goal_add(by=cm, version=version, field_="ARBEIT", text="Arbeit finden")
    case_services.case_close(by=cm, case=case, reason="GOALS_REACHED", outcome="ACHIEVED")
    case.refresh_from_db()
    return case, document.file.name


def test_closing_fills_the_deletion_date_and_the_case_page_shows_it(client_for, closed_case):
    case, _file = closed_case
    assert case.delete_after == add_months(case.closed_on, 36)
    page = client_for("cm_a").get(f"/faelle/{case.pk}/").content.decode()
    assert f"Löschung vorgesehen am {case.delete_after:%d.%m.%Y}" in page


def test_rule_change_recomputes_the_deletion_date(personas, closed_case):
    case, _file = closed_case
    services.retention_rule_set(
        by=personas["admin_a"], record_type="cases.closed_case", months=24, action="DELETE"
    )
    case.refresh_from_db()
    assert case.delete_after == add_months(case.closed_on, 24)


def test_reopening_clears_the_deletion_date(personas, closed_case):
    case, _file = closed_case
    case_services.case_reopen(by=personas["cm_a"], case=case)
    case.refresh_from_db()
    assert case.delete_after is None


def test_closed_case_is_deleted_with_its_files_on_the_due_day(
    closed_case, django_capture_on_commit_callbacks
):
    case, file_name = closed_case
    closed_on = dt.date(2023, 1, 31)
    Case.objects.filter(pk=case.pk).update(closed_on=closed_on)
    due = add_months(closed_on, 36)
    assert [line.record_type for line in _run(due - dt.timedelta(days=1))] == []
    assert default_storage.exists(file_name)
    with django_capture_on_commit_callbacks(execute=True):
        lines = _run(due)
    assert [(line.record_type, line.done) for line in lines] == [
        ("cases.closed_case", {"deleted": 1, "anonymised": 0})
    ]
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not default_storage.exists(file_name)


def test_anonymise_rule_keeps_structure_without_text(
    personas, closed_case, django_capture_on_commit_callbacks
):
    case, file_name = closed_case
    services.retention_rule_set(
        by=personas["admin_a"], record_type="cases.closed_case", months=36, action="ANONYMISE"
    )
    Case.objects.filter(pk=case.pk).update(closed_on=dt.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        _run(TODAY)
    assert Case.objects.filter(pk=case.pk).exists()
    assert not Note.objects.filter(case=case).exists()
    goal = Goal.objects.get(version__plan__case=case)
    assert goal.text == "" and goal.field == "ARBEIT"
    assert not default_storage.exists(file_name)
    # Once anonymised, the case no longer holds the person; the person rule takes over
    # (once the agreement to the case management has ended, too).
    Consent.objects.filter(person=case.person).update(
        revoked_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    _last_changed(case.person, dt.date(2020, 1, 1))
    lines = _run(TODAY)
    assert [line.record_type for line in lines] == [
        "consent.expired_consent",
        "people.person_without_case",
    ]


def test_event_chain_stays_intact(closed_case):
    from lotse.core import events

    Case.objects.filter(pk=closed_case[0].pk).update(closed_on=dt.date(2020, 1, 1))
    _run(TODAY)
    assert events.verify() == []


# --- command ------------------------------------------------------------------------------------


def test_command_dry_run_prints_and_changes_nothing(personas, capsys):
    amina = person(personas["cm_a"], "Haddad", "Amina")
    _last_changed(amina, dt.date(2015, 1, 1))
    call_command("retention_run", "--dry-run", "--as-of", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "[Probelauf]" in out and "people.person_without_case" in out and "fällig=1" in out
    amina.refresh_from_db()
    assert amina.family_name == "Haddad"
    call_command("retention_run", "--as-of", TODAY.isoformat())
    amina.refresh_from_db()
    assert amina.family_name == "anonymisiert"


def test_rule_service_validates(personas):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        services.retention_rule_set(
            by=personas["admin_a"], record_type="cases.closed_case", months=0, action="DELETE"
        )
    with pytest.raises(ValidationError):
        services.retention_rule_set(
            by=personas["admin_a"], record_type="nope", months=12, action="DELETE"
        )
    with pytest.raises(PermissionDenied):
        services.retention_rule_set(
            by=personas["cm_a"], record_type="cases.closed_case", months=12, action="DELETE"
        )
    assert not RetentionRule.objects.exists()
    assert Consent.objects.count() == 0


def test_rule_errors_follow_the_active_language(personas):
    """The messages are module constants: built lazily, they are rendered in the language
    active when shown (English here), not the one active at import."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    admin = personas["admin_a"]
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.retention_rule_set(
                by=admin, record_type="appointments.booking", months=7, action="DELETE"
            )
        assert error.value.message_dict == {
            "months": [
                "At most 6 months are possible for this record type: this is what the "
                "people concerned were promised."
            ],
            "action": ["This action is not possible for this record type."],
        }
        with pytest.raises(ValidationError) as error:
            services.retention_rule_set(
                by=admin, record_type="cases.closed_case", months=0, action="DELETE"
            )
        assert error.value.message_dict["months"] == ["Please enter between 1 and 600 months."]
        with pytest.raises(ValidationError) as error:
            services.retention_rule_set(by=admin, record_type="nope", months=12, action="DELETE")
        assert error.value.message_dict["record_type"] == ["This record type does not exist."]


def test_open_perspective_case_keeps_the_person(personas):
    from lotse.pathways.models import PerspectiveCase

    someone = person(personas["abh_a"], "Haddad", "Amina")
    PerspectiveCase.objects.create(
        kommune_id=someone.kommune_id,
        organisation_id=someone.organisation_id,
        person=someone,
        handed_over_by=personas["abh_a"],
    )
    _last_changed(someone, dt.date(2010, 1, 1))
    assert _run(TODAY) == []
    PerspectiveCase.objects.filter(person=someone).update(status="CLOSED")
    PerspectiveCase.objects.filter(person=someone).update(
        created_at=dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
    )
    assert [line.done for line in _run(TODAY)] == [{"deleted": 0, "anonymised": 1}]


def test_every_run_leaves_a_trace(personas):
    _run(TODAY)
    event = Event.objects.get(activity="retention.run_completed")
    assert event.payload == {"as_of": TODAY.isoformat(), "applied": 0}
