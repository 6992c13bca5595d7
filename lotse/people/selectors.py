"""Reads of the person registry: search, keyset pages, duplicate candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from lotse.core import policy
from lotse.core.models import AccessLog, User
from lotse.people.models import NameToken, Person, Relation
from lotse.people.names import phonetic, search_tokens
from lotse.people.transfer import export_id, person_to_screening_input

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


def _matching(
    queryset: QuerySet[Person], query: SearchQuery, organisation_id: int
) -> QuerySet[Person]:
    for code in query.codes:
        # Each name word must match one of the person's names (any spelling).
        ids = NameToken.objects.filter(organisation_id=organisation_id, code=code).values(
            "person_id"
        )
        queryset = queryset.filter(id__in=ids)
    if query.birth_year is not None:
        queryset = queryset.filter(birth_year=query.birth_year)
    # A partial birth date on record still matches a fuller date in the query.
    if query.birth_month is not None:
        queryset = queryset.filter(birth_month__in=[query.birth_month, None])
    if query.birth_day is not None:
        queryset = queryset.filter(birth_day__in=[query.birth_day, None])
    return queryset


@dataclass(frozen=True)
class Page:
    items: list[Person]
    next_cursor: int | None


def person_page(*, user: User, text: str = "", after: int | None = None, size: int = 25) -> Page:
    """One keyset page of the persons the user may see, ordered by name, optionally searched."""
    queryset = policy.queryset(user, "view", Person)
    query = parse_query(text)
    if not query.empty:
        queryset = _matching(queryset, query, user.organisation_id or 0)
    if after is not None:
        anchor = queryset.filter(pk=after).values_list("sort_name", flat=True).first()
        if anchor is not None:
            queryset = queryset.filter(sort_name__gt=anchor) | queryset.filter(
                sort_name=anchor, id__gt=after
            )
    rows = list(queryset.order_by("sort_name", "id")[: size + 1])
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
        from_person__in=persons, kind__in=[Relation.Kind.PARENT_OF, Relation.Kind.GUARDIAN_OF]
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
