"""`lotse screen-all` end to end on PostgreSQL: 1,000,000 persons, results stored.

What it does
  1. A PostgreSQL database `lotse_bench_screen_all` (kept between runs with --reuse; created,
     migrated and filled otherwise): one Kommune, one Ausländerbehörde, N persons from
     lotse.demo.generator (seed 1, reference day BENCH_TODAY) inserted through the import's
     write path (`persons_insert`, COPY), chunks of 50,000.
  2. `screen_all(as_of, processes=P)`: the real nightly job (`lotse screen-all`): columns read
     in chunks of 20,000, documents built and screened in P forked worker processes, results
     other than NOT_APPLICABLE replaced with COPY. Timed end to end for each P in --processes.
  3. Engine alone, same persons' documents (a sample), one process: `screen_applicable`.
  4. Baseline in the same run: a sample screened one by one through the ORM (fetch the person
     with its status periods, build the document, screen, delete and insert its results) —
     what a naive nightly job would do; the speed-up is end-to-end persons/s over this.
Prints `screen_all persons=N processes=P wall_s=… persons_per_s=… results=…`,
`screen_all_engine …`, `screen_all_one_by_one …`.
Target (issue 3): >= 10,000 persons/s end to end on 2 cores.
Scale: --scale / LOTSE_BENCH_SCALE multiplies the 1,000,000 persons; --persons N overrides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import time
from typing import Any

import _common as common

FULL_PERSONS = 1_000_000
DATABASE = "lotse_bench_screen_all"
TARGET_PER_S = 10_000


def _load(count: int) -> float:
    from django.db import transaction

    from lotse.core import tenancy
    from lotse.core.models import Kommune, Organisation
    from lotse.demo.generator import Generator
    from lotse.people.services import persons_insert

    started = time.perf_counter()
    with tenancy.system_context():
        kommune = Kommune.objects.create(name="Kreis Musterland")
        organisation = Organisation.objects.create(
            kommune=kommune, name="Ausländerbehörde", kind=Organisation.Kind.ABH
        )
        rows = (data for data, _parent in
                Generator(seed=1, kommune="Kreis Musterland", today=common.BENCH_TODAY)
                .persons(count))
        loaded = 0
        while chunk := list(itertools.islice(rows, 50_000)):
            with transaction.atomic():
                persons_insert(organisation=organisation, rows=chunk, checked=True)
            loaded += len(chunk)
            print(f"# loaded {loaded} persons", flush=True)
    return time.perf_counter() - started


def _vacuum() -> None:
    """Settle the table between runs, as autovacuum would between two nights."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE pathways_screeningresult")


def _one_by_one(ids: list[int], as_of: Any) -> float:
    """The naive job: per person one fetch, one screening, one replace of its results."""
    from django.db import transaction
    from django.utils import timezone

    from lotse.core.bulk import insert_rows
    from lotse.pathways import services
    from lotse.pathways.models import ScreeningResult
    from lotse.people.models import Person

    started = time.perf_counter()
    for pk in ids:
        person = Person.objects.prefetch_related("status_periods").get(pk=pk)
        (output,) = services.evaluate([person], as_of, criteria=False)
        owner = (person.kommune_id, person.organisation_id, person.pk)
        rows = [services.result_row(owner, r, as_of, timezone.now())
                for r in services._stored_results(output)]
        with transaction.atomic():
            ScreeningResult.objects.filter(person_id=pk).delete()
            insert_rows(ScreeningResult, services.RESULT_COLUMNS, rows)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument("--processes", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--sample", type=int, default=2000,
                        help="persons for the engine-alone and one-by-one figures")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an existing database with the same number of persons")
    parser.add_argument("--load-only", action="store_true",
                        help="create and fill the database, measure nothing else")
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    count = args.persons or common.scaled(FULL_PERSONS, scale)
    report = common.Report("screen_all", scale=scale, persons=count,
                           as_of=common.BENCH_TODAY.isoformat(), target_per_s=TARGET_PER_S)
    with common.pg_lock(DATABASE):
        reuse = args.reuse and common.pg_database_exists(DATABASE)
        if not reuse:
            common.pg_create_database(DATABASE, drop=True)
        common.setup_django(database_url=common.pg_url(DATABASE))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from lotse.core import tenancy
        from lotse.pathways import engine, services
        from lotse.pathways.models import ScreeningResult
        from lotse.people.models import Person
        from lotse.people.selectors import screening_columns
        from lotse.people.transfer import screening_input_from_parts

        with tenancy.system_context():
            present = Person.objects.count()
            if present != count:
                if present:
                    raise SystemExit(f"{DATABASE} holds {present} persons, not {count}: "
                                     "run without --reuse")
                report.figure("screen_all_load", persons=count, insert_s=round(_load(count), 1))
            if args.load_only:
                return
            as_of = common.BENCH_TODAY
            for processes in [int(p) for p in args.processes.split(",")]:
                # The first run fills an empty table; the nightly run, a day later, finds
                # most results unchanged and rewrites only the persons whose results moved.
                ScreeningResult.objects.all().delete()
                _vacuum()
                for kind, day in (("first", as_of), ("nightly", as_of + dt.timedelta(days=1))):
                    started = time.perf_counter()
                    totals = services.screen_all(as_of=day, processes=processes)
                    wall = time.perf_counter() - started
                    report.figure("screen_all", run=kind, persons=totals.persons,
                                  processes=processes, wall_s=round(wall, 2),
                                  persons_per_s=round(totals.persons / wall),
                                  results=totals.results, persons_rewritten=totals.changed)
                    _vacuum()
            assert ScreeningResult.objects.count() == totals.results
            ids = list(Person.objects.order_by("?").values_list("id", flat=True)[:args.sample])
            documents = [
                screening_input_from_parts(
                    export_id=c.export_id, date_of_birth=c.date_of_birth,
                    nationalities=json.loads(c.nationalities_json),
                    periods=c.periods, facts=json.loads(c.facts_json))
                for c in screening_columns(ids)
            ]
            started, cpu = time.perf_counter(), time.process_time()
            for document in documents:
                engine.screen_applicable(document, as_of)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            report.figure("screen_all_engine", persons=len(documents), processes=1,
                          wall_s=round(wall, 3), persons_per_s=round(len(documents) / wall),
                          persons_per_cpu_s=round(len(documents) / cpu))
            wall = _one_by_one(ids, as_of)
            report.figure("screen_all_one_by_one", persons=len(ids), wall_s=round(wall, 2),
                          persons_per_s=round(len(ids) / wall))
    report.note("load average before/after is in the JSON: the machine may be shared")
    report.write()


if __name__ == "__main__":
    main()
