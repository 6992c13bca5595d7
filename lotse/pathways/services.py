"""Screening of registry persons: compute, store, hand over, take over."""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.cases import services as cases_services
from lotse.contracts.screening_input import FORMAT
from lotse.core import events, policy
from lotse.core.bulk import JsonText, insert_rows
from lotse.core.models import Organisation, Role, User
from lotse.pathways import engine
from lotse.pathways.engine.law import PATHWAY_NORMS
from lotse.pathways.models import (
    OUTCOME_RANK,
    OpenStep,
    Outcome,
    PendingScreening,
    PerspectiveCase,
    ScreeningResult,
)
from lotse.people.models import Person, Relation
from lotse.people.selectors import (
    GUARDIAN_KINDS,
    ScreeningColumns,
    screening_columns,
    screening_inputs_of,
)
from lotse.people.transfer import screening_input_from_parts

BATCH = 2000


def today() -> dt.date:
    """Screening date: the calendar day in Europe/Berlin."""
    return timezone.localdate()


def result_date(value: Any) -> dt.date | None:
    """A date in engine output: an ISO string, or a deadline item {"date": …}; else None."""
    if isinstance(value, dict):
        value = value.get("date")
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def next_deadline(result: dict[str, Any], as_of: dt.date) -> dt.date | None:
    """The nearest deadline on or after `as_of` among a result's deadlines."""
    dates = [
        d for d in (result_date(item) for item in result.get("deadlines", [])) if d and d >= as_of
    ]
    return min(dates, default=None)


NO_DEADLINE = dt.date.max
NO_WAIT = dt.date.min


RESULT_COLUMNS = (
    "kommune_id",
    "organisation_id",
    "person_id",
    "pathway",
    "outcome",
    "rank",
    "earliest_date",
    "next_deadline",
    "deadline_key",
    "earliest_key",
    "result",
    "as_of",
    "rule_base",
    "computed_at",
)


def result_row(
    owner: tuple[int, int, int], result: dict[str, Any], as_of: dt.date, now: dt.datetime
) -> tuple[Any, ...]:
    """One stored result as a row of RESULT_COLUMNS (inserted in bulk, see core.bulk);
    `owner` is (kommune id, organisation id, person id)."""
    deadline = next_deadline(result, as_of)
    earliest = result_date(result.get("earliest_date"))
    return (
        *owner,
        result["pathway"],
        result["outcome"],
        OUTCOME_RANK.get(result["outcome"], 9),
        earliest,
        deadline,
        deadline or NO_DEADLINE,
        earliest or NO_WAIT,
        # The criteria list is most of a result's size; the panel re-evaluates live instead.
        JsonText(json.dumps({key: value for key, value in result.items() if key != "criteria"})),
        as_of,
        engine.RULE_BASE_VERSION,
        now,
    )


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _guardians_of(person_ids: list[int]) -> set[int]:
    """Parents and guardians of these persons: a child's result changes theirs (§ 25a Abs. 2)."""
    links = Relation.objects.filter(to_person_id__in=person_ids, kind__in=GUARDIAN_KINDS)
    return set(links.values_list("from_person_id", flat=True))


def evaluate(
    persons: list[Person], as_of: dt.date, *, criteria: bool = True
) -> list[dict[str, Any]]:
    """Screen registry persons; parents are screened together with their children, whose
    results decide § 25a Abs. 2. Persons must have their status periods prefetched."""
    documents = screening_inputs_of(persons)
    parents = [p.pk for p, d in zip(persons, documents, strict=True) if d.get("guardian_of")]
    children = _children_documents(parents)
    outputs = []
    for person, document in zip(persons, documents, strict=True):
        if person.pk not in children:
            outputs.append(engine.screen_person(document, as_of, criteria))
            continue
        family = {"format": FORMAT, "persons": [document, *children[person.pk]]}
        try:
            outputs.append(engine.screen_document(family, as_of)["persons"][0])
        except engine.ScreeningInputError:
            # A child's record does not validate for this date: screen the parent alone.
            outputs.append(engine.screen_person(document, as_of, criteria))
    return outputs


