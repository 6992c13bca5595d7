"""Retention periods as data, and the job that anonymises or deletes what is due (Art. 5 (1) e,
Art. 17 DSGVO; § 84 SGB X). See docs/data-subject-rights.md and decision 0010.

Each app registers a `RetentionHandler` per record type from its `AppConfig.ready()`: a default
rule, how to find the due records of an organisation (`due`), how to anonymise or delete them
(`apply`) and, optionally, how to refresh the planned dates it shows (`planned`, e.g. the
`delete_after` of closed cases). Organisations override the default with a `RetentionRule`.

The defaults are **UNVERIFIED** suggestions (kim.md §3.4: no statutory period exists for KIM case
files); each organisation's data protection officer has to confirm or change them.

`retention_run` is a system job (`lotse retention-run [--dry-run]`): it logs one event per
organisation, record type and action with the count only; the event log itself is never edited
(it holds no personal data by design).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise

from lotse.consent.models import RetentionDone, RetentionRule
from lotse.core import events
from lotse.core.models import Organisation

ANONYMISE = RetentionRule.Action.ANONYMISE.value
DELETE = RetentionRule.Action.DELETE.value
ANONYMISED_NAME = "anonymisiert"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class RuleValue:
    """The rule in force for an organisation and record type (stored or the default)."""

    months: int
    action: str
    trigger: str
    stored: bool = False

    def cutoff(self, today: dt.date) -> dt.date:
        """The last anchor day whose record is due today: `due_on(anchor) <= today` exactly
        when `anchor <= cutoff(today)` (month ends make the plain subtraction fall short)."""
        cutoff = add_months(today, -self.months)
        while self.due_on(cutoff + dt.timedelta(days=1)) <= today:
            cutoff += dt.timedelta(days=1)
        return cutoff

    def due_on(self, anchor: dt.date) -> dt.date:
        return add_months(anchor, self.months)


Ids = Iterable[int]


@dataclass(frozen=True)
class RetentionHandler:
    record_type: str
    label: str | Promise
    description: str | Promise
    default: Callable[[Organisation], RuleValue]
    due: Callable[[Organisation, RuleValue, dt.date], Ids]
    apply: Callable[[Organisation, list[int], str, dt.date], dict[str, int]]
    planned: Callable[[Organisation, RuleValue], None] | None = None
    actions: frozenset[str] = frozenset({ANONYMISE, DELETE})
    # The longest period an organisation may set, where a promise to the people concerned
    # limits it (e.g. the booking portal's privacy notice: "at the latest 6 months").
    max_months: int | None = None


_HANDLERS: dict[str, RetentionHandler] = {}


def register_retention(handler: RetentionHandler) -> None:
    _HANDLERS[handler.record_type] = handler


def handlers() -> list[RetentionHandler]:
    return [_HANDLERS[key] for key in sorted(_HANDLERS)]


def handler_for(record_type: str) -> RetentionHandler | None:
    return _HANDLERS.get(record_type)


# Persons that another app still needs (an open case, a case not yet anonymised, ...): the
# people handler never anonymises them. A hold is (organisation, cutoff) → query of person ids.
PersonHold = Callable[[Organisation, dt.date], "QuerySet[Any]"]
_HOLDS: list[PersonHold] = []


def register_person_hold(hold: PersonHold) -> None:
    if hold not in _HOLDS:
        _HOLDS.append(hold)


def person_holds() -> list[PersonHold]:
    return list(_HOLDS)


# Apps that keep data derived from a person (stored screening results) remove it when the
# person is anonymised or deleted: callback(person ids).
PersonsErased = Callable[[list[int]], object]
_ERASED: list[PersonsErased] = []


def subscribe_to_person_erasure(callback: PersonsErased) -> None:
    if callback not in _ERASED:
        _ERASED.append(callback)


def persons_erased(person_ids: list[int]) -> None:
    for callback in _ERASED:
        callback(person_ids)


def effective_rules(organisation: Organisation) -> dict[str, RuleValue]:
    """Record type → the rule in force for this organisation (one query)."""
    stored = {
        r.record_type: RuleValue(r.months, r.action, r.trigger, stored=True)
        for r in RetentionRule.objects.filter(organisation=organisation)
    }
    return {h.record_type: stored.get(h.record_type) or h.default(organisation) for h in handlers()}


def effective_rule(organisation: Organisation, record_type: str) -> RuleValue | None:
    handler = handler_for(record_type)
    if handler is None:
        return None
    stored = RetentionRule.objects.filter(
        organisation=organisation, record_type=record_type
    ).first()
    if stored is not None:
        return RuleValue(stored.months, stored.action, stored.trigger, stored=True)
    return handler.default(organisation)


def planned_date(
    *, organisation: Organisation, record_type: str, anchor: dt.date
) -> dt.date | None:
    """When a record whose period starts at `anchor` is due (None: no handler registered)."""
    rule = effective_rule(organisation, record_type)
    return rule.due_on(anchor) if rule is not None else None


def done_ids(record_type: str) -> QuerySet[Any]:
    """Ids of the records of this type already anonymised (a subquery for `exclude`)."""
    return RetentionDone.objects.filter(record_type=record_type).values("object_id")


def mark_done(
    *, organisation: Organisation, record_type: str, ids: list[int], action: str, today: dt.date
) -> None:
    RetentionDone.objects.bulk_create(
        [
            RetentionDone(
                kommune_id=organisation.kommune_id,
                organisation=organisation,
                record_type=record_type,
                object_id=pk,
                action=action,
                done_on=today,
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )


@dataclass(frozen=True)
class RunLine:
    """One line of a run: organisation, record type, rule and what was (or would be) done."""

    organisation_id: int
    organisation: str
    record_type: str
    action: str
    months: int
    due: int
    done: dict[str, int]


def retention_apply(
    *,
    organisation: Organisation,
    handler: RetentionHandler,
    rule: RuleValue,
    today: dt.date,
    dry_run: bool = False,
) -> RunLine | None:
    """Apply one due rule of one organisation in one transaction, with its event (counts
    only). None when nothing is due. A dry run only counts (no change, no event)."""
    ids = sorted(set(handler.due(organisation, rule, today)))
    if not ids:
        return None
    done: dict[str, int] = {}
    if not dry_run:
        with transaction.atomic():
            done = handler.apply(organisation, ids, rule.action, today)
            events.record(
                activity="retention.applied",
                organisation=organisation,
                data={
                    "record_type": handler.record_type,
                    "rule_action": rule.action,
                    "months": rule.months,
                    "trigger": rule.trigger,
                    "as_of": today.isoformat(),
                    "due": len(ids),
                    "done": done,
                },
            )
    return RunLine(
        organisation.pk,
        organisation.name,
        handler.record_type,
        rule.action,
        rule.months,
        len(ids),
        done,
    )


def retention_run(*, today: dt.date, dry_run: bool = False) -> list[RunLine]:
    """Apply every due rule of every organisation. Call inside `tenancy.system_context()`.

    Each organisation and record type runs in its own transaction, so a failure in one leaves
    the others done and logged. A dry run only counts (no change, no event).
    """
    lines = []
    for organisation in Organisation.objects.select_related("kommune").order_by("id"):
        rules = effective_rules(organisation)
        for handler in handlers():
            line = retention_apply(
                organisation=organisation,
                handler=handler,
                rule=rules[handler.record_type],
                today=today,
                dry_run=dry_run,
            )
            if line is not None:
                lines.append(line)
    if not dry_run:
        # Evidence that the job ran, also on nights when nothing was due (Art. 5 (2) DSGVO).
        events.record(
            activity="retention.run_completed",
            data={"as_of": today.isoformat(), "applied": len(lines)},
        )
    return lines


def chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
