"""Reads of the person registry: search, keyset pages, duplicate candidates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast

from lotse.core import policy
from lotse.core.models import AccessLog, User
from lotse.people.models import NameToken, Person, Relation, StatusPeriod
from lotse.people.names import phonetic, search_tokens
from lotse.people.transfer import Period, export_id, person_to_screening_input

# A parent's or guardian's screening depends on the children (§ 25a Abs. 2 AufenthG).
GUARDIAN_KINDS = (Relation.Kind.PARENT_OF, Relation.Kind.GUARDIAN_OF)

_FULL_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: phonetic codes of the name words and an optional (partial) birth date."""

    codes: tuple[str, ...] = ()
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None

    @property
    def empty(self) -> bool:
        return not self.codes and self.birth_year is None


def parse_query(text: str) -> SearchQuery:
    """ "Muhammad Ali 1998" or "Ali, Mohammed 03.04.1998": words are names, dates are births."""
    words, year, month, day = [], None, None, None
    for part in text.replace(",", " ").split():
        if match := _FULL_DATE.match(part):
            day, month, year = (int(g) for g in match.groups())
        elif match := _ISO_DATE.match(part):
            year, month, day = (int(g) for g in match.groups())
        elif _YEAR.match(part):
            year = int(part)
        else:
            words.append(part)
    codes = tuple(sorted({c for w in words for t in search_tokens(w) if (c := phonetic(t))}))
    return SearchQuery(codes=codes, birth_year=year, birth_month=month, birth_day=day)


# How many token rows to count at most when choosing the rarest search word.
_RARITY_CAP = 2000


def _birth_filter(query: SearchQuery, prefix: str = "") -> Q:
    """Birth-date conditions; a partial date on record still matches a fuller query date."""
    condition = Q()
    if query.birth_year is not None:
        condition &= Q(**{f"{prefix}birth_year": query.birth_year})
    for part, value in (("birth_month", query.birth_month), ("birth_day", query.birth_day)):
        if value is not None:
            condition &= Q(**{f"{prefix}{part}": value}) | Q(**{f"{prefix}{part}__isnull": True})
    return condition


def _name_matches(query: SearchQuery, organisation_id: int) -> QuerySet[NameToken]:
    """Tokens of the rarest search word, each person once, having all other words too.

    Walking the rarest word's tokens in name order (index organisation, code, sort_name,
    person) with the other words as EXISTS checks keeps every search to a few index pages,
    whether the name is rare ("Tesfay") or common ("Mohammed").
    """
    own = NameToken.objects.filter(organisation_id=organisation_id)

    def rarity(code: str) -> int:
        return own.filter(code=code)[:_RARITY_CAP].count()

    driver, *others = sorted(query.codes, key=rarity)
    tokens = own.filter(code=driver)
    for code in others:
        tokens = tokens.filter(Exists(own.filter(code=code, person_id=OuterRef("person_id"))))
    if query.birth_year is not None:
        tokens = tokens.filter(birth_year=query.birth_year)  # on the token: no person lookup
    if query.birth_month is None and query.birth_day is None:
        return tokens
    return tokens.filter(_birth_filter(query, prefix="person__"))


def _matching(
    queryset: QuerySet[Person], query: SearchQuery, organisation_id: int
) -> QuerySet[Person]:
    """Persons matching every name word and the birth date (unordered; for small lists)."""
    if query.codes:
        queryset = queryset.filter(id__in=_name_matches(query, organisation_id).values("person_id"))
    return queryset.filter(_birth_filter(query))


@dataclass(frozen=True)
class Page:
    items: list[Person]
    next_cursor: int | None


def _after(anchor: tuple[str, int] | None, name: str, key: str) -> Q:
    """Rows after (name, key) in (name, key) order. The leading `name >= …` lets PostgreSQL
    start the index scan at the anchor instead of filtering from the first row."""
    if anchor is None:
        return Q()
    later = Q(**{f"{name}__gt": anchor[0]}) | Q(**{f"{key}__gt": anchor[1]})
    return Q(**{f"{name}__gte": anchor[0]}) & later


def person_page(*, user: User, text: str = "", after: int | None = None, size: int = 25) -> Page:
    """One keyset page of the persons the user may see, ordered by name, optionally searched."""
    visible = policy.queryset(user, "view", Person)
    query = parse_query(text)
    anchor = None
    if after is not None:
        found = visible.filter(pk=after).values_list("sort_name", "id").first()
        anchor = (found[0], found[1]) if found else None
    if query.codes:
        tokens = _name_matches(query, user.organisation_id or 0).filter(
            _after(anchor, "sort_name", "person_id")
        )
        ids = list(
            tokens.order_by("sort_name", "person_id").values_list("person_id", flat=True)[
                : size + 1
            ]
        )
        by_id = visible.in_bulk(ids)
        rows = [by_id[i] for i in ids if i in by_id]
    else:
        rows = list(
            visible.filter(_birth_filter(query), _after(anchor, "sort_name", "id")).order_by(
                "sort_name", "id"
            )[: size + 1]
        )
    next_cursor = rows[size - 1].pk if len(rows) > size else None
    return Page(items=rows[:size], next_cursor=next_cursor)


def duplicate_candidates(
    *, user: User, family_name: str, given_names: str, birth_year: int | None, limit: int = 5
) -> list[Person]:
    """Persons of the user's organisation who may be the same human (same-sounding names)."""
    text = f"{family_name} {given_names}"
    query = parse_query(text)
    if not query.codes:
        return []
    queryset = _matching(
        policy.queryset(user, "view", Person),
        SearchQuery(codes=query.codes),
        user.organisation_id or 0,
    )
    if birth_year:
        queryset = queryset.filter(birth_year__in=[birth_year, None])
    return list(queryset.order_by("sort_name", "id")[:limit])


