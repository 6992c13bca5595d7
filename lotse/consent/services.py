"""Writes of the consent app. Each checks permission, runs in one transaction, records an event
(ids and codes only, never personal data). There is deliberately no update service: a consent is
corrected by revoking it and giving a new one that `replaces` it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.consent import retention, subject_access
from lotse.consent.models import (
    Category,
    Consent,
    ConsentRecipient,
    LegalBasis,
    Purpose,
    RetentionRule,
)
from lotse.consent.selectors import may_answer_subject_access, recipient_choices
from lotse.consent.subject_access import SubjectExport
from lotse.core import events, policy
from lotse.core.models import Organisation, Role, User
from lotse.people.models import Person

SCAN_MAX_BYTES = 10 * 1024 * 1024
# Content decides the type, not the file name (magic bytes).
SCAN_SIGNATURES = {b"%PDF-": ".pdf", b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


@dataclass
class ConsentData:
    """Everything a form or the API sets on a new consent."""

    given_by: str
    recipient_ids: list[int]
    purposes: list[str]
    categories: list[str]
    form: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    representative_name: str = ""
    scan: File[bytes] | None = field(default=None, repr=False)


def scan_extension(upload: File[bytes]) -> str:
    """The file extension for an accepted scan, or a ValidationError in German."""
    if upload.size is not None and upload.size > SCAN_MAX_BYTES:
        raise ValidationError({"scan": _("Der Scan ist zu groß (höchstens 10 MB).")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, extension in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return extension
    raise ValidationError(
        {"scan": _("Die Datei ist kein PDF, PNG oder JPEG. Bitte laden Sie den Scan als PDF hoch.")}
    )


def _clean(*, person: Person, data: ConsentData) -> list[Organisation]:
    errors: dict[str, str] = {}
    recipients = list(recipient_choices(person).filter(pk__in=data.recipient_ids))
    if not data.recipient_ids or len(recipients) != len(set(data.recipient_ids)):
        errors["recipient_ids"] = _("Bitte wählen Sie Stellen aus Ihrer Kommune als Empfänger.")
    if not data.purposes or not set(data.purposes) <= set(Purpose.values):
        errors["purposes"] = _("Bitte nennen Sie mindestens einen Zweck.")
    if not data.categories or not set(data.categories) <= set(Category.values):
        errors["categories"] = _("Bitte nennen Sie mindestens eine Datenart.")
    if data.form not in Consent.Form.values:
        errors["form"] = _("Bitte wählen Sie die Form der Einwilligung.")
    if data.given_by not in Consent.GivenBy.values:
        errors["given_by"] = _("Bitte geben Sie an, wer die Einwilligung erklärt.")
    elif data.given_by == Consent.GivenBy.REPRESENTATIVE and not data.representative_name.strip():
        errors["representative_name"] = _("Bitte nennen Sie die gesetzliche Vertretung.")
    if data.valid_until is not None and data.valid_until < data.valid_from:
        errors["valid_until"] = _("Das Ende liegt vor dem Beginn.")
    if errors:
        raise ValidationError(errors)
    return recipients


def _create(*, by: User, person: Person, data: ConsentData, replaces: Consent | None) -> Consent:
    recipients = _clean(person=person, data=data)
    extension = scan_extension(data.scan) if data.scan is not None else ""
    consent = Consent(
        kommune_id=person.kommune_id,
        organisation_id=person.organisation_id,
        person=person,
        given_by=data.given_by,
        representative_name=data.representative_name.strip()
        if data.given_by == Consent.GivenBy.REPRESENTATIVE
        else "",
        purposes=sorted(set(data.purposes), key=Purpose.values.index),
        categories=sorted(set(data.categories), key=Category.values.index),
        form=data.form,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        created_by=by,
        replaces=replaces,
    )
    if data.scan is not None:
        # A random name: the original file name may contain the person's name.
        consent.scan.save(f"{uuid.uuid4().hex}{extension}", data.scan, save=False)
    elif replaces is not None and replaces.scan:
        # A correction without a new upload keeps the signed paper of the corrected record.
        consent.scan.name = replaces.scan.name
    try:
        consent.save()
        ConsentRecipient.objects.bulk_create(
            ConsentRecipient(kommune_id=person.kommune_id, consent=consent, organisation=org)
            for org in recipients
        )
    except Exception:
        # Nothing half-written: a scan stored for a record that was not saved is removed.
        if data.scan is not None and consent.scan:
            consent.scan.storage.delete(consent.scan.name or "")
        raise
    return consent


def _event_data(consent: Consent, recipient_ids: list[int]) -> dict[str, object]:
    return {
        "person": consent.person_id,
        "recipients": sorted(recipient_ids),
        "purposes": consent.purposes,
        "categories": consent.categories,
        "form": consent.form,
        "scan": bool(consent.scan),
    }


def consent_give(*, by: User, person: Person, data: ConsentData) -> Consent:
    """Record a consent the person (or the legal representative) has given."""
    policy.require(by, "change", person)
    with transaction.atomic():
        consent = _create(by=by, person=person, data=data, replaces=None)
        events.record(
            activity="consent.given",
            actor=by,
            subject=consent,
            data=_event_data(consent, data.recipient_ids),
        )
    return consent


def _revoke(*, by: User, consent: Consent, reason: str) -> None:
    if consent.revoked_at is not None:
        raise ValidationError(_("Diese Einwilligung ist bereits widerrufen."))
    consent.revoked_at = timezone.now()
    consent.revoked_by = by
    consent.revocation_reason = reason.strip()[:500]
    consent.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])


def consent_revoke(*, by: User, consent: Consent, reason: str = "") -> Consent:
    """Revoke a consent; it stops covering any disclosure at this instant."""
    policy.require(by, "change", consent.person)
    with transaction.atomic():
        _revoke(by=by, consent=consent, reason=reason)
        events.record(
            activity="consent.revoked",
            actor=by,
            subject=consent,
            data={"person": consent.person_id, "reason_given": bool(reason.strip())},
        )
    return consent


def consent_correct(*, by: User, consent: Consent, data: ConsentData, reason: str = "") -> Consent:
    """Correct a consent: revoke it and record the corrected one, which `replaces` it."""
    policy.require(by, "change", consent.person)
    with transaction.atomic():
        _revoke(by=by, consent=consent, reason=reason or _("berichtigt"))
        new = _create(by=by, person=consent.person, data=data, replaces=consent)
        events.record(
            activity="consent.corrected",
            actor=by,
            subject=new,
            data={**_event_data(new, data.recipient_ids), "replaces": consent.pk},
        )
    return new


@dataclass
class LegalBasisData:
    recipient_id: int
    norm: str
    justification: str
    purpose: str
    categories: list[str]
    valid_from: dt.date
    valid_until: dt.date | None = None


def legal_basis_record(*, by: User, person: Person, data: LegalBasisData) -> LegalBasis:
    """Record a statutory basis (e.g. § 71 Abs. 2 SGB X) for disclosures without consent."""
    policy.require(by, "change", person)
    errors: dict[str, str] = {}
    recipient = recipient_choices(person).filter(pk=data.recipient_id).first()
    if recipient is None:
        errors["recipient_id"] = _("Bitte wählen Sie eine Stelle aus Ihrer Kommune.")
    if not data.norm.strip() or not data.justification.strip():
        errors["norm"] = _("Bitte nennen Sie die Norm und begründen Sie die Übermittlung.")
    if data.purpose not in Purpose.values:
        errors["purpose"] = _("Bitte nennen Sie mindestens einen Zweck.")
    if not data.categories or not set(data.categories) <= set(Category.values):
        errors["categories"] = _("Bitte nennen Sie mindestens eine Datenart.")
    if data.valid_until is not None and data.valid_until < data.valid_from:
        errors["valid_until"] = _("Das Ende liegt vor dem Beginn.")
    if errors or recipient is None:
        raise ValidationError(errors)
    with transaction.atomic():
        basis = LegalBasis.objects.create(
            kommune_id=person.kommune_id,
            organisation_id=person.organisation_id,
            person=person,
            recipient=recipient,
            norm=data.norm.strip(),
            justification=data.justification.strip(),
            purpose=data.purpose,
            categories=sorted(set(data.categories), key=Category.values.index),
            valid_from=data.valid_from,
            valid_until=data.valid_until,
            recorded_by=by,
        )
        events.record(
            activity="legal_basis.recorded",
            actor=by,
            subject=basis,
            data={
                "person": person.pk,
                "recipient": data.recipient_id,
                "norm": basis.norm,
                "purpose": basis.purpose,
                "categories": basis.categories,
            },
        )
    return basis


def scan_name(consent: Consent) -> str:
    return f"einwilligung-{consent.pk}{PurePath(consent.scan.name or '').suffix}"


def subject_access_export(*, by: User, person: Person, format: str) -> SubjectExport:
    """Build the Art. 15 answer for a person of `by`'s organisation and log that it was made.

    The caller fetched the person with `selectors.subject_person_for_user` (which also wrote the
    access log with purpose "auskunft"); the event names only ids, the format and completeness.
    """
    if person.organisation_id != by.organisation_id or not may_answer_subject_access(by):
        raise PermissionDenied
    export = subject_access.build(person, by)
    events.record(
        activity="subject_access.exported",
        actor=by,
        subject=person,
        data={
            "format": format,
            "complete": export.complete,
            "sections": [s.key for s in export.sections],
        },
    )
    return export


# Lazy: built at import time, they must still follow the language of the request.
ERR_RETENTION_TYPE = gettext_lazy("Diese Datenart gibt es nicht.")
ERR_RETENTION_MONTHS = gettext_lazy("Bitte geben Sie zwischen 1 und 600 Monaten an.")
ERR_RETENTION_ACTION = gettext_lazy("Diese Aktion ist für diese Datenart nicht möglich.")
ERR_RETENTION_MAX_MONTHS = gettext_lazy(
    "Für diese Datenart sind höchstens %(months)s Monate möglich: So ist es den Betroffenen "
    "zugesagt."
)


def retention_rule_set(*, by: User, record_type: str, months: int, action: str) -> RetentionRule:
    """Set the organisation's retention period for a record type (ADMIN of the organisation).

    The trigger is the handler's (closure, last change, expiry). Planned dates shown elsewhere
    (the case page's deletion date) are recomputed in the same transaction.
    """
    if by.role != Role.ADMIN or not by.organisation_id:
        raise PermissionDenied
    organisation = policy.organisation_of(by)
    handler = retention.handler_for(record_type)
    if handler is None:
        raise ValidationError({"record_type": ERR_RETENTION_TYPE})
    errors: dict[str, ValidationError] = {}
    if not 1 <= months <= 600:
        errors["months"] = ValidationError(ERR_RETENTION_MONTHS)
    elif handler.max_months is not None and months > handler.max_months:
        # params, not %: the message stays lazy until it is shown
        errors["months"] = ValidationError(
            ERR_RETENTION_MAX_MONTHS, params={"months": handler.max_months}
        )
    if action not in handler.actions:
        errors["action"] = ValidationError(ERR_RETENTION_ACTION)
    if errors:
        raise ValidationError(errors)
    trigger = handler.default(organisation).trigger
    with transaction.atomic():
        rule, _created = RetentionRule.objects.update_or_create(
            organisation=organisation,
            record_type=record_type,
            defaults={
                "kommune_id": organisation.kommune_id,
                "months": months,
                "action": action,
                "trigger": trigger,
                "updated_by": by,
            },
        )
        if handler.planned is not None:
            handler.planned(organisation, retention.RuleValue(months, action, trigger, True))
        events.record(
            activity="retention.rule_changed",
            actor=by,
            data={"record_type": record_type, "months": months, "action": action},
        )
    return rule
