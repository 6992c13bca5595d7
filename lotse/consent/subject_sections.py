"""The Art. 15 sections the consent app can answer itself: the person registry (people cannot
depend on consent, so its section lives here), consents and legal bases, disclosures, access log.

Staff are named by organisation and role, never by name: the access log shows who in the
controller read the record, when and why. The CJEU held that Art. 15 gives a right to the dates
and purposes of such reads, but not in principle to the identity of the employees who acted
under the controller's authority (EuGH, 22.06.2023, C-579/21 "Pankki S"); see decision 0010.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from lotse.consent.models import (
    Category,
    Consent,
    Disclosure,
    LegalBasis,
    Purpose,
    RetentionRule,
)
from lotse.consent.subject_access import SubjectSection, Table, date_text, iso
from lotse.core.models import AccessLog, Organisation, Role, User
from lotse.people.models import Person, Rectification, Relation

# Purposes written to the access log by the views, in words for the person.
ACCESS_PURPOSES = {
    "view": "Ansicht der Personenseite",
    "edit": "Bearbeitung",
    "consent": "Einwilligungen",
    "print": "Druck",
    "scan": "Abruf eines Scans",
    "export": "Datenexport",
    "api": "Schnittstelle (API)",
    "handover": "Übergabe an die Integrationslotsin",
    "what_if": "Prüfung von Bleibeperspektiven",
    "worklist_export": "Export der Arbeitsliste",
    "document": "Abruf eines Dokuments",
    "case_open": "Eröffnung eines Falls",
    "auskunft": "Auskunft nach Art. 15 DSGVO",
}


def access_purpose_text(purpose: str) -> str:
    if purpose.startswith("case:"):
        return _("Fallakte") + f" ({ACCESS_PURPOSES.get(purpose[5:], purpose[5:])})"
    return ACCESS_PURPOSES.get(purpose, purpose)


def _role_text(role: str) -> str:
    return str(Role(role).label) if role in Role.values else ""


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


def person_section(person: Person, viewer: User) -> SubjectSection:
    """Master data, other names, residence-status timeline, relations, household, corrections."""
    names = list(person.other_names.all())
    periods = list(person.status_periods.all())
    relations = [
        (r.get_kind_display(), r.to_person)
        for r in Relation.objects.filter(from_person=person).select_related("to_person")
    ] + [
        (_("verknüpft mit") + f" ({r.get_kind_display()})", r.from_person)
        for r in Relation.objects.filter(to_person=person).select_related("from_person")
    ]
    household = []
    if person.household_id:
        household = list(
            Person.objects.filter(household_id=person.household_id).exclude(pk=person.pk)
        )
    rectifications = _rectifications(person)
    rows = [
        (_("Familienname"), person.family_name),
        (_("Vornamen"), person.given_names),
        (_("Geburtsdatum"), person.date_of_birth_display),
        (_("Geschlecht"), person.get_sex_display()),
        (_("Staatsangehörigkeiten"), ", ".join(person.nationalities)),
        (_("Sprachen"), ", ".join(person.languages)),
        (_("Dolmetschbedarf"), _yes_no(person.interpreter_needed)),
        (_("Telefon"), person.phone),
        (_("E-Mail"), person.email),
        (_("Anschrift"), " ".join(p for p in (person.street, person.postcode, person.city) if p)),
        (_("AZR-Nummer"), person.azr_number),
        (_("Aktenzeichen"), person.reference),
        (_("Lotse-Nummer"), f"lotse-{person.pk}"),
        (_("erfasst am"), date_text(person.created_at)),
        (_("zuletzt geändert am"), date_text(person.updated_at)),
    ]
    tables = []
    if names:
        tables.append(
            Table(
                _("Weitere Namen"),
                [_("Art"), _("Familienname"), _("Vornamen")],
                [[n.get_kind_display(), n.family_name, n.given_names] for n in names],
            )
        )
    if periods:
        tables.append(
            Table(
                _("Aufenthaltsstatus"),
                [_("Status"), _("Rechtsgrundlage"), _("von"), _("bis")],
                [
                    [
                        p.get_type_display(),
                        p.legal_basis,
                        date_text(p.valid_from),
                        date_text(p.valid_to),
                    ]
                    for p in periods
                ],
            )
        )
    if relations or household:
        tables.append(
            Table(
                _("Familie und Haushalt"),
                [_("Beziehung"), _("Person")],
                [[kind, str(other)] for kind, other in relations]
                + [[_("im selben Haushalt"), str(other)] for other in household],
            )
        )
    if person.facts:
        tables.append(
            Table(
                _("Weitere Angaben für die Prüfung von Bleibeperspektiven"),
                [_("Angabe"), _("Wert")],
                [[key, _fact_text(value)] for key, value in sorted(person.facts.items())],
            )
        )
    if rectifications:
        tables.append(
            Table(
                _("Berichtigungen auf Ihren Antrag (Art. 16 DSGVO)"),
                [_("Datum"), _("Geänderte Angaben"), _("Bemerkung")],
                [[r["at_text"], r["fields_text"], r["note"]] for r in rectifications],
            )
        )
    data = {
        "family_name": person.family_name,
        "given_names": person.given_names,
        "birth_year": person.birth_year,
        "birth_month": person.birth_month,
        "birth_day": person.birth_day,
        "sex": person.sex,
        "nationalities": list(person.nationalities),
        "languages": list(person.languages),
        "interpreter_needed": person.interpreter_needed,
        "phone": person.phone,
        "email": person.email,
        "street": person.street,
        "postcode": person.postcode,
        "city": person.city,
        "azr_number": person.azr_number,
        "reference": person.reference,
        "facts": person.facts,
        "created_at": iso(person.created_at),
        "updated_at": iso(person.updated_at),
        "other_names": [
            {"kind": n.kind, "family_name": n.family_name, "given_names": n.given_names}
            for n in names
        ],
        "status_periods": [
            {
                "type": p.type,
                "legal_basis": p.legal_basis,
                "from": iso(p.valid_from),
                "to": iso(p.valid_to),
            }
            for p in periods
        ],
        "relations": [{"relation": kind, "person": str(other)} for kind, other in relations],
        "household": [str(other) for other in household],
        "rectifications": [
            {"at": r["at"], "fields": r["fields"], "note": r["note"]} for r in rectifications
        ],
    }
    return SubjectSection(
        key="person", title=_("Angaben zur Person"), rows=rows, tables=tables, data=data
    )


def _fact_text(value: Any) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _rectifications(person: Person) -> list[dict[str, Any]]:
    labels = {
        f.name: str(f.verbose_name) for f in Person._meta.concrete_fields if f.verbose_name
    } | {"other_names": _("Weitere Namen"), "status_periods": _("Aufenthaltsstatus")}
    found = []
    for r in Rectification.objects.filter(person=person).order_by("at", "id"):
        found.append(
            {
                "at": iso(r.at),
                "at_text": date_text(r.at),
                "fields": list(r.fields),
                "fields_text": ", ".join(labels.get(f, f) for f in r.fields),
                "note": r.note,
            }
        )
    return found


def consent_section(person: Person, viewer: User) -> SubjectSection:
    """Consents (with recipients, purposes, data, period, revocation) and recorded legal bases."""
    consents = list(
        Consent.objects.filter(person=person, organisation_id=person.organisation_id)
        .prefetch_related("recipients")
        .order_by("valid_from", "id")
    )
    bases = list(
        LegalBasis.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("recipient")
        .order_by("valid_from", "id")
    )
    consent_rows = [
        [
            str(c.pk),
            ", ".join(o.name for o in c.recipients.all()),
            ", ".join(c.purpose_labels()),
            ", ".join(c.category_labels()),
            f"{date_text(c.valid_from)} – {date_text(c.valid_until) or _('bis Widerruf')}",
            date_text(c.revoked_at),
        ]
        for c in consents
    ]
    basis_rows = [
        [
            b.norm,
            b.recipient.name,
            b.get_purpose_display(),
            ", ".join(str(Category(x).label) for x in b.categories if x in Category.values),
            f"{date_text(b.valid_from)} – {date_text(b.valid_until)}",
        ]
        for b in bases
    ]
    tables = []
    if consent_rows:
        tables.append(
            Table(
                _("Einwilligungen"),
                [
                    _("Nr."),
                    _("Empfangende Stellen"),
                    _("Zwecke"),
                    _("Datenarten"),
                    _("gültig"),
                    _("widerrufen am"),
                ],
                consent_rows,
            )
        )
    if basis_rows:
        tables.append(
            Table(
                _("Gesetzliche Grundlagen für Übermittlungen"),
                [_("Norm"), _("Empfänger"), _("Zweck"), _("Datenarten"), _("gültig")],
                basis_rows,
            )
        )
    data = {
        "consents": [
            {
                "id": c.pk,
                "given_by": c.given_by,
                "form": c.form,
                "recipients": [o.name for o in c.recipients.all()],
                "purposes": list(c.purposes),
                "categories": list(c.categories),
                "valid_from": iso(c.valid_from),
                "valid_until": iso(c.valid_until),
                "revoked_at": iso(c.revoked_at),
                "revocation_reason": c.revocation_reason,
                "has_scan": bool(c.scan),
                "replaces": c.replaces_id,
            }
            for c in consents
        ],
        "legal_bases": [
            {
                "norm": b.norm,
                "justification": b.justification,
                "recipient": b.recipient.name,
                "purpose": b.purpose,
                "categories": list(b.categories),
                "valid_from": iso(b.valid_from),
                "valid_until": iso(b.valid_until),
            }
            for b in bases
        ],
    }
    return SubjectSection(
        key="consents",
        title=_("Einwilligungen und Rechtsgrundlagen"),
        tables=tables,
        data=data,
        note=""
        if tables
        else _("Es sind keine Einwilligungen und keine Rechtsgrundlagen erfasst."),
    )


def disclosure_section(person: Person, viewer: User) -> SubjectSection:
    """Every disclosure of this organisation's data to another organisation, with its basis."""
    disclosures = list(
        Disclosure.objects.filter(person=person, from_organisation_id=person.organisation_id)
        .select_related("to_organisation")
        .order_by("at", "id")
    )
    norms = dict(
        LegalBasis.objects.filter(
            pk__in=[
                d.basis_id for d in disclosures if d.basis_type == Disclosure.BasisType.LEGAL_BASIS
            ]
        ).values_list("pk", "norm")
    )

    def basis(d: Disclosure) -> str:
        if d.basis_type == Disclosure.BasisType.CONSENT:
            return _("Einwilligung Nr. %(id)s") % {"id": d.basis_id}
        return norms.get(d.basis_id, _("Rechtsgrundlage"))

    rows = [
        [
            date_text(d.at),
            d.to_organisation.name,
            str(Category(d.category).label) if d.category in Category.values else d.category,
            str(Purpose(d.purpose).label) if d.purpose in Purpose.values else d.purpose,
            basis(d),
        ]
        for d in disclosures
    ]
    return SubjectSection(
        key="disclosures",
        title=_("Weitergaben an andere Stellen"),
        tables=[
            Table(
                _("Weitergaben an andere Stellen"),
                [_("Zeitpunkt"), _("Empfänger"), _("Datenart"), _("Zweck"), _("Grundlage")],
                rows,
            )
        ]
        if rows
        else [],
        data={
            "disclosures": [
                {
                    "at": iso(d.at),
                    "recipient": d.to_organisation.name,
                    "category": d.category,
                    "purpose": d.purpose,
                    "basis_type": d.basis_type,
                    "basis": basis(d),
                }
                for d in disclosures
            ]
        },
        note="" if rows else _("Ihre Daten wurden nicht an andere Stellen weitergegeben."),
    )


