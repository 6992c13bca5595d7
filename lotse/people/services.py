"""Writes of the person registry. Every write checks permission, runs in one transaction and
appends an event without personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.contracts.screening_input import validate_person
from lotse.core import events, policy
from lotse.core.bulk import insert_objects, insert_rows, reserve_ids
from lotse.core.models import Organisation, User
from lotse.people import timeline
from lotse.people.models import (
    Household,
    NameToken,
    Person,
    PersonName,
    Rectification,
    Relation,
    StatusPeriod,
)
from lotse.people.names import fold, name_codes

# Apps that keep data derived from a person's facts (the stored screening results) subscribe
# here. People cannot import them (no cycles between apps), so they register themselves at start
# (AppConfig.ready) and are called explicitly, inside the transaction of every change.
PersonsChanged = Callable[[list[int]], object]
_subscribers: list[PersonsChanged] = []


def subscribe_to_person_changes(callback: PersonsChanged) -> None:
    if callback not in _subscribers:
        _subscribers.append(callback)


def _persons_changed(person_ids: list[int], *, touch: bool = False) -> None:
    """Tell the subscribers (the screening) that these persons' facts changed. With `touch`
    (a change in a table beside the person row) the rows' `updated_at` is set too: every
    change of facts moves it, which the nightly screening relies on (pathways.services)."""
    if touch:
        Person.objects.filter(pk__in=person_ids).update(updated_at=timezone.now())
    for callback in _subscribers:
        callback(person_ids)


# Every column of a person row, for bulk inserts with ids reserved in advance.
PERSON_COLUMNS = tuple(f.attname for f in Person._meta.concrete_fields)

# Fields of the screening-input contract kept in their own columns or tables, not in `facts`.
STRUCTURED_FACTS = frozenset({"id", "date_of_birth", "nationalities", "status_periods"})


@dataclass
class PersonData:
    """Everything a form, an import row or the API may set on a person."""

    family_name: str
    given_names: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    sex: str = "U"
    nationalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    interpreter_needed: bool = False
    phone: str = ""
    email: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    azr_number: str = ""
    reference: str = ""
    other_names: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, family, given)
    status_periods: list[dict[str, Any]] | None = None  # None: leave the timeline unchanged
    facts: dict[str, Any] | None = None  # None: leave the facts unchanged


def _check_birth(data: PersonData) -> None:
    if data.birth_day and not data.birth_month:
        raise ValidationError({"birth_month": _("Bitte geben Sie zum Tag auch den Monat an.")})
    if data.birth_month and not data.birth_year:
        raise ValidationError({"birth_year": _("Bitte geben Sie zum Monat auch das Jahr an.")})
    if data.birth_year and data.birth_month and data.birth_day:
        try:
            born = dt.date(data.birth_year, data.birth_month, data.birth_day)
        except ValueError as exc:
            raise ValidationError({"birth_day": _("Dieses Geburtsdatum gibt es nicht.")}) from exc
        if born > dt.date.today():
            raise ValidationError({"birth_day": _("Das Geburtsdatum liegt in der Zukunft.")})
    if data.birth_year and not 1900 <= data.birth_year <= dt.date.today().year:
        raise ValidationError({"birth_year": _("Bitte geben Sie ein Geburtsjahr ab 1900 an.")})
    if data.birth_month and not 1 <= data.birth_month <= 12:
        raise ValidationError({"birth_month": _("Der Monat muss zwischen 1 und 12 liegen.")})


def _check_facts(facts: dict[str, Any]) -> None:
    extra = sorted(set(facts) & STRUCTURED_FACTS)
    errors = [str(e) for e in validate_person(facts, require_id=False)]
    errors += [
        _("%(field)s wird nicht hier, sondern im Formular gepflegt.") % {"field": f} for f in extra
    ]
    if errors:
        raise ValidationError({"facts": errors})


def _apply(person: Person, data: PersonData, *, checked: bool = False) -> None:
    """Copy data onto a person and validate it. `checked` rows (parsed and validated field by
    field by transfer.py) skip the model's full_clean, the slowest part of a large import."""
    _check_birth(data)
    for name in (
        "family_name",
        "given_names",
        "birth_year",
        "birth_month",
        "birth_day",
        "sex",
        "nationalities",
        "languages",
        "interpreter_needed",
        "phone",
        "email",
        "street",
        "postcode",
        "city",
        "azr_number",
        "reference",
    ):
        setattr(person, name, getattr(data, name))
    if data.facts is not None:
        if not checked:
            _check_facts(data.facts)
        person.facts = data.facts
    person.sort_name = fold(f"{data.family_name} {data.given_names}")[:300]
    if not checked:
        person.full_clean(exclude=["kommune", "organisation", "sort_name"])


# Columns of the dependent rows in the order `_children` builds them.
NAME_COLUMNS = ("kommune_id", "person_id", "kind", "family_name", "given_names")
PERIOD_COLUMNS = ("kommune_id", "person_id", "type", "legal_basis", "valid_from", "valid_to")
TOKEN_COLUMNS = ("kommune_id", "organisation_id", "person_id", "code", "sort_name", "birth_year")


