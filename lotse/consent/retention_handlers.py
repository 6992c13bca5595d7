"""Retention handlers of the person registry and of consents (people cannot depend on consent,
so the person handler lives here). Defaults are UNVERIFIED suggestions; see decision 0010.

Anonymising a person keeps only what statistics need: year of birth, sex, nationalities,
languages and interpreter need, and the residence-status timeline (types and dates). Names,
other names, search tokens, contact data, address, AZR number, Aktenzeichen, day and month of
birth, family links, household and the screening facts are removed.

Anonymising an expired or revoked consent deletes the scan and the representative's name but
keeps the record (recipients, purposes, data, period, revocation): it proves that past
disclosures were lawful (Art. 7 (1), Art. 5 (2) DSGVO) for as long as the person's record exists.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import ProtectedError, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.consent import retention
from lotse.consent.models import Consent, ConsentRecipient, Disclosure, LegalBasis, RetentionRule
from lotse.consent.retention import ANONYMISE, ANONYMISED_NAME, DELETE, RetentionHandler, RuleValue
from lotse.core.models import AccessLog, Organisation
from lotse.people.models import NameToken, Person, PersonName, Rectification, Relation

PERSON = "people.person_without_case"
CONSENT = "consent.expired_consent"
Trigger = RetentionRule.Trigger

# Ausländerbehörden keep their files longer: § 68 AufenthV keeps Ausländerdatei B entries ten
# years. For all others three years after the last change (typical municipal practice, to be
# confirmed by the data protection officer). UNVERIFIED, configurable.
LONG_KEEPING = frozenset({Organisation.Kind.ABH, Organisation.Kind.EBH})


def _person_default(organisation: Organisation) -> RuleValue:
    months = 120 if organisation.kind in LONG_KEEPING else 36
    return RuleValue(months, ANONYMISE, Trigger.LAST_CHANGE)


def _consent_default(organisation: Organisation) -> RuleValue:
    # Three years after expiry or revocation: the regular limitation period (§ 195 BGB) within
    # which a disclosure may still be challenged. UNVERIFIED, configurable.
    return RuleValue(36, ANONYMISE, Trigger.EXPIRY)


# --- persons ------------------------------------------------------------------------------------


def _consent_hold(organisation: Organisation, cutoff: dt.date):  # type: ignore[no-untyped-def]
    """A consent still in force, or ended within the period, keeps the person."""
    return (
        Consent.objects.filter(person__organisation=organisation)
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__date__gt=cutoff))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=cutoff))
        .values("person_id")
    )


def persons_due(organisation: Organisation, rule: RuleValue, today: dt.date) -> list[int]:
    cutoff = rule.cutoff(today)
    candidates = (
        Person.objects.filter(organisation=organisation)
        .annotate(changed_on=TruncDate("updated_at"))
        .filter(changed_on__lte=cutoff)
        .exclude(pk__in=retention.done_ids(PERSON))
    )
    for hold in (_consent_hold, *retention.person_holds()):
        candidates = candidates.exclude(pk__in=hold(organisation, cutoff))
    return list(candidates.values_list("pk", flat=True))


def persons_anonymise(ids: list[int]) -> None:
    """Reduce persons to their statistical remainder (see module docstring). No event here."""
    for chunk in retention.chunks(ids):
        Person.objects.filter(pk__in=chunk).update(
            family_name=ANONYMISED_NAME,
            given_names="",
            sort_name=ANONYMISED_NAME,
            birth_month=None,
            birth_day=None,
            phone="",
            email="",
            street="",
            postcode="",
            city="",
            azr_number="",
            reference="",
            facts={},
            household=None,
            updated_at=timezone.now(),
        )
        PersonName.objects.filter(person_id__in=chunk).delete()
        NameToken.objects.filter(person_id__in=chunk).delete()
        Relation.objects.filter(Q(from_person_id__in=chunk) | Q(to_person_id__in=chunk)).delete()
        Rectification.objects.filter(person_id__in=chunk).update(note="")
        Consent.objects.filter(person_id__in=chunk).update(representative_name="")
    retention.persons_erased(ids)


def _person_delete(person_id: int) -> bool:
    """Delete a person with the consent records about them; False if another app still
    refers to the person (then the caller anonymises instead)."""
    try:
        with transaction.atomic():
            consents = list(Consent.objects.filter(person_id=person_id).values_list("pk", "scan"))
            ConsentRecipient.objects.filter(consent_id__in=[c[0] for c in consents]).delete()
            Consent.objects.filter(person_id=person_id).update(replaces=None)
            Consent.objects.filter(person_id=person_id).delete()
            LegalBasis.objects.filter(person_id=person_id).delete()
            Disclosure.objects.filter(person_id=person_id).delete()
            Person.objects.filter(pk=person_id).delete()
            # Reads of a deleted person are not kept: the id could later name someone else.
            AccessLog.objects.filter(person_id=person_id).delete()
    except ProtectedError:
        return False
    _delete_files([scan for _pk, scan in consents if scan])
    return True


def persons_apply(
    organisation: Organisation, ids: list[int], action: str, today: dt.date
) -> dict[str, int]:
    deleted, anonymise = [], list(ids)
    if action == DELETE:
        retention.persons_erased(ids)
        deleted = [pk for pk in ids if _person_delete(pk)]
        anonymise = [pk for pk in ids if pk not in set(deleted)]
    persons_anonymise(anonymise)
    retention.mark_done(
        organisation=organisation, record_type=PERSON, ids=anonymise, action=ANONYMISE, today=today
    )
    return {"deleted": len(deleted), "anonymised": len(anonymise)}


# --- consents -----------------------------------------------------------------------------------


def consents_due(organisation: Organisation, rule: RuleValue, today: dt.date) -> list[int]:
    cutoff = rule.cutoff(today)
    ended = Q(revoked_at__date__lte=cutoff) | Q(revoked_at__isnull=True, valid_until__lte=cutoff)
    return list(
        Consent.objects.filter(organisation=organisation)
        .filter(ended)
        .exclude(pk__in=retention.done_ids(CONSENT))
        .values_list("pk", flat=True)
    )


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


def consents_apply(
    organisation: Organisation, ids: list[int], action: str, today: dt.date
) -> dict[str, int]:
    deleted: list[int] = []
    if action == DELETE:
        for pk, scan in Consent.objects.filter(pk__in=ids).values_list("pk", "scan"):
            try:
                with transaction.atomic():
                    ConsentRecipient.objects.filter(consent_id=pk).delete()
                    Consent.objects.filter(pk=pk).delete()
            except ProtectedError:
                continue  # a case names it as its agreement, or a correction replaces it
            deleted.append(pk)
            if scan:
                _delete_files([scan])
    kept = [pk for pk in ids if pk not in set(deleted)]
    scans = list(
        Consent.objects.filter(pk__in=kept).exclude(scan="").values_list("scan", flat=True)
    )
    # queryset.update: a given consent is otherwise immutable (Consent.save refuses changes).
    Consent.objects.filter(pk__in=kept).update(scan="", representative_name="")
    _delete_files(scans)
    retention.mark_done(
        organisation=organisation, record_type=CONSENT, ids=kept, action=ANONYMISE, today=today
    )
    return {"deleted": len(deleted), "anonymised": len(kept)}


def register() -> None:
    retention.register_retention(
        RetentionHandler(
            record_type=PERSON,
            label=_("Personen ohne Fall"),
            description=_(
                "Personen ohne offenen oder noch nicht anonymisierten Fall und ohne laufende "
                "Einwilligung; die Frist beginnt mit der letzten Änderung."
            ),
            default=_person_default,
            due=persons_due,
            apply=persons_apply,
        )
    )
    retention.register_retention(
        RetentionHandler(
            record_type=CONSENT,
            label=_("Abgelaufene und widerrufene Einwilligungen"),
            description=_(
                "Anonymisieren löscht den Scan und den Namen der Vertretung; der Nachweis der "
                "Einwilligung bleibt. Löschen entfernt die Einwilligung ganz, wenn kein Fall sie "
                "braucht."
            ),
            default=_consent_default,
            due=consents_due,
            apply=consents_apply,
        )
    )
