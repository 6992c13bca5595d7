"""Person search at 1,000,000 persons on PostgreSQL (target from the issue: p95 <= 50 ms).

What it does
  1. Database `lotse_bench` (another scale: `lotse_bench_<persons>`), migrated, with one Kommune,
     one organisation (KI) and one CASE_MANAGER account. All persons belong to that organisation,
     the worst case for a search that is scoped by organisation.
  2. Persons from `lotse.demo.generator.Generator(seed=1, kommune="Kreis Musterland",
     today=2026-01-15)`; every 5,000th person gets a rare family name (a list whose phonetic codes
     occur nowhere in the demo name pools) so that "rare name" searches have few hits.
     Insert path (`--insert-path auto`): `persons_insert` (full validation per row) is timed on
     10,000 rows in a scratch database; when it would need more than 10 minutes for all
     persons, rows go in with COPY instead. The rows are model instances built by the write
     path's own helpers (`services._apply` without full_clean, `services._children`), so
     sort_name, the name codes and any column copied onto the tokens are what the application
     stores; every concrete column of the models is copied. COPY loads people_person,
     people_nametoken, people_personname and people_statusperiod (no households/relations,
     no stored screening results: the search reads none of them). Then VACUUM ANALYZE.
     The database is kept; a rerun skips generation when row count and fingerprint (generator,
     name functions, people migrations, seed) match.
  3. A few hundred searches from realistic inputs (transliterated names, family name + year,
     birth date only, full name + date, rare names, family name only, browsing and next
     pages), timed through `lotse.people.selectors.person_page(user=..., text=..., size=25)`,
     and, as the baseline, the exact SQL the ORM sent, executed raw with psycopg.
  4. The same again under row-level security: a NOLOGIN role without BYPASSRLS
     (`lotse_bench_rls`) with `lotse.kommune_id` set, as the application role would run.
     The main figures run as the `postgres` superuser, to whom RLS does not apply.

Scale: --scale / LOTSE_BENCH_SCALE (persons = 1,000,000 x scale), or --persons N.
Example quick run: LOTSE_BENCH_SCALE=0.01 .venv/bin/python bench/bench_person_search.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import _common as common

FULL_PERSONS = 1_000_000
KOMMUNE = "Kreis Musterland"
RLS_ROLE = "lotse_bench_rls"
TARGET_P95_MS = 50.0
ORM_BUDGET_S = 600.0  # auto: COPY when persons_insert would need longer than this
LOADER_VERSION = "2"
RARE_EVERY = 5000
RARE_FAMILY_NAMES = [
    "Wojciechowski", "Nakamura", "Quispe", "Oyelaran", "Vukovic", "Lindqvist", "Papadopoulos",
    "Tshabalala", "Fitzgerald", "Kowalczyk", "Rautenberg", "Szabo", "Nguyen", "Okonkwo",
    "Valderrama", "Grzybowski", "Takahashi", "Mwangi", "Bjornstad", "Achterberg", "Zwingli",
    "Pfeffermann", "Quaresma", "Xhaferi", "Ljungberg", "Thorvaldsen", "Yamamoto", "Oberholzer",
    "Vasquez", "Bergkamp", "Drozdowski", "Esterhuizen",
]
# Share of the queries per kind of input.
CATEGORIES = [
    ("name_variant", 0.25),    # "Muhammad Alhassan": another spelling of given and family name
    ("family_year", 0.15),     # "Haddad 1990"
    ("birth_date", 0.15),      # "03.04.1998"
    ("full_name_date", 0.10),  # "Al-Hassan, Mohammed 03.04.1998"
    ("rare_name", 0.10),       # "Wojciechowski" / "Nakamura Amina"
    ("family_only", 0.10),     # "Haddad": thousands of hits, first page
    ("next_page", 0.10),       # page 2 of a family-name or name search
    ("browse", 0.05),          # no search text: first page or a deep page of the whole list
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--persons", type=int, default=None, help="persons (overrides --scale)")
    parser.add_argument("--queries", type=int, default=300, help="number of searches")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default=None, help="database name (default lotse_bench[_N])")
    parser.add_argument("--regenerate", action="store_true", help="drop and generate again")
    parser.add_argument("--insert-path", choices=["auto", "copy", "orm"], default="auto")
    parser.add_argument("--no-rls", action="store_true", help="skip the row-level security pass")
    args = parser.parse_args()

    scale = common.scale_of(args.scale)
    persons = args.persons or common.scaled(FULL_PERSONS, scale, minimum=100)
    db = args.db or ("lotse_bench" if persons == FULL_PERSONS else f"lotse_bench_{persons}")
    report = common.Report("person_search", scale=scale, persons=persons, database=db,
                           queries=args.queries, seed=args.seed, today=common.BENCH_TODAY)
    fingerprint = _fingerprint(persons, args.seed)

    with common.pg_lock(db):
        reuse = not args.regenerate and _reusable(db, persons, fingerprint)
        if not reuse:
            insert_path = args.insert_path
            if insert_path == "auto":
                insert_path = _choose_insert_path(report, db, persons, args.seed)
            common.pg_create_database(db, drop=True)
        common.setup_django(database_url=common.pg_url(db))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a no-op on a kept database unless code changed
        if reuse:
            load = _meta(db)["load"]
            report.figure("person_search_load", persons=persons, insert_path=load["insert_path"],
                          reused=1, total_s=load["total_s"], persons_per_s=load["persons_per_s"])
        else:
            load = _generate(report, db, persons, args.seed, insert_path, fingerprint)
        report.meta["load"] = load
        report.note("main figures run as PostgreSQL superuser 'postgres': row-level security does "
                    "not apply to them (see rls=on lines for the tenant-fenced role)")
        _search(report, db, persons, args)
    report.write()


# --- data ------------------------------------------------------------------------------------

def _fingerprint(persons: int, seed: int) -> str:
    digest = hashlib.sha256(f"{LOADER_VERSION}:{persons}:{seed}:{common.BENCH_TODAY}".encode())
    for relative in ["lotse/people/names.py", "lotse/demo/generator.py", "lotse/demo/names.py",
                     *sorted(str(p.relative_to(common.PROJECT_DIR)) for p in
                             (common.PROJECT_DIR / "lotse/people/migrations").glob("0*.py"))]:
        digest.update(relative.encode())
        digest.update((common.PROJECT_DIR / relative).read_bytes())
    return digest.hexdigest()[:16]


def _meta(db: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(common.pg_conninfo(db)) as conn:
        row = conn.execute("SELECT value FROM bench_meta WHERE key = 'load'").fetchone()
        return {"load": row[0]} if row else {}


def _reusable(db: str, persons: int, fingerprint: str) -> bool:
    import psycopg

    if not common.pg_database_exists(db):
        return False
    try:
        with psycopg.connect(common.pg_conninfo(db)) as conn:
            row = conn.execute("SELECT value FROM bench_meta WHERE key = 'load'").fetchone()
            count = conn.execute("SELECT count(*) FROM people_person").fetchone()
    except psycopg.Error:
        return False
    if not row or not count:
        return False
    load = row[0]
    if count[0] != persons or load.get("fingerprint") != fingerprint:
        print(f"# kept database {db} does not match (rows {count[0]}, fingerprint "
              f"{load.get('fingerprint')} vs {fingerprint}): generating again", flush=True)
        return False
    return True


def _person_rows(persons: int, seed: int) -> Iterator[Any]:
    """Generator persons; every RARE_EVERY-th gets a rare family name (no other spellings)."""
    from lotse.demo.generator import Generator

    generator = Generator(seed=seed, kommune=KOMMUNE, today=common.BENCH_TODAY)
    for index, (data, _parent) in enumerate(generator.persons(persons)):
        if index % RARE_EVERY == RARE_EVERY - 1:
            data.family_name = RARE_FAMILY_NAMES[(index // RARE_EVERY) % len(RARE_FAMILY_NAMES)]
            data.other_names = []
        yield data


def _tenancy() -> tuple[Any, Any, Any]:
    from lotse.core.models import Kommune, Organisation, Role, User

    kommune, _ = Kommune.objects.get_or_create(name=KOMMUNE)
    organisation, _ = Organisation.objects.get_or_create(
        kommune=kommune, name="Kommunales Integrationszentrum (Benchmark)",
        defaults={"kind": Organisation.Kind.KI})
    user = User.objects.filter(username="bench.casemanager").first()
    if user is None:
        user = User(username="bench.casemanager", role=Role.CASE_MANAGER,
                    organisation=organisation, otp_exempt=True)
        user.set_unusable_password()
        user.save()
    return kommune, organisation, user


def _choose_insert_path(report: common.Report, db: str, persons: int, seed: int) -> str:
    """Time persons_insert (the real, validating path) on 10,000 rows in a scratch database."""
    sample = min(10_000, persons)
    scratch = f"{db}_scratch"
    common.pg_create_database(scratch, drop=True)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--measure-orm", str(sample), "--seed", str(seed)],
            check=True, capture_output=True, text=True,
            env={**os.environ, "LOTSE_BENCH_SCRATCH_DB": scratch}).stdout
    finally:
        common.pg_drop_database(scratch)
    wall = float(out.strip().splitlines()[-1])
    rate = sample / wall
    projected = persons / rate
    path = "orm" if projected <= ORM_BUDGET_S else "copy"
    report.figure("person_insert_orm", rows=sample, wall_s=wall, rows_per_s=rate,
                  projected_s=projected, chosen=path)
    return path


def _measure_orm(sample: int, seed: int) -> None:
    """Child process: persons_insert of `sample` rows, prints the wall time in seconds."""
    common.setup_django(database_url=common.pg_url(os.environ["LOTSE_BENCH_SCRATCH_DB"]))
    from django.core.management import call_command
    from django.db import transaction

    from lotse.people.services import persons_insert

    call_command("migrate", verbosity=0)
    _kommune, organisation, _user = _tenancy()
    rows = list(_person_rows(sample, seed))
    start = time.perf_counter()
    with transaction.atomic():
        persons_insert(organisation=organisation, rows=rows)
    print(time.perf_counter() - start)


def _generate(report: common.Report, db: str, persons: int, seed: int, insert_path: str,
              fingerprint: str) -> dict[str, Any]:
    import psycopg

    _kommune, organisation, _user = _tenancy()
    started = time.perf_counter()
    if insert_path == "orm":
        from django.db import transaction

        from lotse.people.services import persons_insert

        rows = _person_rows(persons, seed)
        while chunk := list(itertools.islice(rows, 5000)):
            with transaction.atomic():
                persons_insert(organisation=organisation, rows=chunk)
        counts = {"people_person": persons}
    else:
        counts = _copy(db, organisation, persons, seed)
    loaded = time.perf_counter()
    with psycopg.connect(common.pg_conninfo(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    total = time.perf_counter() - started
    load = {"insert_path": insert_path, "fingerprint": fingerprint, "rows": counts,
            "insert_s": round(loaded - started, 1),
            "vacuum_analyze_s": round(total - (loaded - started), 1), "total_s": round(total, 1),
            "persons_per_s": round(persons / (loaded - started)),
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with psycopg.connect(common.pg_conninfo(db)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb)")
        conn.execute("INSERT INTO bench_meta VALUES ('load', %s) ON CONFLICT (key) DO UPDATE "
                     "SET value = excluded.value", [psycopg.types.json.Jsonb(load)])
    report.figure("person_search_load", persons=persons, insert_path=insert_path, reused=0,
                  insert_s=load["insert_s"], vacuum_analyze_s=load["vacuum_analyze_s"],
                  total_s=load["total_s"], persons_per_s=load["persons_per_s"],
                  **{f"rows_{k.removeprefix('people_')}": v for k, v in counts.items()})
    return load


def _instances(data: Any, person_id: int, organisation: Any, now: dt.datetime) -> tuple[Any, Any]:
    """A person (model instance) and its dependent rows (tuples), built by the write path's own
    helpers (services._apply without full_clean, services._children), so computed and
    denormalised columns (sort_name, name codes, token copies of person columns) follow the
    application code without changes here."""
    from lotse.people import services
    from lotse.people.models import Person

    person = Person(pk=person_id, kommune_id=organisation.kommune_id, organisation=organisation,
                    created_at=now, updated_at=now)
    try:
        services._apply(person, data, checked=True)
    except TypeError:  # a version without `checked`: validates fully (slower)
        services._apply(person, data)
    return person, services._children(person, data)


def _row(obj: Any, fields: list[Any], connection: Any) -> tuple[Any, ...]:
    return tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)


def _copy(db: str, organisation: Any, persons: int, seed: int) -> dict[str, int]:
    """COPY persons, name tokens, other names and status periods, every concrete column of
    the models (ids of persons assigned here, of dependent rows by the database)."""
    import psycopg
    from django.db import connection

    from lotse.people.models import NameToken, Person, PersonName, StatusPeriod
    from lotse.people.services import NAME_COLUMNS, PERIOD_COLUMNS, TOKEN_COLUMNS

    person_fields = list(Person._meta.concrete_fields)
    # Dependent rows come as tuples in the column order the write path defines.
    children = [("tokens", NameToken, TOKEN_COLUMNS),
                ("names", PersonName, NAME_COLUMNS),
                ("periods", StatusPeriod, PERIOD_COLUMNS)]
    counts = {Person._meta.db_table: 0, **{m._meta.db_table: 0 for _a, m, _f in children}}
    now = dt.datetime.now(dt.UTC)
    rows = _person_rows(persons, seed)
    # Autocommit: each chunk is its own transaction (deferred foreign-key checks run per chunk).
    with psycopg.connect(common.pg_conninfo(db), autocommit=True) as conn:
        person_id = conn.execute("SELECT coalesce(max(id), 0) FROM people_person").fetchone()[0]
        while chunk := list(itertools.islice(rows, 20_000)):
            built = []
            for data in chunk:
                person_id += 1
                built.append(_instances(data, person_id, organisation, now))
            with conn.transaction():
                _copy_rows(conn, Person, [f.column for f in person_fields],
                           [_row(p, person_fields, connection) for p, _c in built])
                for attribute, model, names in children:
                    rows_of = [r for _p, c in built for r in getattr(c, attribute)]
                    _copy_rows(conn, model, list(names), rows_of)
                    counts[model._meta.db_table] += len(rows_of)
            counts[Person._meta.db_table] += len(chunk)
            if counts[Person._meta.db_table] % 200_000 == 0:
                print(f"# loaded {counts[Person._meta.db_table]} persons", flush=True)
        for table in counts:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT coalesce(max(id), 1) FROM {table}))")
    return counts


def _copy_rows(conn: Any, model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    with conn.cursor().copy(f'COPY "{model._meta.db_table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


# --- queries ---------------------------------------------------------------------------------

_FOLDS = str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "Ü": "Ue", "Ö": "Oe", "Ä": "Ae",
                        "ş": "s", "Ş": "S", "ç": "c", "Ç": "C", "ı": "i", "ğ": "g"})


def _spelling(name: str, rng: random.Random) -> str:
    """Another way a name gets written: a known transliteration, ASCII folding, no hyphen."""
    from lotse.demo.names import VARIANTS

    options = list(VARIANTS.get(name, []))
    options += [key for key, values in VARIANTS.items() if name in values]
    if name != name.translate(_FOLDS):
        options.append(name.translate(_FOLDS))
    if "-" in name:
        options += [name.replace("-", ""), name.replace("-", " ")]
    if not options:
        options = [name.lower(), name.upper(), name]
    return rng.choice(options)


def _date(p: dict[str, Any]) -> str:
    if p["birth_day"]:
        return f"{p['birth_day']:02d}.{p['birth_month']:02d}.{p['birth_year']}"
    return str(p["birth_year"])


def _queries(db: str, count: int, seed: int) -> list[dict[str, Any]]:
    """Search inputs drawn from stored persons (deterministic for a seed)."""
    import psycopg
    from psycopg.rows import dict_row

    rng = random.Random(f"{seed}:queries")
    with psycopg.connect(common.pg_conninfo(db), row_factory=dict_row) as conn:
        bounds = conn.execute("SELECT min(id) AS low, max(id) AS high FROM people_person")
        low, high = bounds.fetchone().values()
        ids = rng.sample(range(low, high + 1), min(count * 2, high - low + 1))
        sample = conn.execute("SELECT id, family_name, given_names, birth_year, birth_month, "
                              "birth_day FROM people_person WHERE id = ANY(%s) ORDER BY id",
                              [ids]).fetchall()
        rare = conn.execute("SELECT id, family_name, given_names, birth_year, birth_month, "
                            "birth_day FROM people_person WHERE family_name = ANY(%s) ORDER BY id",
                            [RARE_FAMILY_NAMES]).fetchall()
    rng.shuffle(sample)
    people = itertools.cycle(sample)
    queries: list[dict[str, Any]] = []
    for category, share in CATEGORIES:
        for _ in range(max(1, round(count * share))):
            p = next(people)
            query: dict[str, Any] = {"category": category, "text": "", "after": None}
            if category == "name_variant":
                given, family = _spelling(p["given_names"], rng), _spelling(p["family_name"], rng)
                query["text"] = f"{given} {family}" if rng.random() < 0.6 else f"{family}, {given}"
            elif category == "family_year":
                query["text"] = f"{p['family_name']} {p['birth_year']}"
            elif category == "birth_date":
                full = p if p["birth_day"] else next(q for q in people if q["birth_day"])
                query["text"] = _date(full)
            elif category == "full_name_date":
                query["text"] = f"{p['family_name']}, {p['given_names']} {_date(p)}"
            elif category == "rare_name":
                r = rng.choice(rare) if rare else p
                query["text"] = r["family_name"] if rng.random() < 0.5 else \
                    f"{r['given_names']} {r['family_name']}"
            elif category == "family_only":
                query["text"] = p["family_name"]
            elif category == "next_page":
                query["text"] = p["family_name"] if rng.random() < 0.5 else \
                    f"{_spelling(p['given_names'], rng)} {p['family_name']}"
                query["page"] = 2
            elif category == "browse" and rng.random() < 0.5:
                query["after"] = rng.randint(low, high)  # a deep page of the whole list
            queries.append(query)
    rng.shuffle(queries)
    return queries


def _search(report: common.Report, db: str, persons: int, args: argparse.Namespace) -> None:
    import psycopg
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotse.core import tenancy
    from lotse.core.models import User
    from lotse.people.selectors import person_page

    user = User.objects.select_related("organisation").get(username="bench.casemanager")
    queries = _queries(db, args.queries, args.seed)

    # Warm-up pass: next-page cursors, the SQL the ORM sends, page sizes.
    started = time.perf_counter()
    for number, query in enumerate(queries, start=1):
        _progress("warm-up", number, len(queries), started)
        if query.get("page") == 2:
            first = person_page(user=user, text=query["text"], size=25)
            query["after"] = first.next_cursor
        with CaptureQueriesContext(connection) as captured:
            page = person_page(user=user, text=query["text"], after=query["after"], size=25)
        query["sql"] = [q["sql"] for q in captured.captured_queries]
        query["rows"] = len(page.items)

    raw = psycopg.connect(common.pg_conninfo(db), autocommit=True)
    raw_rls = None
    rls_passes = ["off"]
    if not args.no_rls:
        raw_rls = psycopg.connect(common.pg_conninfo(db), autocommit=True)
        _rls_role(raw_rls, user.organisation.kommune_id)
        rls_passes.append("on")
    timings: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))

    def timed(query: dict[str, Any], rls: str) -> None:
        if rls == "on":  # the Django connection as the application role, fenced to the Kommune
            with connection.cursor() as cursor:
                cursor.execute(f"SET ROLE {RLS_ROLE}")
            tenancy.set_kommune(user.organisation.kommune_id)
        try:
            start = time.perf_counter()
            person_page(user=user, text=query["text"], after=query["after"], size=25)
            orm_ms = (time.perf_counter() - start) * 1000
        finally:
            if rls == "on":
                with connection.cursor() as cursor:
                    cursor.execute("RESET ROLE")
                tenancy.clear()
        conn = raw_rls if rls == "on" else raw
        start = time.perf_counter()
        for statement in query["sql"]:
            conn.execute(statement).fetchall()
        sql_ms = (time.perf_counter() - start) * 1000
        for path, ms in (("person_page", orm_ms), ("sql", sql_ms)):
            timings[(path, rls)][query["category"]].append(ms)
            timings[(path, rls)]["all"].append(ms)

    # Interleaved so that load from other processes hits all variants alike.
    started = time.perf_counter()
    for number, query in enumerate(queries, start=1):
        _progress("timed", number, len(queries), started)
        for rls in rls_passes:
            timed(query, rls)
    if raw_rls is not None:
        raw_rls.close()

    for rls in rls_passes:
        for path in ("person_page", "sql"):
            for category in ["all", *[c for c, _s in CATEGORIES]]:
                values = timings[(path, rls)][category]
                if not values:
                    continue
                stats = common.percentiles(values)
                extra = {} if category == "all" else {"category": category}
                target = {"target_p95_ms": TARGET_P95_MS} if category == "all" else {}
                report.figure("person_search", persons=persons, path=path, rls=rls, **extra,
                              queries=len(values), p50_ms=stats["p50"], p95_ms=stats["p95"],
                              max_ms=stats["max"], **target)

    # Plans of the slowest input of each category (superuser, RLS off) for the JSON file.
    plans = {}
    for category, _share in CATEGORIES:
        members = [q for q in queries if q["category"] == category]
        if not members:
            continue
        slowest_index = max(range(len(members)),
                            key=lambda i: timings[("sql", "off")][category][i])
        query = members[slowest_index]
        plan = raw.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"][-1]).fetchall()
        plans[category] = {"text": query["text"], "after": query["after"], "rows": query["rows"],
                           "sql": query["sql"], "plan": [line[0] for line in plan]}
    raw.close()
    report.details["plans_of_slowest"] = plans
    report.details["queries"] = [
        {k: q[k] for k in ("category", "text", "after", "rows")} for q in queries]
    for path_rls, by_category in timings.items():
        report.details.setdefault("timings_ms", {})["/".join(path_rls)] = {
            c: [round(v, 3) for v in values] for c, values in by_category.items()}


def _progress(phase: str, number: int, total: int, started: float) -> None:
    if number % 50 == 0:
        print(f"# {phase}: {number}/{total} queries, {time.perf_counter() - started:.0f} s",
              flush=True)


def _rls_role(raw: Any, kommune_id: int) -> None:
    """A role as the application would use: no superuser, no BYPASSRLS."""
    raw.execute(f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{RLS_ROLE}') THEN
            CREATE ROLE {RLS_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF; END $$""")
    raw.execute(f"GRANT USAGE ON SCHEMA public TO {RLS_ROLE}")
    raw.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {RLS_ROLE}")
    raw.execute(f"SET ROLE {RLS_ROLE}")  # this connection stays fenced
    raw.execute("SELECT set_config('lotse.kommune_id', %s, false)", [str(kommune_id)])


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure-orm":
        _measure_orm(int(sys.argv[2]), int(sys.argv[sys.argv.index("--seed") + 1]))
    else:
        main()
