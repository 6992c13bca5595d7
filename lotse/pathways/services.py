"""Screening of registry persons: compute, store, hand over, take over."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import multiprocessing.util
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.cases import services as cases_services
from lotse.contracts.screening_input import FORMAT
from lotse.core import events, policy, tenancy
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
    "fingerprint",
)


def result_row(
    owner: tuple[int, int, int], result: dict[str, Any], as_of: dt.date, now: dt.datetime
) -> tuple[Any, ...]:
    """One stored result as a row of RESULT_COLUMNS (inserted in bulk, see core.bulk);
    `owner` is (kommune id, organisation id, person id)."""
    deadline = next_deadline(result, as_of)
    earliest = result_date(result.get("earliest_date"))
    # The criteria list is most of a result's size; the panel re-evaluates live instead.
    # (screen_applicable's results come without it.)
    if "criteria" in result:
        result = {key: value for key, value in result.items() if key != "criteria"}
    text = orjson.dumps(result)
    return (
        *owner,
        result["pathway"],
        result["outcome"],
        OUTCOME_RANK.get(result["outcome"], 9),
        earliest,
        deadline,
        deadline or NO_DEADLINE,
        earliest or NO_WAIT,
        JsonText(text.decode()),
        as_of,
        engine.RULE_BASE_VERSION,
        now,
        fingerprint(text, deadline, owner),
    )


# What every fingerprint starts from: the rule base, and the ranking of outcomes (the
# worklist rank is derived from the outcome through OUTCOME_RANK, so a new ranking must
# change every fingerprint for the next night to rewrite the ranks).
_FINGERPRINT_BASE = hashlib.blake2b(
    f"{engine.RULE_BASE_VERSION}|{sorted(OUTCOME_RANK.items())}|".encode(), digest_size=8
)


def fingerprint(text: bytes, deadline: dt.date | None, owner: tuple[int, int, int]) -> int:
    """What decides whether a stored row changed: the result's JSON, the next deadline (which
    moves on when one passes), the owner columns, the worklist rank and the rule base; as a
    signed 64-bit number for a bigint column."""
    digest = _FINGERPRINT_BASE.copy()
    digest.update(f"{owner}|{deadline}|".encode())
    digest.update(text)
    return int.from_bytes(digest.digest(), "big", signed=True)


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
    return screen_persons(Selection(ids=ids), as_of=as_of, now=timezone.now()).results


def _queue(ids: list[int]) -> None:
    persons = Person.objects.filter(pk__in=ids).values_list("pk", "kommune_id", "organisation_id")
    insert_rows(
        PendingScreening,
        ("person_id", "kommune_id", "organisation_id", "queued_at"),
        [(pk, kommune, organisation, timezone.now()) for pk, kommune, organisation in persons],
    )


TASK_PERSONS = 5000  # persons per task of the jobs: one read, one transaction


@dataclass(frozen=True)
class Selection:
    """The persons of one task: a list of ids, or an id range (both ends included), which
    the database reads faster than a long list."""

    ids: list[int] | None = None
    between: tuple[int, int] | None = None

    def of_person(self) -> Q:
        """The rows of these persons in a table with a `person` key."""
        if self.between is None:
            return Q(person_id__in=self.ids)
        first, last = self.between
        return Q(person_id__gte=first, person_id__lte=last)


@dataclass(frozen=True)
class Totals:
    """What a screening run did: persons screened, applicable results stored for them, and
    the persons whose stored results changed (only their rows were rewritten)."""

    persons: int = 0
    results: int = 0
    changed: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.persons + other.persons,
            self.results + other.results,
            self.changed + other.changed,
        )


def screen_pending(*, as_of: dt.date | None = None, processes: int = 1) -> int:
    """The scheduled job: screen the queued persons; returns how many."""
    ids = list(
        PendingScreening.objects.order_by("person_id").values_list("person_id", flat=True)
    )
    tasks = [Selection(ids=part) for part in _batches(ids, TASK_PERSONS)]
    return _run(tasks, as_of or today(), processes).persons


def screen_all(
    *, as_of: dt.date | None = None, processes: int = 1, chunk: int = TASK_PERSONS
) -> Totals:
    """The nightly job: re-screen every person, `chunk` persons per task, the tasks running
    in `processes` worker processes that each read, screen and write their own persons."""
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    tasks = [
        Selection(between=(ids[start], ids[min(start + chunk, len(ids)) - 1]))
        for start in range(0, len(ids), chunk)
    ]
    return _run(tasks, as_of or today(), processes)


def _run(tasks: list[Selection], as_of: dt.date, processes: int) -> Totals:
    """Run the tasks here, or on PostgreSQL in forked worker processes with their own
    connections, so one worker's reading and writing overlaps the other's screening."""
    now = timezone.now()
    task = partial(screen_persons, as_of=as_of, now=now)
    if (
        processes <= 1
        or len(tasks) <= 1
        or connection.vendor != "postgresql"
        or connection.in_atomic_block  # the workers would not see uncommitted persons
    ):
        return sum(map(task, tasks), Totals())
    with tenancy.handed_to_workers() as settings, ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started,
        initargs=(settings,),
    ) as pool:
        # A worker that dies (e.g. killed for memory) fails the run (BrokenProcessPool)
        # instead of leaving it waiting; an error in a task cancels the tasks not yet begun.
        futures = [pool.submit(task, selection) for selection in tasks]
        try:
            return sum((future.result() for future in futures), Totals())
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _worker_started(settings: tuple[str, str]) -> None:
    # The forked worker connects on first use; the parent closed its connection before the
    # fork. The worker says goodbye to the server when it exits.
    tenancy.adopt(settings)
    multiprocessing.util.Finalize(None, connection.close, exitpriority=10)
    # What the worker inherited (Django, the parent's data) lives as long as the worker:
    # keep it out of the collector's full scans between tasks.
    gc.freeze()


def screen_persons(selection: Selection, *, as_of: dt.date, now: dt.datetime) -> Totals:
    """Screen the selected persons and store their applicable results: one task of the jobs.

    Persons on their own go through the column fast path; parents and guardians are
    screened with their children (§ 25a Abs. 2), the slower family path."""
    read_at = timezone.now()
    columns = screening_columns(selection.ids, between=selection.between)
    rows = _result_rows([c for c in columns if not c.is_guardian], as_of, now)
    rows += _family_rows([c.person_id for c in columns if c.is_guardian], as_of, now)
    with transaction.atomic():
        changed = _replace_changed(selection, rows, columns)
        PendingScreening.objects.filter(selection.of_person(), queued_at__lte=read_at).delete()
    return Totals(len(columns), len(rows), changed)


def _family_rows(guardians: list[int], as_of: dt.date, now: dt.datetime) -> list[tuple[Any, ...]]:
    if not guardians:
        return []
    parents = list(
        Person.objects.filter(pk__in=guardians).order_by("id").prefetch_related("status_periods")
    )
    rows = []
    for parent, output in zip(parents, evaluate(parents, as_of, criteria=False), strict=True):
        owner = (parent.kommune_id, parent.organisation_id, parent.pk)
        rows += [result_row(owner, result, as_of, now) for result in _stored_results(output)]
    return rows


PERSON = RESULT_COLUMNS.index("person_id")
PATHWAY = RESULT_COLUMNS.index("pathway")
FINGERPRINT = RESULT_COLUMNS.index("fingerprint")


def _replace_changed(
    selection: Selection, rows: list[tuple[Any, ...]], columns: list[ScreeningColumns]
) -> int:
    """Replace the stored results of the persons whose results changed; returns how many
    persons that were. Most persons come out of a nightly run as the night before, and
    leaving their rows alone saves most of the writing (and the table's churn).

    The persons were read (`columns`) and screened before this transaction. A person whose
    facts differ from what was read now was re-screened by that change and is left alone
    (see _lock_screening_of). (A parent's results also depend on the children's facts; a
    change to those within the same second is put right by the next run.)"""
    _lock_screening_of(selection)
    stored = ScreeningResult.objects.filter(selection.of_person())
    before: dict[int, set[tuple[str, int]]] = {}
    for person, pathway, fingerprint in stored.values_list("person_id", "pathway", "fingerprint"):
        before.setdefault(person, set()).add((pathway, fingerprint))
    after: dict[int, set[tuple[str, int]]] = {}
    for row in rows:
        after.setdefault(row[PERSON], set()).add((row[PATHWAY], row[FINGERPRINT]))
    changed = {person for person in before.keys() | after.keys()
               if before.get(person) != after.get(person)}
    changed -= _changed_since_read(selection, changed, columns)
    if changed:
        # All of them, not only those stored before the lock: another job may have written
        # rows for a person meanwhile.
        ScreeningResult.objects.filter(person_id__in=sorted(changed)).delete()
        insert_rows(ScreeningResult, RESULT_COLUMNS, [r for r in rows if r[PERSON] in changed])
    return len(changed)


def _changed_since_read(
    selection: Selection, persons: set[int], columns: list[ScreeningColumns]
) -> set[int]:
    """Of these persons, return those whose facts are no longer what was read (changed, or
    deleted, meanwhile): every change of facts moves the person's `updated_at`
    (people.services). Called under _lock_screening_of."""
    if not persons:
        return set()
    rows = Person.objects.all()
    if selection.between is not None:  # a range reads faster than a long list of ids
        rows = rows.filter(pk__range=selection.between)
    else:
        rows = rows.filter(pk__in=sorted(persons))
    now = dict(rows.values_list("pk", "updated_at"))
    read = {c.person_id: c.updated_at for c in columns}
    return {person for person in persons if now.get(person) != read.get(person)}


SCREENING_LOCK = 0x5C4EE7  # advisory lock namespace of "writing stored results"
LOCK_STRIPES = 64


def _lock_screening_of(selection: Selection) -> None:
    """Serialise writers of the same persons' results until the end of the transaction.

    Every writer takes these locks before comparing and writing: the change of facts that
    re-screens a person inside its own transaction, and the jobs. A job that got the lock
    first writes, and the change compares with that and re-screens after it; a change that
    got it first commits its new facts before the job goes on, and the job then sees them
    and leaves the person alone.
    Advisory locks (64 stripes of person ids, taken in order, so writers never deadlock) cost
    no writes, unlike locking the person rows."""
    if connection.vendor != "postgresql":
        return
    if selection.between is not None:
        first, last = selection.between
        ids: Iterable[int] = range(first, min(last, first + LOCK_STRIPES - 1) + 1)
    else:
        ids = selection.ids or []
    stripes = sorted({person % LOCK_STRIPES for person in ids})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, stripe) FROM unnest(%s::int[]) AS stripe",
            [SCREENING_LOCK, stripes],
        )


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
    """Build the documents, screen them and turn the outputs into rows: the per-person work
    of the jobs, pure Python."""
    with _collector_paused():
        return [row for person in columns for row in _person_rows(person, as_of, now)]


def _person_rows(
    person: ScreeningColumns, as_of: dt.date, now: dt.datetime
) -> list[tuple[Any, ...]]:
    document = screening_input_from_parts(
        export_id=person.export_id,
        date_of_birth=person.date_of_birth,
        nationalities=orjson.loads(person.nationalities_json),
        periods=person.periods,
        facts=orjson.loads(person.facts_json),
    )
    owner = (person.kommune_id, person.organisation_id, person.person_id)
    return [result_row(owner, r, as_of, now) for r in engine.screen_applicable(document, as_of)]


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