def person_for_user(*, user: User, pk: Any, action: str = "view", purpose: str = "view") -> Person:
    """Fetch a person (404 for missing and foreign) and write the read to the access log."""
    person = policy.get_or_404(
        user, Person, pk, action=action, query=lambda qs: qs.select_related("organisation")
    )
    log_access(user=user, person_ids=[person.pk], purpose=purpose)
    return person


def log_access(*, user: User, person_ids: list[int], purpose: str) -> None:
    organisation = user.organisation
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            organisation=organisation,
            kommune_id=organisation.kommune_id if organisation else None,
            person_id=pid,
            purpose=purpose,
        )
        for pid in person_ids
    )


def _guardian_ids(persons: list[Person]) -> dict[int, list[str]]:
    links: dict[int, list[str]] = {}
    relations = Relation.objects.filter(
        from_person__in=persons, kind__in=GUARDIAN_KINDS
    ).select_related("to_person")
    for relation in relations:
        links.setdefault(relation.from_person_id, []).append(export_id(relation.to_person))
    return links


def screening_input_of(person: Person) -> dict[str, Any]:
    return person_to_screening_input(person, _guardian_ids([person]).get(person.pk))


def screening_inputs_of(persons: list[Person]) -> list[dict[str, Any]]:
    """Screening-input documents of already loaded persons (prefetch their status periods)."""
    guardians = _guardian_ids(persons)
    return [person_to_screening_input(p, guardians.get(p.pk)) for p in persons]


class ScreeningColumns(NamedTuple):
    """What the nightly screening needs of a person, as plain values (JSON still as text, so
    worker processes decode it in parallel)."""

    person_id: int
    kommune_id: int
    organisation_id: int
    export_id: str
    date_of_birth: dt.date | None
    nationalities_json: str
    facts_json: str
    periods: list[Period]
    is_guardian: bool
    updated_at: dt.datetime  # moves with every change of the person's facts


def screening_columns(
    person_ids: list[int] | None = None, *, between: tuple[int, int] | None = None
) -> list[ScreeningColumns]:
    """Screening columns in id order, of these persons or of the id range `between` (both
    ends included): three queries, no model instances."""
    if between is not None:
        first, last = between
        of_person: dict[str, Any] = {"person_id__gte": first, "person_id__lte": last}
        persons: dict[str, Any] = {"pk__range": between}
        of_parent: dict[str, Any] = {"from_person_id__gte": first, "from_person_id__lte": last}
    else:
        of_person = {"person_id__in": person_ids}
        persons = {"pk__in": person_ids}
        of_parent = {"from_person_id__in": person_ids}
    periods: dict[int, list[Period]] = {}
    period_rows = StatusPeriod.objects.filter(**of_person).order_by("person_id", "valid_from", "id")
    for person_id, *period in period_rows.values_list(
        "person_id", "type", "legal_basis", "valid_from", "valid_to"
    ):
        periods.setdefault(person_id, []).append(tuple(period))  # type: ignore[arg-type]
    guardians = set(
        Relation.objects.filter(**of_parent, kind__in=GUARDIAN_KINDS).values_list(
            "from_person_id", flat=True
        )
    )
    rows = (
        Person.objects.filter(**persons)
        .order_by("id")
        .values_list(
            "id",
            "kommune_id",
            "organisation_id",
            "reference",
            "birth_year",
            "birth_month",
            "birth_day",
            Cast("nationalities", TextField()),
            Cast("facts", TextField()),
            "updated_at",
        )
    )
    return [
        ScreeningColumns(
            person_id=pk,
            kommune_id=kommune,
            organisation_id=organisation,
            export_id=reference or f"lotse-{pk}",
            date_of_birth=dt.date(year, month, day) if year and month and day else None,
            nationalities_json=nationalities or "[]",
            facts_json=facts or "{}",
            periods=periods.get(pk, []),
            is_guardian=pk in guardians,
            updated_at=updated_at,
        )
        for (
            pk,
            kommune,
            organisation,
            reference,
            year,
            month,
            day,
            nationalities,
            facts,
            updated_at,
        ) in rows
    ]


def screening_inputs_for(*, user: User) -> list[dict[str, Any]]:
    """All persons of the user's organisation in the screening-input format (logged as export)."""
    persons = list(
        policy.queryset(user, "view", Person).order_by("id").prefetch_related("status_periods")
    )
    log_access(user=user, person_ids=[p.pk for p in persons], purpose="export")
    return screening_inputs_of(persons)


def export_ids_for(*, user: User) -> dict[str, int]:
    """Export id → primary key for the user's organisation (to match imported documents)."""
    rows = policy.queryset(user, "view", Person).values_list("pk", "reference")
    return {(reference or f"lotse-{pk}"): pk for pk, reference in rows}


def person_by_reference(*, user: User, text: str, action: str = "change") -> Person | None:
    """A person of the user's organisation by Aktenzeichen or Lotse number ("lotse-17", "17")."""
    text = text.strip()
    visible = policy.queryset(user, action, Person)
    number = text.removeprefix("lotse-")
    found = visible.filter(reference=text).first() if text else None
    if found is None and number.isdigit():
        found = visible.filter(pk=int(number)).first()
    return found
