"""Free-slot search of the booking portal (target: <= 50 ms for a location with 30 Anliegen
and 40 desks over 12 weeks).

Builds one location with 40 online desks (Mon–Fri 07:00–19:00, 10-minute slots, plus phone
and internal desks), 30 Anliegen of 10–45 minutes and 12 weeks of precomputed slots; the
first three weeks are fully booked and the rest ~70 % (so the search has to skip occupied
slots, the realistic bad case). Then times `selectors.free_times` (the portal's query + the
pure run scan) for random sets of 1–3 Anliegen, and as the baseline the bare SQL of the
range query. Also times the precomputation (`services.slots_compute`) cold and re-run
(idempotent). Runs on PostgreSQL (`lotse_bench_slots`) and on SQLite (a child process).

    .venv/bin/python bench/bench_slots.py [--scale 1] [--queries 300] [--backend both]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from typing import Any

import _common as common

DB = "lotse_bench_slots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    common.add_scale_argument(parser)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--backend", choices=["both", "postgresql", "sqlite"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    if args.child:
        # SQLite run in its own process (Django is configured once per process).
        with tempfile.TemporaryDirectory() as var:
            common.setup_django(database_url=None, var_dir=var)
            figures = _run("sqlite", scale, args.queries)
        print("JSON:" + json.dumps(figures, default=str))
        return
    report = common.Report("slots", scale=scale, queries=args.queries)
    if args.backend in {"both", "sqlite"}:
        for figure in _child(scale, args.queries):
            report.figure(figure.pop("name"), **figure)
    if args.backend in {"both", "postgresql"}:
        with common.pg_lock(DB):
            common.pg_create_database(DB, drop=True)
            common.setup_django(database_url=common.pg_url(DB))
            for figure in _run("postgresql", scale, args.queries):
                report.figure(figure.pop("name"), **figure)
            from django.db import connections

            connections.close_all()
            common.pg_drop_database(DB)
    report.note("target: free_times p95 <= 50 ms (30 Anliegen, 40 desks, 12 weeks)")
    report.write()


def _child(scale: float, queries: int) -> list[dict[str, Any]]:
    env = {**os.environ, "LOTSE_LOG_LEVEL": "WARNING"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--scale", str(scale), "--queries", str(queries)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON:"))
    return list(json.loads(line[5:]))


def _build(desks: int, services_count: int, weeks: int) -> tuple[Any, list[Any], dict[str, Any]]:
    from django.core.management import call_command

    from lotse.appointments import services
    from lotse.appointments.models import Location, OpeningHours, Service, Slot
    from lotse.core import tenancy
    from lotse.core.models import Kommune, Organisation

    call_command("migrate", verbosity=0)
    figures: dict[str, Any] = {}
    with tenancy.system_context():
        kommune = Kommune.objects.create(name="Bench")
        org = Organisation.objects.create(kommune=kommune, name="ABH", kind="ABH")
        location = Location.objects.create(
            kommune=kommune,
            organisation=org,
            name="ABH Bench",
            slot_minutes=10,
            min_lead_minutes=0,
            horizon_days=weeks * 7,
        )
        OpeningHours.objects.bulk_create(
            [
                OpeningHours(
                    location=location,
                    weekday=d,
                    opens=dt.time(7),
                    closes=dt.time(19),
                    desks_online=desks,
                    desks_phone=4,
                    desks_internal=6,
                )
                for d in range(5)
            ]
        )
        rng = random.Random(1)
        catalogue = []
        for i in range(services_count):
            service = Service.objects.create(
                organisation=org,
                name=f"Anliegen {i}",
                duration_minutes=rng.choice([10, 15, 20, 30, 45]),
            )
            service.locations.add(location)
            catalogue.append(service)
        started = time.perf_counter()
        sync = services.slots_compute(location=location, weeks=weeks)
        figures["compute_cold_s"] = time.perf_counter() - started
        figures["slots"] = sync.created
        started = time.perf_counter()
        again = services.slots_compute(location=location, weeks=weeks)
        figures["compute_rerun_s"] = time.perf_counter() - started
        figures["rerun_changed"] = again.created + again.updated + again.deleted
        # Occupancy: the first three weeks full, then ~70 % of the desks booked at random.
        today = dt.date.today()
        cutoff = dt.datetime.combine(today + dt.timedelta(weeks=3), dt.time(), tzinfo=dt.UTC)
        Slot.objects.filter(location=location, starts_at__lt=cutoff).update(booked=desks)
        rows = list(Slot.objects.filter(location=location, channel="ONLINE", starts_at__gte=cutoff))
        for slot in rows:
            slot.booked = min(slot.capacity, int(rng.random() * 1.4 * slot.capacity))
        Slot.objects.bulk_update(rows, ["booked"], batch_size=1000)
    return location, catalogue, figures


def _run(backend: str, scale: float, queries: int) -> list[dict[str, Any]]:
    from django.db import connection

    from lotse.appointments import selectors

    desks = common.scaled(40, scale)
    services_count = common.scaled(30, scale)
    weeks = 12
    location, catalogue, built = _build(desks, services_count, weeks)
    figures: list[dict[str, Any]] = [
        {
            "name": "slots_compute",
            "backend": backend,
            "weeks": weeks,
            "desks": desks,
            "slots": built["slots"],
            "cold_s": built["compute_cold_s"],
            "rerun_s": built["compute_rerun_s"],
            "rerun_changed": built["rerun_changed"],
        }
    ]
    rng = random.Random(7)
    timings: list[float] = []
    sql_timings: list[float] = []
    found = 0
    sql = (
        "SELECT id, starts_at, ends_at FROM appointments_slot WHERE location_id = %s "
        "AND channel = 'ONLINE' AND starts_at >= %s AND starts_at <= %s AND booked < capacity "
        "ORDER BY starts_at"
    )
    for _ in range(queries):
        chosen = rng.sample(catalogue, k=rng.choice([1, 1, 2, 3]))
        duration = sum(s.duration_minutes for s in chosen)
        started = time.perf_counter()
        times = selectors.free_times(location=location, duration=duration, limit=40)
        timings.append((time.perf_counter() - started) * 1000)
        found += bool(times)
        now = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [location.pk, now, now + dt.timedelta(days=weeks * 7)])
            cursor.fetchall()
        sql_timings.append((time.perf_counter() - started) * 1000)
    stats = common.percentiles(timings)
    base = common.percentiles(sql_timings)
    figures.append(
        {
            "name": "free_times",
            "backend": backend,
            "anliegen": services_count,
            "desks": desks,
            "weeks": weeks,
            "queries": queries,
            "with_result": found,
            "p50_ms": stats["p50"],
            "p95_ms": stats["p95"],
            "max_ms": stats["max"],
            "target_p95_ms": 50,
        }
    )
    figures.append(
        {
            "name": "free_times_sql_baseline",
            "backend": backend,
            "note": "full range, all rows",
            "p50_ms": base["p50"],
            "p95_ms": base["p95"],
            "max_ms": base["max"],
        }
    )
    return figures


if __name__ == "__main__":
    main()
