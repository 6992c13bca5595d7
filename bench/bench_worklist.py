"""The Integrationslotsin's worklist over 1,000,000 persons on PostgreSQL (target p95 ≤ 150 ms).

Builds a database `lotse_bench_worklist` with N persons of one ABH and their stored screening
results, written with COPY. The outcome mix per pathway is sampled from screening the demo
population (the real engine on the demo generator's persons), so the selectivity of the
worklist's filters is realistic without screening a million persons first. Then times
`selectors.worklist_page` for typical filter sets and pages, and, as the baseline in the same
run, the bare SQL of the first page. Runs as the database owner (row-level security applies
to the app role only; see docs/operations.md).

    .venv/bin/python bench/bench_worklist.py [--scale 0.1] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections import Counter
from typing import Any

import _common as common

DB = "lotse_bench_worklist"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    common.add_scale_argument(parser)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    persons = common.scaled(1_000_000, scale, minimum=1000)
    fresh = args.rebuild or not _ready(persons)
    if fresh:
        common.pg_create_database(DB, drop=True)
    common.setup_django(database_url=common.pg_url(DB))
    from django.core.management import call_command

    report = common.Report("worklist", scale=scale, persons=persons)
    if fresh:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        rows = _load(persons)
        report.figure(
            "worklist_load", persons=persons, results=rows, wall_s=time.perf_counter() - started
        )
    _measure(report, args.queries)
    report.write()


def _ready(persons: int) -> bool:
    if not common.pg_database_exists(DB):
        return False
    import psycopg

    try:
        with psycopg.connect(common.pg_conninfo(DB)) as conn:
            row = conn.execute("SELECT count(*) FROM people_person").fetchone()
            return bool(row) and row[0] == persons
    except psycopg.Error:
        return False


def _outcome_mix() -> dict[str, list[tuple[str, int]]]:
    """Per pathway: (outcome, count) from screening 4,000 demo persons with the real engine."""
    from lotse.demo.generator import Generator
    from lotse.pathways.engine import screen_person

    mix: dict[str, Counter[str]] = {}
    for data, _parent in Generator(
        seed=1, kommune="Kreis Musterland", today=common.BENCH_TODAY
    ).persons(4000):
        document = {
            "id": "x",
            **(data.facts or {}),
            "nationalities": data.nationalities,
            "status_periods": [
                {
                    "type": p["type"],
                    "from": p["from"].isoformat(),
                    "to": p["to"].isoformat() if p["to"] else None,
                }
                for p in data.status_periods or []
            ],
        }
        for result in screen_person(document, common.BENCH_TODAY, False)["results"]:
            mix.setdefault(result["pathway"], Counter())[result["outcome"]] += 1
    return {pathway: list(counter.items()) for pathway, counter in mix.items()}


def _load(persons: int) -> int:
    import psycopg
    from django.contrib.auth import get_user_model

    from lotse.core.models import Kommune, Organisation, Role
    from lotse.pathways.models import OUTCOME_RANK

    kommune = Kommune.objects.create(name="Bench")
    abh = Organisation.objects.create(kommune=kommune, name="ABH Bench", kind=Organisation.Kind.ABH)
    get_user_model().objects.create(username="lotsin", role=Role.LOTSIN, organisation=abh)
    mix = _outcome_mix()
    rng = random.Random(7)
    nationalities = ["SY", "AF", "TR", "UA", "IQ", "ER", "GN", "NG", "IR", "XK"]
    today = common.BENCH_TODAY
    results = 0
    with psycopg.connect(common.pg_conninfo(DB)) as conn:
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY people_person (id, kommune_id, organisation_id, family_name, "
                "given_names, birth_year, sex, nationalities, languages, interpreter_needed, "
                "phone, email, street, postcode, city, azr_number, reference, facts, sort_name, "
                "created_at, updated_at) FROM STDIN"
            ) as copy,
        ):
            now = dt.datetime.now(dt.UTC)
            for pid in range(1, persons + 1):
                family = f"Name{rng.randrange(50_000):05d}"
                copy.write_row(
                    (
                        pid,
                        kommune.pk,
                        abh.pk,
                        family,
                        "Vorname",
                        rng.randint(1950, 2020),
                        "U",
                        json.dumps([rng.choice(nationalities)]),
                        "[]",
                        False,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "{}",
                        f"{family.lower()} vorname",
                        now,
                        now,
                    )
                )
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY pathways_screeningresult (kommune_id, organisation_id, person_id, "
                "pathway, outcome, rank, earliest_date, next_deadline, deadline_key, "
                "earliest_key, result, as_of, rule_base, computed_at) FROM STDIN"
            ) as copy,
        ):
            for pid in range(1, persons + 1):
                for pathway, outcomes in mix.items():
                    outcome = rng.choices([o for o, _n in outcomes], [n for _o, n in outcomes])[0]
                    if outcome == "NOT_APPLICABLE":
                        continue
                    earliest = (
                        today + dt.timedelta(days=rng.randint(1, 900))
                        if outcome == "NOT_YET"
                        else None
                    )
                    deadline = (
                        today + dt.timedelta(days=rng.randint(1, 400))
                        if rng.random() < 0.04
                        else None
                    )
                    result = {
                        "pathway": pathway,
                        "norm": pathway,
                        "outcome": outcome,
                        "missing": ["R25B-02"] if outcome == "NOT_YET" else [],
                        "unknown": [],
                        "deadlines": [],
                        "flags": [],
                        "justification": "…",
                    }
                    copy.write_row(
                        (
                            kommune.pk,
                            abh.pk,
                            pid,
                            pathway,
                            outcome,
                            OUTCOME_RANK[outcome],
                            earliest,
                            deadline,
                            deadline or dt.date.max,
                            earliest or dt.date.min,
                            json.dumps(result),
                            today,
                            "bench",
                            now,
                        )
                    )
                    results += 1
        conn.execute("SELECT setval('people_person_id_seq', %s)", [persons])
        conn.commit()
    with psycopg.connect(common.pg_conninfo(DB), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return results


def _measure(report: Any, queries: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lotse.pathways import selectors

    lotsin = get_user_model().objects.select_related("organisation").get(username="lotsin")
    rng = random.Random(3)
    filter_sets = {
        "default": {},
        "pathway": {"pathway": "AUFENTHG_25B"},
        "outcome": {"outcome": "ELIGIBLE_SOLL"},
        "nationality": {"nationality": "SY"},
        "deadline_30d": {"deadline_within_days": 30},
        "age_18_27": {"min_age": 18, "max_age": 27},
    }
    for label, fields in filter_sets.items():
        timings = []
        for _ in range(max(5, queries // len(filter_sets))):
            filters = selectors.WorklistFilter(horizon_months=rng.choice([3, 6, 12, 24]), **fields)
            started = time.perf_counter()
            rows, cursor = selectors.worklist_page(
                user=lotsin, filters=filters, after=None, size=25
            )
            if cursor and rng.random() < 0.5:  # half of the users look at the next page too
                selectors.worklist_page(user=lotsin, filters=filters, after=cursor, size=25)
            timings.append((time.perf_counter() - started) * 1000)
        report.figure(
            "worklist", filters=label, queries=len(timings), **common.percentiles(timings)
        )
    sql, params = selectors.worklist_queryset(
        user=lotsin, filters=selectors.WorklistFilter()
    ).query.sql_with_params()
    timings = []
    with connection.cursor() as cur:
        for _ in range(30):
            started = time.perf_counter()
            cur.execute(f"{sql} LIMIT 26", params)  # noqa: S608 - the ORM's own SQL
            cur.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    report.figure(
        "worklist",
        filters="default",
        path="bare_sql_first_page",
        queries=len(timings),
        **common.percentiles(timings),
    )


if __name__ == "__main__":
    main()
