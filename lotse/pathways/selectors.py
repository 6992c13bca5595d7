"""Reads of the screening results: the person panel, the lotsin's worklist, the forecast."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast, TruncMonth
from django.http import Http404

from lotse.core.models import Organisation, Role, User
from lotse.pathways.models import (
    WORKLIST_OUTCOMES,
    Outcome,
    PendingScreening,
    PerspectiveCase,
    ScreeningResult,
)
from lotse.pathways.services import today

# Only the Integrationslotsin of an Ausländerbehörde works with the worklist and forecast.
WORKLIST_ROLES = frozenset({Role.LOTSIN})


def may_use_worklist(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role in WORKLIST_ROLES
        and user.organisation_id
        and user.organisation.kind == Organisation.Kind.ABH
    )


def require_worklist(user: Any) -> int:
    """The lotsin's organisation id; everybody else gets 404 (they must not learn it exists)."""
    if not may_use_worklist(user):
        raise Http404
    return int(user.organisation_id)


def results_for_person(person_id: int) -> list[ScreeningResult]:
    """Stored results of a person, best outcome first (the caller checked access)."""
    return list(
        ScreeningResult.objects.filter(person_id=person_id).order_by(
            "rank", "earliest_key", "pathway"
        )
    )


@dataclass(frozen=True)
class WorklistFilter:
    horizon_months: int = 12
    pathway: str = ""
    outcome: str = ""
    nationality: str = ""
    min_age: int | None = None
    max_age: int | None = None
    deadline_within_days: int | None = None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def worklist_queryset(*, user: User, filters: WorklistFilter) -> QuerySet[ScreeningResult]:
    """Results the lotsin should act on, most urgent first; persons of her organisation only."""
    organisation_id = require_worklist(user)
    now = today()
    horizon = _add_months(now, filters.horizon_months)
    queryset = ScreeningResult.objects.filter(organisation_id=organisation_id).filter(
        Q(outcome__in=[o for o in WORKLIST_OUTCOMES if o != Outcome.NOT_YET])
        | Q(outcome=Outcome.NOT_YET, earliest_date__lte=horizon)
    )
    if filters.pathway:
        queryset = queryset.filter(pathway=filters.pathway)
    if filters.outcome:
        queryset = queryset.filter(outcome=filters.outcome)
    if filters.nationality:
        # JSON containment is not portable to SQLite; the text form of the list is.
        queryset = queryset.alias(
            nationality_text=Cast("person__nationalities", TextField())
        ).filter(nationality_text__contains=f'"{filters.nationality}"')
    # Age by year of birth: exact birth days are often unknown.
    if filters.min_age is not None:
        queryset = queryset.filter(person__birth_year__lte=now.year - filters.min_age)
    if filters.max_age is not None:
        queryset = queryset.filter(person__birth_year__gte=now.year - filters.max_age)
    if filters.deadline_within_days is not None:
        queryset = queryset.filter(
            next_deadline__lte=now + dt.timedelta(days=filters.deadline_within_days)
        )
    return queryset.select_related("person").order_by("deadline_key", "rank", "earliest_key", "id")


def worklist_page(
    *, user: User, filters: WorklistFilter, after: int | None, size: int
) -> tuple[list[ScreeningResult], int | None]:
    queryset = worklist_queryset(user=user, filters=filters)
    if after is not None:
        anchor = (
            ScreeningResult.objects.filter(pk=after, organisation_id=require_worklist(user))
            .values("deadline_key", "rank", "earliest_key")
            .first()
        )
        if anchor:
            d, r, e = anchor["deadline_key"], anchor["rank"], anchor["earliest_key"]
            queryset = queryset.filter(
                Q(deadline_key__gt=d)
                | Q(deadline_key=d, rank__gt=r)
                | Q(deadline_key=d, rank=r, earliest_key__gt=e)
                | Q(deadline_key=d, rank=r, earliest_key=e, id__gt=after)
            )
    rows = list(queryset[: size + 1])
    return rows[:size], rows[size - 1].pk if len(rows) > size else None


@dataclass
class Forecast:
    months: list[dt.date]
    pathways: list[str]
    counts: dict[str, dict[dt.date, int]] = field(default_factory=dict)
    eligible_now: dict[str, int] = field(default_factory=dict)

    def row(self, pathway: str) -> list[int]:
        return [self.counts.get(pathway, {}).get(month, 0) for month in self.months]

    @property
    def totals(self) -> list[int]:
        return [sum(self.counts.get(p, {}).get(m, 0) for p in self.pathways) for m in self.months]


ELIGIBLE = (Outcome.ELIGIBLE_CLAIM, Outcome.ELIGIBLE_SOLL, Outcome.DISCRETION)


def forecast(*, user: User) -> Forecast:
    """Persons reaching eligibility per month in the next 12 months, per pathway."""
    organisation_id = require_worklist(user)
    now = today()
    first = now.replace(day=1)
    months = [_add_months(first, i) for i in range(12)]
    end = _add_months(first, 12)
    own = ScreeningResult.objects.filter(organisation_id=organisation_id)
    waiting = (
        own.filter(outcome=Outcome.NOT_YET, earliest_date__gte=first, earliest_date__lt=end)
        .annotate(month=TruncMonth("earliest_date"))
        .values("pathway", "month")
        .annotate(n=Count("person_id", distinct=True))
    )
    counts: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for row in waiting:
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        counts[row["pathway"]][month] = row["n"]
    eligible = dict(
        own.filter(outcome__in=ELIGIBLE)
        .values("pathway")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("pathway", "n")
    )
    pathways = sorted(set(counts) | set(eligible))
    return Forecast(months=months, pathways=pathways, counts=dict(counts), eligible_now=eligible)


def handovers_for_lotsin(*, user: User) -> QuerySet[PerspectiveCase]:
    return (
        PerspectiveCase.objects.filter(organisation_id=require_worklist(user))
        .exclude(status=PerspectiveCase.Status.CLOSED)
        .select_related("person", "handed_over_by", "lotsin")
        .order_by("status", "-created_at")
    )


def open_case_for(person_id: int) -> PerspectiveCase | None:
    return (
        PerspectiveCase.objects.filter(person_id=person_id)
        .exclude(status=PerspectiveCase.Status.CLOSED)
        .prefetch_related("steps")
        .first()
    )


def pending_count(*, user: User) -> int:
    """Persons of the lotsin's organisation still waiting for `lotse screen-pending`."""
    return PendingScreening.objects.filter(organisation_id=require_worklist(user)).count()
