"""The nightly job's fast path (columns → worker processes) stores exactly what screening each
person on their own through the ORM stores."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction

from lotse.core.models import Kommune, Organisation
from lotse.demo.generator import Generator
from lotse.pathways import services
from lotse.pathways.models import ScreeningResult
from lotse.people.models import Person
from lotse.people.services import persons_insert

AS_OF = dt.date(2026, 1, 15)


def _stored() -> set[tuple]:
    rows = ScreeningResult.objects.values_list(
        "person_id", "pathway", "outcome", "earliest_date", "next_deadline", "result"
    )
    return {(*row[:5], _json(row[5])) for row in rows}


def _one_by_one(ids: list[int]) -> set[tuple]:
    expected = set()
    for person in Person.objects.filter(pk__in=ids).prefetch_related("status_periods"):
        (output,) = services.evaluate([person], AS_OF, criteria=False)
        for result in services._stored_results(output):
            row = services.result_row((0, 0, person.pk), result, AS_OF, None)  # type: ignore[arg-type]
            slim = {k: v for k, v in result.items() if k != "criteria"}
            expected.add((person.pk, row[3], row[4], row[6], row[7], _json(slim)))
    return expected


def _json(value):  # noqa: ANN001, ANN202
    # PostgreSQL's jsonb does not keep key order: compare canonical JSON text.
    return json.dumps(value, sort_keys=True)


def _load(count: int, seed: int = 5) -> list[int]:
    kommune = Kommune.objects.create(name="K")
    organisation = Organisation.objects.create(kommune=kommune, name="ABH", kind="ABH")
    generator = Generator(seed=seed, kommune="Kreis Musterland", today=AS_OF)
    with transaction.atomic():
        persons_insert(
            organisation=organisation, rows=[d for d, _p in generator.persons(count)], checked=True
        )
    # The import screened them as of today; these tests start from an empty table.
    ScreeningResult.objects.all().delete()
    return list(Person.objects.order_by("id").values_list("id", flat=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("processes", [1, 2])
def test_fast_path_stores_what_one_by_one_screening_stores(processes):
    ids = _load(600)
    # Small tasks, so that two worker processes really share the work.
    totals = services.screen_all(as_of=AS_OF, processes=processes, chunk=50)
    stored = _stored()
    assert (totals.persons, totals.results) == (600, len(stored))
    assert stored == _one_by_one(ids)
    assert len({row[0] for row in stored}) > 100  # most persons have some applicable pathway
    assert totals.changed == len({row[0] for row in stored})  # all new: every one written


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("processes", [1, 2])
def test_a_later_run_rewrites_only_the_persons_whose_results_changed(processes):
    _load(400, seed=6)
    services.screen_all(as_of=AS_OF, processes=processes, chunk=50)
    first = {row.pk: row for row in ScreeningResult.objects.all()}

    again = services.screen_all(as_of=AS_OF, processes=processes, chunk=50)
    assert again.changed == 0 and again.results == len(first)
    assert {row.pk for row in ScreeningResult.objects.all()} == set(first)

    # A year later much has moved on (ages, deadlines, waiting times): what is stored equals
    # a screening from scratch, and the unchanged rows were left alone.
    later = AS_OF.replace(year=AS_OF.year + 1)
    totals = services.screen_all(as_of=later, processes=processes, chunk=50)
    stored = {(r.person_id, r.pathway): r for r in ScreeningResult.objects.all()}
    assert 0 < totals.changed < 400
    kept = [r for r in stored.values() if r.pk in first]
    assert kept and all(r.as_of == AS_OF for r in kept)
    ScreeningResult.objects.all().delete()
    services.screen_all(as_of=later, processes=1)
    fresh = {(r.person_id, r.pathway): r for r in ScreeningResult.objects.all()}
    assert stored.keys() == fresh.keys()
    for key, row in fresh.items():
        assert (stored[key].outcome, stored[key].result, stored[key].next_deadline) == (
            row.outcome, row.result, row.next_deadline
        )