def _children_documents(parent_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Screening inputs of the children of these parents, in one pass."""
    if not parent_ids:
        return {}
    links = list(
        Relation.objects.filter(from_person_id__in=parent_ids, kind__in=GUARDIAN_KINDS).values_list(
            "from_person_id", "to_person_id"
        )
    )
    kids = list(
        Person.objects.filter(pk__in={child for _p, child in links}).prefetch_related(
            "status_periods"
        )
    )
    by_id = dict(zip((k.pk for k in kids), screening_inputs_of(kids), strict=True))
    family: dict[int, list[dict[str, Any]]] = {}
    for parent, child in links:
        family.setdefault(parent, []).append(by_id[child])
    return family


def screening_refresh(person_ids: Iterable[int], as_of: dt.date | None = None) -> int:
    """Re-screen persons (and their parents) and replace their stored results; called inside
    the transaction of every change of facts. More than BATCH persons at once (a large
    import) are queued for `lotse screen-pending` instead. Returns the results stored now."""
    as_of = as_of or today()
    ids = sorted(set(person_ids))
    if len(ids) > BATCH:
        _queue(ids)
        return 0
    ids = sorted(set(ids) | _guardians_of(ids))
    return _store(ids, as_of, processes=1)


def _queue(ids: list[int]) -> None:
    persons = Person.objects.filter(pk__in=ids).values_list("pk", "kommune_id", "organisation_id")
    insert_rows(
        PendingScreening,
        ("person_id", "kommune_id", "organisation_id", "queued_at"),
        [(pk, kommune, organisation, timezone.now()) for pk, kommune, organisation in persons],
    )


def screen_pending(*, as_of: dt.date | None = None, processes: int = 1, chunk: int = 20000) -> int:
    """The scheduled job: screen queued persons, oldest first; returns how many."""
    as_of = as_of or today()
    done = 0
    while ids := list(
        PendingScreening.objects.order_by("id").values_list("person_id", flat=True)[:chunk]
    ):
        _store(ids, as_of, processes)  # also takes them off the queue
        done += len(ids)
    return done


def screen_all(
    *, as_of: dt.date | None = None, processes: int = 1, chunk: int = 20000
) -> tuple[int, int]:
    """The nightly job: re-screen every person, in id order, `chunk` persons at a time, the
    engine running in `processes` worker processes. Returns (persons, results stored)."""
    as_of = as_of or today()
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    stored = sum(_store(part, as_of, processes) for part in _batches(ids, chunk))
    return len(ids), stored


def _stored_results(output: dict[str, Any]) -> list[dict[str, Any]]:
    """What is stored of one person's output: the results other than NOT_APPLICABLE (most
    results, never listed anywhere)."""
    return [r for r in output["results"] if r["outcome"] != Outcome.NOT_APPLICABLE]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The screening makes millions of short-lived objects that reference counting frees; the
    cyclic collector would only rescan the long-lived inputs again and again (~10 % of the
    time), so it waits until the batch is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _result_rows(
    columns: list[ScreeningColumns], as_of: dt.date, now: dt.datetime
) -> list[tuple[Any, ...]]:
    """Build the documents, screen them and turn the outputs into rows: the whole per-person
    work of the nightly job, pure Python, so it runs in worker processes (see _in_workers)."""
    with _collector_paused():
        return [row for person in columns for row in _person_rows(person, as_of, now)]


def _person_rows(
    person: ScreeningColumns, as_of: dt.date, now: dt.datetime
) -> list[tuple[Any, ...]]:
    document = screening_input_from_parts(
        export_id=person.export_id,
        date_of_birth=person.date_of_birth,
        nationalities=json.loads(person.nationalities_json),
        periods=person.periods,
        facts=json.loads(person.facts_json),
    )
    owner = (person.kommune_id, person.organisation_id, person.person_id)
    return [result_row(owner, r, as_of, now) for r in engine.screen_applicable(document, as_of)]


# Set before the workers fork; they read their slice from inherited memory (never pickled).
_WORK: list[Any] = []


def _rows_of_slice(bounds: tuple[int, int]) -> list[tuple[Any, ...]]:
    columns, as_of, now = _WORK
    return _result_rows(columns[bounds[0] : bounds[1]], as_of, now)


WORKER_SLICE = 2000  # persons per task handed to a worker process


def _in_workers(
    columns: list[ScreeningColumns], as_of: dt.date, processes: int
) -> list[tuple[Any, ...]]:
    now = timezone.now()
    size = WORKER_SLICE
    if processes <= 1 or len(columns) <= size:
        return _result_rows(columns, as_of, now)
    bounds = [(i, min(i + size, len(columns))) for i in range(0, len(columns), size)]
    _WORK[:] = [columns, as_of, now]
    try:
        # Forked workers never touch the inherited database connection; they only compute.
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return [row for rows in pool.imap(_rows_of_slice, bounds) for row in rows]
    finally:
        _WORK.clear()


def _store(ids: list[int], as_of: dt.date, processes: int) -> int:
    """Screen these persons and replace their stored results; returns the rows stored.

    Persons on their own go through the column fast path in worker processes; parents and
    guardians are screened with their children (§ 25a Abs. 2), the slower family path."""
    columns = screening_columns(ids)
    rows = _in_workers([c for c in columns if not c.is_guardian], as_of, processes)
    guardians = [c.person_id for c in columns if c.is_guardian]
    if guardians:
        parents = list(
            Person.objects.filter(pk__in=guardians)
            .order_by("id")
            .prefetch_related("status_periods")
        )
        now = timezone.now()
        for parent, output in zip(parents, evaluate(parents, as_of, criteria=False), strict=True):
            owner = (parent.kommune_id, parent.organisation_id, parent.pk)
            rows += [result_row(owner, result, as_of, now) for result in _stored_results(output)]
    with transaction.atomic():
        ScreeningResult.objects.filter(person_id__in=ids).delete()
        PendingScreening.objects.filter(person_id__in=ids).delete()
        return insert_rows(ScreeningResult, RESULT_COLUMNS, rows)


def what_if(*, document: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    """Evaluate changed facts without saving anything (the "Was wäre, wenn" form)."""
    return engine.screen_person(document, as_of)


# --- Perspektivfall: hand-over and take-over ---------------------------------------------------


HANDOVER_ROLES = (Role.ABH_SB, Role.LOTSIN, Role.FRONTOFFICE)


def may_hand_over(user: User, person: Person) -> bool:
    """ABH staff (Sachbearbeitung, Servicepoint, the lotsin herself) may hand a person of their
    Ausländerbehörde to the lotsin; it changes no person data, so seeing the person suffices."""
    return (
        person.organisation.kind == Organisation.Kind.ABH
        and user.role in HANDOVER_ROLES
        and policy.can(user, "view", person)
    )


def handover(*, by: User, person: Person, note: str) -> PerspectiveCase:
    """Hand a person with a perspective to the Integrationslotsin (see may_hand_over)."""
    if not may_hand_over(by, person):
        raise PermissionDenied
    with transaction.atomic():
        case = PerspectiveCase.objects.create(
            kommune_id=person.kommune_id,
            organisation_id=person.organisation_id,
            person=person,
            handed_over_by=by,
            handover_note=note,
        )
        events.record(
            activity="perspective_case.handed_over",
            actor=by,
            subject=case,
            data={"person": person.pk, "note_given": bool(note)},
        )
    return case


def take_over(*, by: User, case: PerspectiveCase) -> PerspectiveCase:
    """The lotsin takes the case; open steps are proposed from the missing criteria. The
    Perspektivfall is worked as a case of the cases app: it is opened there (kind
    Perspektivfall) and the proposed steps become the draft Zielvereinbarung's steps."""
    if by.role != Role.LOTSIN or by.organisation_id != case.organisation_id:
        raise PermissionDenied
    steps = proposed_steps(case.person)
    with transaction.atomic():
        case.status = PerspectiveCase.Status.TAKEN_OVER
        case.lotsin = by
        case.taken_over_at = timezone.now()
        case.save(update_fields=["status", "lotsin", "taken_over_at"])
        OpenStep.objects.bulk_create(
            OpenStep(kommune_id=case.kommune_id, case=case, pathway=pathway, text=text)
            for pathway, text in steps
        )
        cases_services.perspective_case_open(
            by=by,
            person=case.person,
            goal=str(_("Aufenthalt dauerhaft sichern")),
            objectives=_proposed_objectives(steps),
        )
        events.record(
            activity="perspective_case.taken_over",
            actor=by,
            subject=case,
            data={"person": case.person_id},
        )
    return case


