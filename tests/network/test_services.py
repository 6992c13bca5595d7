"""Referrals, transfers and obstacles: the consent gate, state changes, history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.cases.models import Case, Task
from lotse.consent import services as consent_services
from lotse.consent.models import Disclosure
from lotse.core.models import Event
from lotse.network import selectors, services
from lotse.network.models import Obstacle, Referral, Transfer
from tests.consent.factories import consent
from tests.network.conftest import send
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_referral_without_consent_is_refused_with_the_missing_categories(
    personas, orgs, kim_case, referral_consent
):
    with pytest.raises(ValidationError) as exc:
        send(personas, orgs, kim_case, categories=("STAMMDATEN", "GESUNDHEIT"))
    text = " ".join(exc.value.messages)
    assert "Gesundheit" in text and "Jobcenter A" in text and "Stammdaten" not in text
    assert not Referral.objects.exists()


def test_referral_sent_records_event_without_personal_data(referral):
    assert referral.status == "SENT"
    assert referral.answer_due_on == services.today() + dt.timedelta(days=14)
    event = Event.objects.get(activity="referral.sent")
    assert "Haddad" not in str(event.payload) and "Termin" not in str(event.payload)


def test_receiver_sees_only_shared_categories_and_each_read_is_logged(personas, referral):
    jc = personas["jobcenter_a"]
    view = selectors.referral_disclosure(user=jc, referral=referral)
    shown = {s.category for s in view.sections}
    assert shown == {"STAMMDATEN", "ARBEIT_EINKOMMEN"}
    work = next(s for s in view.sections if s.category == "ARBEIT_EINKOMMEN")
    assert [i["needs"] for i in work.items] == ["Arbeit als Pflegehelferin"]
    assert set(Disclosure.objects.values_list("category", flat=True)) == shown


def test_revocation_cuts_access_at_once(personas, referral, referral_consent):
    consent_services.consent_revoke(by=personas["cm_a"], consent=referral_consent)
    view = selectors.referral_disclosure(user=personas["jobcenter_a"], referral=referral)
    assert view.access_ended and not view.sections
    assert not Disclosure.objects.exists()


def test_accept_decline_complete(personas, referral, orgs, kim_case):
    jc = personas["jobcenter_a"]
    with pytest.raises(ValidationError):
        services.referral_complete(by=jc, referral=referral, result="x")
    services.referral_accept(by=jc, referral=referral)
    referral.refresh_from_db()
    assert referral.status == "ACCEPTED" and referral.handler == jc
    with pytest.raises(ValidationError):
        services.referral_accept(by=jc, referral=referral)
    services.referral_complete(by=jc, referral=referral, result="Maßnahme begonnen")
    referral.refresh_from_db()
    assert referral.status == "COMPLETED"
    second = send(personas, orgs, kim_case)
    with pytest.raises(ValidationError):
        services.referral_decline(by=jc, referral=second, reason="  ")
    services.referral_decline(by=jc, referral=second, reason="Kein Platz frei")
    assert Referral.objects.get(pk=second.pk).status == "DECLINED"


def test_sender_may_not_answer_its_own_referral(personas, referral):
    with pytest.raises(PermissionDenied):
        services.referral_accept(by=personas["cm_a"], referral=referral)


def test_closed_referral_shows_no_person_data_to_receiver(personas, referral):
    services.referral_decline(by=personas["jobcenter_a"], referral=referral, reason="voll")
    referral.refresh_from_db()
    view = selectors.referral_disclosure(user=personas["jobcenter_a"], referral=referral)
    assert view.closed and not view.sections


def test_reminders_create_a_task_and_an_inbox_notice_once_per_interval(
    personas, referral, settings
):
    settings.LOTSE_REFERRAL_REMINDER_DAYS = 7
    due = referral.answer_due_on
    assert services.referrals_remind(on=due) == 0
    assert services.referrals_remind(on=due + dt.timedelta(days=1)) == 1
    assert services.referrals_remind(on=due + dt.timedelta(days=2)) == 0
    assert services.referrals_remind(on=due + dt.timedelta(days=8)) == 1
    referral.refresh_from_db()
    assert referral.reminders_sent == 2 and referral.receiver_reminded_at is not None
    tasks = Task.objects.filter(case=referral.case, title__contains="Jobcenter A")
    assert tasks.count() == 2
    services.referral_seen(by=personas["jobcenter_a"], referral=referral)
    referral.refresh_from_db()
    assert referral.receiver_reminded_at is None


def test_transfer_within_the_organisation_is_immediate(personas, orgs, kim_case, colleague_a):
    transfer = services.transfer_request(
        by=personas["cm_a"],
        case=kim_case,
        data=services.TransferData(to_organisation_id=orgs["ki_a"].pk, to_user_id=colleague_a.pk),
    )
    kim_case.refresh_from_db()
    assert transfer.status == "ACCEPTED" and kim_case.case_manager == colleague_a
    assert not Task.objects.filter(case=kim_case, assignee=personas["cm_a"], done_at=None).exists()


@pytest.fixture
def colleague_a(personas, orgs):
    from lotse.core.models import Role
    from tests.conftest import make_user

    return make_user("cm2_a", Role.CASE_MANAGER, orgs["ki_a"])


@pytest.fixture
def lotsin_case(personas, orgs):
    lotsin = personas["lotsin_a"]
    who = person(lotsin, "Karimi", "Farid", year=1990)
    from lotse.cases import services as case_services

    case = case_services.case_open(
        by=lotsin, person=who, intake=case_services.Intake(access_route="SELF")
    )
    return case


def _transfer_consent(personas, orgs, case, **extra):
    return consent(
        personas["lotsin_a"],
        case.person,
        [orgs["ki_a"]],
        purposes=("UEBERLEITUNG",),
        categories=("STAMMDATEN", "FALLVERLAUF"),
        **extra,
    )


def test_transfer_to_another_organisation_needs_consent(personas, orgs, lotsin_case):
    data = services.TransferData(to_organisation_id=orgs["ki_a"].pk)
    with pytest.raises(ValidationError) as exc:
        services.transfer_request(by=personas["lotsin_a"], case=lotsin_case, data=data)
    assert "KI A" in " ".join(exc.value.messages)
    assert not Transfer.objects.exists()


def test_transfer_accepted_moves_the_case_and_the_sender_loses_access(personas, orgs, lotsin_case):
    from lotse.core import policy

    _transfer_consent(personas, orgs, lotsin_case)
    lotsin, cm = personas["lotsin_a"], personas["cm_a"]
    transfer = services.transfer_request(
        by=lotsin,
        case=lotsin_case,
        data=services.TransferData(to_organisation_id=orgs["ki_a"].pk, to_user_id=cm.pk),
    )
    assert transfer.status == "REQUESTED" and transfer.basis_type == "CONSENT"
    with pytest.raises(PermissionDenied):
        services.transfer_accept(by=personas["abh_a"], transfer=transfer)
    services.transfer_accept(by=cm, transfer=transfer)
    case = Case.objects.get(pk=lotsin_case.pk)
    assert case.organisation == orgs["ki_a"] and case.case_manager == cm and case.kind == "KIM"
    assert case.person.organisation == orgs["ki_a"] and case.person.family_name == "Karimi"
    assert not policy.can(lotsin, "view", case)
    assert policy.can(cm, "view", case)
    assert Disclosure.objects.filter(to_organisation=orgs["ki_a"]).count() == 2
    assert Event.objects.filter(activity="transfer.accepted").exists()


def test_transfer_is_refused_when_consent_was_revoked_before_acceptance(
    personas, orgs, lotsin_case
):
    given = _transfer_consent(personas, orgs, lotsin_case)
    transfer = services.transfer_request(
        by=personas["lotsin_a"],
        case=lotsin_case,
        data=services.TransferData(to_organisation_id=orgs["ki_a"].pk),
    )
    consent_services.consent_revoke(by=personas["lotsin_a"], consent=given)
    with pytest.raises(ValidationError):
        services.transfer_accept(by=personas["cm_a"], transfer=transfer)
    assert Case.objects.get(pk=lotsin_case.pk).organisation == orgs["abh_a"]


def test_obstacle_refuses_the_persons_name_and_birth_date(personas, kim_case):
    for text in ("Frau Haddad wartet", "geboren 12.04.1995", "Amina hat keinen Platz"):
        with pytest.raises(ValidationError):
            services.obstacle_record(
                by=personas["cm_a"],
                case=kim_case,
                data=services.ObstacleData(field="SPRACHE", kind="WAITING", description=text),
            )
    assert not Obstacle.objects.exists()
    obstacle = services.obstacle_record(
        by=personas["cm_a"],
        case=kim_case,
        data=services.ObstacleData(
            field="SPRACHE", kind="WAITING", description="Wartezeit Integrationskurs 6 Monate"
        ),
    )
    assert obstacle.case == kim_case


def test_coordinator_sees_obstacles_pseudonymised(personas, kim_case, coord_a, coord_b, orgs):
    services.obstacle_record(
        by=personas["cm_a"],
        case=kim_case,
        data=services.ObstacleData(
            field="ARBEIT",
            kind="INTERFACE",
            description="Anerkennung dauert zu lange",
            concerned_id=orgs["jobcenter_a"].pk,
        ),
    )
    rows = selectors.obstacles_for_coordinator(user=coord_a, filters=selectors.ObstacleFilter())
    assert len(rows) == 1
    assert "case_id" not in rows[0] and "recorded_by_id" not in rows[0]
    counts = selectors.obstacle_counts(user=coord_a, filters=selectors.ObstacleFilter())
    assert counts["columns"] == ["Jobcenter A"] and counts["total"] == 1
    assert (
        selectors.obstacles_for_coordinator(user=coord_b, filters=selectors.ObstacleFilter()) == []
    )
    obstacle = Obstacle.objects.get()
    services.obstacle_set_status(by=coord_a, obstacle=obstacle, status="STEERING")
    assert Obstacle.objects.get().status == "STEERING"
    with pytest.raises(PermissionDenied):
        services.obstacle_set_status(by=coord_b, obstacle=obstacle, status="DONE")
    with pytest.raises(PermissionDenied):
        services.obstacle_set_status(by=personas["cm_a"], obstacle=obstacle, status="DONE")


def test_timestamps_are_aware(referral):
    assert timezone.is_aware(referral.created_at)


def test_remind_command(referral, capsys):
    from django.core.management import call_command

    on = referral.answer_due_on + dt.timedelta(days=1)
    call_command("referrals_remind", "--on", on.isoformat())
    assert "referrals reminded=1" in capsys.readouterr().out
    assert Event.objects.filter(activity="referral.reminded").count() == 1


def test_case_content_goes_to_the_abh_only_under_a_consent_naming_it(personas, orgs, kim_case):
    """kim.md §3.2: a recorded legal basis does not open Fallverlauf/Gesundheit to the ABH."""
    from lotse.consent.services import LegalBasisData, legal_basis_record

    legal_basis_record(
        by=personas["cm_a"],
        person=kim_case.person,
        data=LegalBasisData(
            recipient_id=orgs["abh_a"].pk,
            norm="§ 71 Abs. 2 Satz 1 Nr. 1 SGB X",
            justification="Anfrage der ABH",
            purpose="UEBERLEITUNG",
            categories=["STAMMDATEN", "FALLVERLAUF"],
            valid_from=dt.date(2024, 1, 1),
        ),
    )
    referral = services.referral_create(
        by=personas["cm_a"],
        case=kim_case,
        data=services.ReferralData(
            to_organisation_id=orgs["abh_a"].pk, purpose="UEBERLEITUNG", categories=["STAMMDATEN"]
        ),
    )
    with pytest.raises(ValidationError):
        services.referral_create(
            by=personas["cm_a"],
            case=kim_case,
            data=services.ReferralData(
                to_organisation_id=orgs["abh_a"].pk,
                purpose="UEBERLEITUNG",
                categories=["FALLVERLAUF"],
            ),
        )
    Referral.objects.filter(pk=referral.pk).update(categories=["STAMMDATEN", "FALLVERLAUF"])
    referral.refresh_from_db()
    view = selectors.referral_disclosure(user=personas["abh_a"], referral=referral)
    assert [s.category for s in view.sections] == ["STAMMDATEN"]
    assert view.withheld == ["FALLVERLAUF"]