def access_section(person: Person, viewer: User) -> SubjectSection:
    """Who read the record (organisation and role), when and why. Daily totals in the PDF."""
    entries = list(
        AccessLog.objects.filter(person_id=person.pk, kommune_id=person.kommune_id)
        .order_by("at", "id")
        .values_list("at", "organisation_id", "user__role", "purpose")
    )
    org_names = dict(
        Organisation.objects.filter(pk__in={e[1] for e in entries if e[1]}).values_list(
            "pk", "name"
        )
    )
    records = [
        {
            "at": iso(at),
            "organisation": org_names.get(org_id, ""),
            "role": _role_text(role or ""),
            "purpose": purpose,
            "purpose_text": access_purpose_text(purpose),
        }
        for at, org_id, role, purpose in entries
    ]
    daily = Counter(
        (
            date_text(at.date()),
            org_names.get(org_id, ""),
            _role_text(role or ""),
            access_purpose_text(purpose),
        )
        for at, org_id, role, purpose in entries
    )
    rows = [
        [day, org, role, purpose, str(count)] for (day, org, role, purpose), count in daily.items()
    ]
    return SubjectSection(
        key="access_log",
        title=_("Wer hat Ihre Daten aufgerufen?"),
        tables=[
            Table(
                _("Zugriffe auf Ihre Daten"),
                [_("Tag"), _("Stelle"), _("Rolle"), _("Zweck"), _("Anzahl")],
                rows,
            )
        ]
        if rows
        else [],
        data={"entries": records},
        note=_(
            "Mitarbeitende nennen wir mit Stelle und Rolle, nicht mit Namen. Wenn Sie den Namen "
            "brauchen, um Ihre Rechte wahrzunehmen, fragen Sie uns."
        ),
    )