def _proposed_objectives(
    steps: list[tuple[str, str]],
) -> list[cases_services.ProposedObjective]:
    """One Handlungsziel per pathway ("meet the requirements of § …"), its steps below it."""
    by_pathway: dict[str, list[str]] = {}
    for pathway, text in steps:
        by_pathway.setdefault(pathway, []).append(text)
    return [
        cases_services.ProposedObjective(
            text=_("Voraussetzungen nach %(norm)s erfüllen")
            % {"norm": PATHWAY_NORMS.get(pathway, pathway)},
            indicator=_("Alle Voraussetzungen sind erfüllt und nachgewiesen."),
            steps=texts,
        )
        for pathway, texts in by_pathway.items()
    ]


def proposed_steps(person: Person) -> list[tuple[str, str]]:
    """Steps for a Zielvereinbarung from the most promising pathways' missing criteria.

    Pathways that are met, near (NOT_YET) or need review come first; each step once.
    """
    promising = {
        Outcome.NOT_YET,
        Outcome.NOT_MET,
        Outcome.UNKNOWN,
        Outcome.REVIEW,
        Outcome.DISCRETION,
        Outcome.ELIGIBLE_SOLL,
    }
    results = person.screening_results.filter(outcome__in=promising).order_by(
        "rank", "earliest_date"
    )
    seen: set[str] = set()
    steps: list[tuple[str, str]] = []
    for stored in results[:4]:
        for text in engine.missing_steps(stored.result):
            if text not in seen:
                seen.add(text)
                steps.append((stored.pathway, text))
    return steps


def step_set_status(*, by: User, step: OpenStep, status: str) -> OpenStep:
    if by.role != Role.LOTSIN or by.organisation_id != step.case.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        step.status = status
        step.save(update_fields=["status"])
        events.record(
            activity="perspective_case.step_updated",
            actor=by,
            subject=step.case,
            data={"step": step.pk, "status": status},
        )
    return step
