"""Writes of the network app: referrals, transfers, obstacles. Each checks permission, runs in
one transaction and records an event with ids and codes only (never names or texts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.cases import access as case_access
from lotse.cases.models import Case, Handlungsfeld, Task
from lotse.consent import disclosure
from lotse.consent.models import Category, Purpose
from lotse.core import events, policy
from lotse.core.models import Organisation, Role, User
from lotse.network import personal_data
from lotse.network.models import Obstacle, Offering, Referral, Transfer
from lotse.people.models import Person
from lotse.people.services import person_create, person_data_of

ANSWER_DAYS_DEFAULT = 14
REMINDER_DAYS_DEFAULT = 7
# A transfer hands the case (its history and goals) and the person's master data over.
TRANSFER_PURPOSE = Purpose.UEBERLEITUNG
TRANSFER_CATEGORIES = (Category.STAMMDATEN, Category.FALLVERLAUF)

ERR_CASE_CLOSED = gettext_lazy("Der Fall ist abgeschlossen.")
ERR_NOT_OPEN = gettext_lazy("Diese Überleitung ist bereits beantwortet oder abgeschlossen.")
ERR_NOT_ACCEPTED = gettext_lazy("Nur eine angenommene Überleitung kann abgeschlossen werden.")
ERR_REASON = gettext_lazy("Bitte nennen Sie den Grund der Ablehnung.")
ERR_RESULT = gettext_lazy("Bitte beschreiben Sie kurz das Ergebnis.")
ERR_NO_CATEGORY = gettext_lazy("Bitte wählen Sie mindestens eine Datenart, die Sie teilen.")
ERR_TRANSFER_OPEN = gettext_lazy("Für diesen Fall ist schon eine Übergabe angefragt.")
ERR_TRANSFER_ANSWERED = gettext_lazy("Diese Übergabe ist bereits beantwortet.")
ERR_PERSONAL_DATA = gettext_lazy(
    "Die Beschreibung enthält personenbezogene Daten (%(what)s). Beschreiben Sie das Hindernis "
    "bitte ohne Namen, Geburtsdaten oder Kontaktdaten."
)


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def answer_days() -> int:
    return int(getattr(settings, "LOTSE_REFERRAL_ANSWER_DAYS", ANSWER_DAYS_DEFAULT))


def reminder_days() -> int:
    return int(getattr(settings, "LOTSE_REFERRAL_REMINDER_DAYS", REMINDER_DAYS_DEFAULT))


def _record(
    by: User | None, case: Case, activity: str, organisation: Organisation, **data: Any
) -> None:
    events.record(
        activity=activity,
        actor=by,
        organisation=organisation,
        subject=case,
        data={"person": case.person_id, **data},
    )


def _require_case_open(case: Case) -> None:
    if case.status != Case.Status.OPEN:
        raise ValidationError(ERR_CASE_CLOSED)


# --- the consent check of a referral ----------------------------------------------------------


def _recipient_probe(organisation: Organisation) -> User:
    """An unsaved stand-in for 'any staff member of this organisation', so the one disclosure
    gate decides for an organisation before anyone there has opened anything."""
    return User(role=Role.PARTNER, organisation=organisation, is_active=True)


def missing_cover(
    *, person: Person, to_organisation: Organisation, purpose: str, categories: list[str]
) -> list[str]:
    """The categories no consent or legal basis lets `to_organisation` receive for `purpose`
    now (empty: the referral may go)."""
    probe = _recipient_probe(to_organisation)
    return [c for c in categories if disclosure.check(probe, person, purpose, c) is None]


def missing_message(categories: list[str], organisation: Organisation, purpose: str) -> str:
    labels = ", ".join(str(Category(c).label) for c in categories)
    return _(
        "Es gibt keine gültige Einwilligung, die %(org)s für den Zweck „%(purpose)s“ die "
        "Datenarten %(categories)s freigibt. Erfassen Sie zuerst eine passende Einwilligung "
        "oder teilen Sie weniger Datenarten."
    ) % {"org": organisation.name, "purpose": Purpose(purpose).label, "categories": labels}


# --- referrals --------------------------------------------------------------------------------


@dataclass
class ReferralData:
    to_organisation_id: int
    purpose: str
    categories: list[str]
    offering_id: int | None = None
    message: str = ""
    answer_due_on: dt.date | None = None


def _clean_referral(case: Case, data: ReferralData) -> tuple[Organisation, Offering | None]:
    errors: dict[str, str] = {}
    to = (
        Organisation.objects.filter(pk=data.to_organisation_id, kommune_id=case.kommune_id)
        .exclude(pk=case.organisation_id)
        .first()
    )
    if to is None:
        errors["to_organisation_id"] = _("Bitte wählen Sie eine andere Stelle Ihrer Kommune.")
    if data.purpose not in Purpose.values:
        errors["purpose"] = _("Bitte wählen Sie den Zweck.")
    if not data.categories:
        errors["categories"] = str(ERR_NO_CATEGORY)
    elif not set(data.categories) <= set(Category.values):
        errors["categories"] = _("Unbekannte Datenart.")
    offering = None
    if data.offering_id:
        offering = Offering.objects.filter(pk=data.offering_id, organisation=to).first()
        if offering is None:
            errors["offering_id"] = _("Dieses Angebot gehört nicht zur gewählten Stelle.")
    if data.answer_due_on is not None and data.answer_due_on < today():
        errors["answer_due_on"] = _("Das Datum liegt in der Vergangenheit.")
    if errors:
        raise ValidationError(errors)
    assert to is not None
    return to, offering


def referral_create(*, by: User, case: Case, data: ReferralData) -> Referral:
    """Send the case's person to another organisation's offering. Every shared category must be
    covered now by a consent (or legal basis) naming the receiver and the purpose."""
    policy.require(by, "change", case)
    if case.organisation_id != by.organisation_id:
        raise PermissionDenied
    _require_case_open(case)
    to, offering = _clean_referral(case, data)
    categories = sorted(set(data.categories), key=Category.values.index)
    missing = missing_cover(
        person=case.person, to_organisation=to, purpose=data.purpose, categories=categories
    )
    if missing:
        raise ValidationError({"categories": missing_message(missing, to, data.purpose)})
    with transaction.atomic():
        referral = Referral.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            from_organisation_id=case.organisation_id,
            from_user=by,
            to_organisation=to,
            purpose=data.purpose,
            offering=offering,
            categories=categories,
            message=data.message.strip(),
            answer_due_on=data.answer_due_on or today() + dt.timedelta(days=answer_days()),
        )
        _record(
            by,
            case,
            "referral.sent",
            case.organisation,
            referral=referral.pk,
            to=to.pk,
            purpose=data.purpose,
            categories=categories,
        )
    return referral


def _answerable(by: User, referral: Referral) -> Referral:
    """Lock the row and check the user answers for the receiving organisation."""
    if not policy.can(by, "answer", referral):
        raise PermissionDenied
    return Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)


def referral_accept(*, by: User, referral: Referral) -> Referral:
    """The receiving organisation takes the referral over; the sender sees the new state."""
    with transaction.atomic():
        locked = _answerable(by, referral)
        if locked.status != Referral.Status.SENT:
            raise ValidationError(ERR_NOT_OPEN)
        locked.status = Referral.Status.ACCEPTED
        locked.handler = by
        locked.answered_at = now()
        locked.save(update_fields=["status", "handler", "answered_at", "updated_at"])
        _record(by, locked.case, "referral.accepted", locked.to_organisation, referral=locked.pk)
    return locked


def referral_decline(*, by: User, referral: Referral, reason: str) -> Referral:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": str(ERR_REASON)})
    with transaction.atomic():
        locked = _answerable(by, referral)
        if locked.status != Referral.Status.SENT:
            raise ValidationError(ERR_NOT_OPEN)
        locked.status = Referral.Status.DECLINED
        locked.decline_reason = reason
        locked.handler = by
        locked.answered_at = now()
        locked.save(
            update_fields=["status", "decline_reason", "handler", "answered_at", "updated_at"]
        )
        _record(by, locked.case, "referral.declined", locked.to_organisation, referral=locked.pk)
    return locked


def referral_complete(*, by: User, referral: Referral, result: str) -> Referral:
    result = result.strip()
    if not result:
        raise ValidationError({"result": str(ERR_RESULT)})
    with transaction.atomic():
        locked = _answerable(by, referral)
        if locked.status != Referral.Status.ACCEPTED:
            raise ValidationError(ERR_NOT_ACCEPTED)
        locked.status = Referral.Status.COMPLETED
        locked.result_note = result
        locked.handler = locked.handler or by
        locked.completed_at = now()
        locked.save(
            update_fields=["status", "result_note", "handler", "completed_at", "updated_at"]
        )
        _record(by, locked.case, "referral.completed", locked.to_organisation, referral=locked.pk)
    return locked


def referrals_remind(*, on: dt.date | None = None) -> int:
    """System job: every referral still unanswered `reminder_days()` after its due date (and
    again every such interval) gets a task for the sender and an inbox notice for the receiver.
    Runs in a system context; returns the number of referrals reminded."""
    on = on or today()
    interval = reminder_days()
    count = 0
    overdue = Referral.objects.filter(status=Referral.Status.SENT, answer_due_on__lt=on)
    for referral in overdue.select_related("case", "from_user", "to_organisation"):
        due_again = referral.answer_due_on + dt.timedelta(days=interval * referral.reminders_sent)
        if referral.reminders_sent and due_again > on:
            continue
        with transaction.atomic():
            assignee = referral.case.case_manager
            Task.objects.create(
                kommune_id=referral.kommune_id,
                case=referral.case,
                kind=Task.Kind.TASK,
                title=_("Überleitung an %(org)s: noch keine Antwort – bitte nachfragen")
                % {"org": referral.to_organisation.name},
                due_on=on,
                assignee=assignee,
                created_by=assignee,
            )
            referral.reminders_sent += 1
            referral.receiver_reminded_at = now()
            referral.save(update_fields=["reminders_sent", "receiver_reminded_at", "updated_at"])
            _record(
                None,
                referral.case,
                "referral.reminded",
                referral.from_organisation,
                referral=referral.pk,
                to=referral.to_organisation_id,
                reminder=referral.reminders_sent,
            )
        count += 1
    return count


def referral_seen(*, by: User, referral: Referral) -> None:
    """Someone of the receiving organisation opened the referral: the reminder notice ends."""
    if referral.receiver_reminded_at and by.organisation_id == referral.to_organisation_id:
        Referral.objects.filter(pk=referral.pk).update(receiver_reminded_at=None)
        referral.receiver_reminded_at = None


# --- transfers --------------------------------------------------------------------------------


@dataclass
class TransferData:
    to_organisation_id: int
    to_user_id: int | None = None
    message: str = ""


def _transfer_basis(case: Case, to: Organisation) -> disclosure.Basis | None:
    """A consent or legal basis that covers every transfer category for the receiver now
    (the same grant need not cover all; each category needs one)."""
    probe = _recipient_probe(to)
    bases = [disclosure.check(probe, case.person, TRANSFER_PURPOSE, c) for c in TRANSFER_CATEGORIES]
    if any(b is None for b in bases):
        return None
    return bases[-1]


def _work_role_user(organisation_id: int, user_id: int | None, kind: str | None) -> User | None:
    if user_id is None:
        return None
    roles = [case_access.WORK_ROLE[kind]] if kind else list(case_access.WORK_ROLES)
    return User.objects.filter(
        pk=user_id, organisation_id=organisation_id, is_active=True, role__in=roles
    ).first()


def transfer_request(*, by: User, case: Case, data: TransferData) -> Transfer:
    """Hand the case to a colleague (at once) or ask another organisation to take it over
    (needs a consent or legal basis naming it for Überleitung, Stammdaten and Fallverlauf)."""
    policy.require(by, "change", case)
    _require_case_open(case)
    to = Organisation.objects.filter(pk=data.to_organisation_id, kommune_id=case.kommune_id).first()
    if to is None:
        raise ValidationError({"to_organisation_id": _("Bitte wählen Sie eine Stelle.")})
    if to.pk == case.organisation_id:
        return _transfer_within(by=by, case=case, data=data)
    to_user = _work_role_user(to.pk, data.to_user_id, None)
    if data.to_user_id and to_user is None:
        raise ValidationError({"to_user_id": _("Diese Fachkraft gibt es bei der Stelle nicht.")})
    basis = _transfer_basis(case, to)
    if basis is None:
        raise ValidationError(
            {"to_organisation_id": missing_message(list(TRANSFER_CATEGORIES), to, TRANSFER_PURPOSE)}
        )
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                kommune_id=case.kommune_id,
                case=case,
                from_organisation_id=case.organisation_id,
                from_user=by,
                to_organisation=to,
                to_user=to_user,
                basis_type=basis.kind,
                basis_id=basis.id,
                message=data.message.strip(),
            )
            _record(
                by,
                case,
                "transfer.requested",
                case.organisation,
                transfer=transfer.pk,
                to=to.pk,
                basis_type=basis.kind,
                basis_id=basis.id,
            )
    except IntegrityError as exc:
        raise ValidationError(ERR_TRANSFER_OPEN) from exc
    return transfer


def _reassign_open_tasks(case: Case, old: User, new: User) -> None:
    Task.objects.filter(case=case, assignee=old, done_at__isnull=True).update(assignee=new)


def _transfer_within(*, by: User, case: Case, data: TransferData) -> Transfer:
    to_user = _work_role_user(case.organisation_id, data.to_user_id, case.kind)
    if to_user is None:
        raise ValidationError(
            {
                "to_user_id": _(
                    "Bitte wählen Sie eine Fachkraft Ihrer Stelle, die solche Fälle führt."
                )
            }
        )
    if to_user.pk == case.case_manager_id:
        raise ValidationError({"to_user_id": _("Diese Fachkraft ist bereits zuständig.")})
    with transaction.atomic():
        transfer = Transfer.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            from_organisation_id=case.organisation_id,
            from_user=by,
            to_organisation_id=case.organisation_id,
            to_user=to_user,
            basis_type=Transfer.BasisType.SAME_ORGANISATION,
            message=data.message.strip(),
            status=Transfer.Status.ACCEPTED,
            answered_by=by,
            answered_at=now(),
        )
        previous = case.case_manager
        case.case_manager = to_user
        case.save(update_fields=["case_manager", "updated_at"])
        _reassign_open_tasks(case, previous, to_user)
        _record(
            by,
            case,
            "transfer.within",
            case.organisation,
            transfer=transfer.pk,
            from_user=previous.pk,
            to_user=to_user.pk,
        )
    return transfer


def _answerable_transfer(by: User, transfer: Transfer) -> Transfer:
    if not policy.can(by, "answer", transfer):
        raise PermissionDenied
    locked = (
        Transfer.objects.select_for_update()
        .select_related("case", "case__person", "case__case_manager", "to_organisation")
        .get(pk=transfer.pk)
    )
    if locked.status != Transfer.Status.REQUESTED:
        raise ValidationError(ERR_TRANSFER_ANSWERED)
    return locked


def transfer_accept(*, by: User, transfer: Transfer) -> Transfer:
    """The receiving organisation takes the case over. It gets its own record of the person
    (master data, under the transfer's basis, checked again now); the case with its history
    moves to that record, organisation and case manager; the sender loses access."""
    if not case_access.work_kinds(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = _answerable_transfer(by, transfer)
        case = locked.case
        _require_case_open(case)
        basis = _transfer_basis(case, locked.to_organisation)
        if basis is None:
            raise ValidationError(
                missing_message(list(TRANSFER_CATEGORIES), locked.to_organisation, TRANSFER_PURPOSE)
            )
        old_person = case.person
        for category in TRANSFER_CATEGORIES:
            disclosure.log(
                user=by,
                person=old_person,
                purpose=TRANSFER_PURPOSE,
                category=category,
                basis=disclosure.check(by, old_person, TRANSFER_PURPOSE, category) or basis,
            )
        data = person_data_of(old_person)
        # The receiver's own file: no foreign file reference, no residence-law identifiers.
        data.reference = ""
        data.azr_number = ""
        new_person = person_create(by=by, data=data)
        previous = case.case_manager
        new_manager = locked.to_user or by
        # The kind follows the new case manager's working role (Perspektivfall → KIM case).
        kinds = case_access.work_kinds(new_manager) or case_access.work_kinds(by)
        case.person = new_person
        case.organisation = locked.to_organisation
        case.case_manager = new_manager
        case.kind = kinds[0]
        case.save(update_fields=["person", "organisation", "case_manager", "kind", "updated_at"])
        _reassign_open_tasks(case, previous, new_manager)
        locked.status = Transfer.Status.ACCEPTED
        locked.answered_by = by
        locked.answered_at = now()
        locked.new_person_id = new_person.pk
        locked.save(update_fields=["status", "answered_by", "answered_at", "new_person_id"])
        _record(
            by,
            case,
            "transfer.accepted",
            locked.to_organisation,
            transfer=locked.pk,
            from_organisation=locked.from_organisation_id,
            person=new_person.pk,
            previous_person=old_person.pk,
        )
    return locked


def transfer_decline(*, by: User, transfer: Transfer, reason: str) -> Transfer:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": str(ERR_REASON)})
    with transaction.atomic():
        locked = _answerable_transfer(by, transfer)
        locked.status = Transfer.Status.DECLINED
        locked.decline_reason = reason
        locked.answered_by = by
        locked.answered_at = now()
        locked.save(update_fields=["status", "decline_reason", "answered_by", "answered_at"])
        _record(by, locked.case, "transfer.declined", locked.to_organisation, transfer=locked.pk)
    return locked


# --- obstacles --------------------------------------------------------------------------------


@dataclass
class ObstacleData:
    field: str
    kind: str
    description: str
    concerned_id: int | None = None


def _personal_data_error(case: Case, text: str) -> str | None:
    person = case.person
    names = [person.family_name, person.given_names]
    names += [f"{n.family_name} {n.given_names}" for n in person.other_names.all()]
    found = personal_data.findings(text, names=names, born=person.date_of_birth)
    if not found:
        return None
    labels = {
        "name": _("Name"),
        "birth_date": _("Geburtsdatum"),
        "email": _("E-Mail-Adresse"),
        "phone": _("Telefonnummer"),
    }
    what = ", ".join(dict.fromkeys(str(labels[f.kind]) for f in found))
    return str(ERR_PERSONAL_DATA % {"what": what})


def obstacle_record(*, by: User, case: Case, data: ObstacleData) -> Obstacle:
    """Record, from a case, an obstacle in the support system, without personal data."""
    if not policy.may(by, "create", Obstacle):
        raise PermissionDenied
    policy.require(by, "change", case)
    errors: dict[str, str] = {}
    if data.field not in Handlungsfeld.values:
        errors["field"] = _("Bitte wählen Sie das Handlungsfeld.")
    if data.kind not in Obstacle.Kind.values:
        errors["kind"] = _("Bitte wählen Sie die Art des Hindernisses.")
    description = data.description.strip()
    if not description:
        errors["description"] = _("Bitte beschreiben Sie das Hindernis.")
    elif problem := _personal_data_error(case, description):
        errors["description"] = problem
    concerned = None
    if data.concerned_id:
        concerned = Organisation.objects.filter(
            pk=data.concerned_id, kommune_id=case.kommune_id
        ).first()
        if concerned is None:
            errors["concerned_id"] = _("Bitte wählen Sie eine Stelle Ihrer Kommune.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        obstacle = Obstacle.objects.create(
            kommune_id=case.kommune_id,
            organisation_id=case.organisation_id,
            case=case,
            recorded_by=by,
            field=data.field,
            concerned=concerned,
            kind=data.kind,
            description=description,
        )
        # Subject is the obstacle, not the case: the structure level must not lead to a person.
        events.record(
            activity="obstacle.recorded",
            actor=by,
            subject=obstacle,
            data={"field": data.field, "kind": data.kind, "concerned": data.concerned_id},
        )
    return obstacle


def obstacle_set_status(*, by: User, obstacle: Obstacle, status: str, note: str = "") -> Obstacle:
    """The coordination moves an obstacle along (AG, Lenkungsgruppe, erledigt)."""
    policy.require(by, "change", obstacle)
    if status not in Obstacle.Status.values:
        raise ValidationError({"status": _("Unbekannter Status.")})
    with transaction.atomic():
        obstacle.status = status
        obstacle.status_note = note.strip()[:500]
        obstacle.save(update_fields=["status", "status_note", "updated_at"])
        events.record(
            activity="obstacle.status_changed",
            actor=by,
            subject=obstacle,
            data={"status": status},
        )
    return obstacle