@dataclass
class _Children:
    """A person's dependent rows as plain tuples (an import writes millions of them)."""

    names: list[tuple[Any, ...]]
    periods: list[tuple[Any, ...]]
    tokens: list[tuple[Any, ...]]


def _children(person: Person, data: PersonData) -> _Children:
    """The dependent rows of a person: other names, status timeline, search tokens."""
    kommune_id, person_id = person.kommune_id, person.pk
    all_names = [data.family_name, data.given_names]
    all_names += [n for _kind, family, given in data.other_names for n in (family, given)]
    return _Children(
        names=[
            (kommune_id, person_id, kind, family, given) for kind, family, given in data.other_names
        ],
        periods=[
            (
                kommune_id,
                person_id,
                p["type"],
                p.get("legal_basis") or "",
                p["from"],
                p.get("to"),
            )
            for p in data.status_periods or []
        ],
        tokens=[
            (
                kommune_id,
                person.organisation_id,
                person_id,
                code,
                person.sort_name,
                person.birth_year,
            )
            for code in sorted(name_codes(*all_names))
        ],
    )


def _save_children(children: list[_Children]) -> None:
    insert_rows(PersonName, NAME_COLUMNS, [row for c in children for row in c.names])
    insert_rows(StatusPeriod, PERIOD_COLUMNS, [row for c in children for row in c.periods])
    insert_rows(NameToken, TOKEN_COLUMNS, [row for c in children for row in c.tokens])


def _replace_children(person: Person, data: PersonData) -> None:
    person.other_names.all().delete()
    NameToken.objects.filter(person=person).delete()
    if data.status_periods is not None:
        person.status_periods.all().delete()
    children = _children(person, data)
    if data.status_periods is None:
        children.periods = []
    _save_children([children])


def person_create(*, by: User, data: PersonData) -> Person:
    """Record a new person in the user's own organisation."""
    policy.require_may(by, "create", Person)
    organisation = policy.organisation_of(by)
    with transaction.atomic():
        person = Person(kommune_id=organisation.kommune_id, organisation=organisation)
        _apply(person, data)
        person.save()
        _replace_children(person, data)
        events.record(activity="person.created", actor=by, subject=person)
        _persons_changed([person.pk])
    return person


def person_update(
    *,
    by: User,
    person: Person,
    data: PersonData,
    on_request: bool = False,
    request_note: str = "",
) -> Person:
    """Change a person's data. `on_request`: a correction the person asked for (Art. 16 DSGVO),
    recorded as a Rectification (changed field names and a note) and marked in the event."""
    policy.require(by, "change", person)
    with transaction.atomic():
        before = person_data_of(person)
        before.facts = dict(person.facts or {})
        changed = _changed_fields(before, data) if on_request else []
        _apply(person, data)
        person.save()
        _replace_children(person, data)
        if on_request:
            Rectification.objects.create(
                kommune_id=person.kommune_id,
                person=person,
                fields=changed,
                note=request_note.strip()[:500],
                by=by,
            )
        payload = {"rectification": True, "fields": changed} if on_request else None
        events.record(activity="person.updated", actor=by, subject=person, data=payload)
        _persons_changed([person.pk])
    return person


def _changed_fields(before: PersonData, after: PersonData) -> list[str]:
    """Names (not values) of the fields that differ; None on `after` means "unchanged"."""
    names = [f for f in PersonData.__dataclass_fields__ if getattr(after, f) is not None]
    return [f for f in names if getattr(before, f) != getattr(after, f)]


def persons_import(
    *, by: User, rows: list[PersonData], updates: dict[int, int], source: str
) -> tuple[int, int]:
    """All-or-nothing import of parsed rows (see transfer.py); returns (created, updated).

    `updates` maps a row index to an existing person: only the screening facts, birth date,
    nationalities and timeline of that person are replaced, never the name.
    """
    policy.require_may(by, "import", Person)
    with transaction.atomic():
        new_rows = [row for index, row in enumerate(rows) if index not in updates]
        # Rows from transfer.py's parsers are validated field by field already.
        created = (
            persons_create_many(by=by, rows=new_rows, source=source, checked=True)
            if new_rows
            else 0
        )
        for index, person_id in updates.items():
            person = policy.get_or_404(by, Person, person_id, action="change")
            incoming = rows[index]
            data = person_data_of(person)
            data.birth_year, data.birth_month, data.birth_day = (
                incoming.birth_year,
                incoming.birth_month,
                incoming.birth_day,
            )
            data.nationalities = incoming.nationalities
            data.status_periods = incoming.status_periods
            data.facts = incoming.facts
            person_update(by=by, person=person, data=data)
    return created, len(updates)