def retention_section(person: Person, viewer: User) -> SubjectSection:
    """How long the data is kept (Art. 15 (1) d DSGVO): the organisation's rules in force."""
    from lotse.consent import retention

    rules = retention.effective_rules(person.organisation)
    handlers = retention.handlers()
    rows = [
        [
            str(h.label),
            _("%(months)s Monate") % {"months": rules[h.record_type].months},
            str(RetentionRule.Trigger(rules[h.record_type].trigger).label),
            str(RetentionRule.Action(rules[h.record_type].action).label),
        ]
        for h in handlers
    ]
    return SubjectSection(
        key="retention",
        title=_("Wie lange wir Ihre Daten speichern"),
        tables=[
            Table(_("Speicherdauer"), [_("Daten"), _("Frist"), _("beginnt"), _("danach")], rows)
        ],
        data={
            "rules": [
                {
                    "record_type": h.record_type,
                    "months": rules[h.record_type].months,
                    "trigger": rules[h.record_type].trigger,
                    "action": rules[h.record_type].action,
                }
                for h in handlers
            ]
        },
        note=_(
            "Danach löschen oder anonymisieren wir die Daten automatisch. Ein geplantes "
            "Löschdatum eines Falls steht bei dem Fall."
        ),
    )


def register() -> None:
    from lotse.consent.subject_access import register_subject_data

    for provider in (
        person_section,
        consent_section,
        disclosure_section,
        access_section,
        retention_section,
    ):
        register_subject_data(provider)