def person_data_of(person: Person) -> PersonData:
    """The editable data of a stored person (for forms and partial updates)."""
    return PersonData(
        family_name=person.family_name,
        given_names=person.given_names,
        birth_year=person.birth_year,
        birth_month=person.birth_month,
        birth_day=person.birth_day,
        sex=person.sex,
        nationalities=list(person.nationalities),
        languages=list(person.languages),
        interpreter_needed=person.interpreter_needed,
        phone=person.phone,
        email=person.email,
        street=person.street,
        postcode=person.postcode,
        city=person.city,
        azr_number=person.azr_number,
        reference=person.reference,
        other_names=[(n.kind, n.family_name, n.given_names) for n in person.other_names.all()],
        status_periods=None,
        facts=None,
    )


def persons_create_many(
    *, by: User, rows: Iterable[PersonData], source: str, checked: bool = False
) -> int:
    """Bulk creation for imports (rows are validated by the caller first)."""
    policy.require_may(by, "import", Person)
    with transaction.atomic():
        persons = persons_insert(
            organisation=policy.organisation_of(by), rows=list(rows), checked=checked
        )
        events.record(
            activity="person.imported", actor=by, data={"count": len(persons), "source": source}
        )
    return len(persons)


def persons_insert(
    *, organisation: Organisation, rows: list[PersonData], checked: bool = False
) -> list[Person]:
    """Insert persons with their dependent rows, without permission check: for importers that
    already checked, and for system jobs (demo data). Call inside a transaction."""
    now = timezone.now()
    persons = []
    for person_id, data in zip(reserve_ids(Person, len(rows)), rows, strict=True):
        person = Person(
            pk=person_id,
            kommune_id=organisation.kommune_id,
            organisation=organisation,
            created_at=now,
            updated_at=now,
        )
        _apply(person, data, checked=checked)
        persons.append(person)
    insert_objects(Person, PERSON_COLUMNS, persons)
    for person in persons:
        person._state.adding, person._state.db = False, "default"
    _save_children([_children(p, d) for p, d in zip(persons, rows, strict=True)])
    _persons_changed([p.pk for p in persons])
    return persons


def status_period_add(
    *,
    by: User,
    person: Person,
    type: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    legal_basis: str = "",
) -> StatusPeriod:
    """Add a period to the timeline, fitted as `timeline.fit` describes (one status at a time)."""
    policy.require(by, "change", person)
    with transaction.atomic():
        stored = list(person.status_periods.select_for_update())
        try:
            fitted, closed = timeline.fit(
                [timeline.Period(p.pk, p.valid_from, p.valid_to) for p in stored],
                timeline.Period(None, valid_from, valid_to),
            )
        except timeline.Overlap as exc:
            conflict = next(p for p in stored if p.pk == exc.period.key)
            raise ValidationError(
                _("Der Zeitraum überschneidet sich mit „%(status)s“ ab %(start)s.")
                % {
                    "status": conflict.get_type_display(),
                    "start": conflict.valid_from.strftime("%d.%m.%Y"),
                }
            ) from exc
        for period_id, end in closed.items():
            person.status_periods.filter(pk=period_id).update(valid_to=end)
        valid_to = fitted.end
        period = StatusPeriod(
            kommune_id=person.kommune_id,
            person=person,
            type=type,
            legal_basis=legal_basis,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        period.full_clean(exclude=["kommune", "person"])
        period.save()
        events.record(activity="person.status_added", actor=by, subject=person, data={"type": type})
        _persons_changed([person.pk], touch=True)
    return period


def status_period_delete(*, by: User, person: Person, period_id: int) -> None:
    policy.require(by, "change", person)
    with transaction.atomic():
        deleted, _rows = person.status_periods.filter(pk=period_id).delete()
        if deleted:
            events.record(activity="person.status_removed", actor=by, subject=person)
            _persons_changed([person.pk], touch=True)


def relation_add(
    *, by: User, person: Person, other: Person, kind: str, same_household: bool
) -> Relation:
    """Link two persons of the same organisation; optionally put them in one household."""
    policy.require(by, "change", person)
    policy.require(by, "change", other)
    if other.pk == person.pk:
        raise ValidationError(_("Eine Person kann nicht mit sich selbst verknüpft werden."))
    with transaction.atomic():
        relation, created = Relation.objects.get_or_create(
            kommune_id=person.kommune_id, from_person=person, to_person=other, kind=kind
        )
        if not created:
            raise ValidationError(_("Diese Verknüpfung besteht schon."))
        if same_household:
            household = (
                person.household
                or other.household
                or Household.objects.create(
                    kommune_id=person.kommune_id, organisation_id=person.organisation_id
                )
            )
            Person.objects.filter(pk__in=[person.pk, other.pk]).update(household=household)
        events.record(
            activity="person.relation_added",
            actor=by,
            subject=person,
            data={"kind": kind, "other": other.pk, "household": same_household},
        )
        _persons_changed([person.pk, other.pk], touch=True)
    return relation


def relation_remove(*, by: User, person: Person, relation_id: int) -> None:
    policy.require(by, "change", person)
    with transaction.atomic():
        deleted, _rows = Relation.objects.filter(
            Q(from_person=person) | Q(to_person=person), pk=relation_id
        ).delete()
        if deleted:
            events.record(activity="person.relation_removed", actor=by, subject=person)
            _persons_changed([person.pk], touch=True)
