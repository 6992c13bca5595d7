"""Case management at 300,000 cases and 10,000,000 events on PostgreSQL.

Targets (issue 4): the case manager's case list p95 <= 100 ms, the case page p95 <= 100 ms, the
disclosure check adds <= 2 ms per page.

Builds `lotse_bench_cases` (kept between runs; `--rebuild` forces it) with COPY:
- one Kommune, 10 KI organisations with 50 case managers each (600 cases each) plus one
  "heavy" case manager with 10,000 cases (the worst list), 300,000 persons (one per case),
  300,000 cases (15 % closed), one status change, two tasks and two notes per case;
- for every 100th case the full content of a lived case: an assessment over all nine
  Handlungsfelder, an agreed Zielvereinbarung with 3 Schwerpunktziele x 2 Handlungsziele x
  3 steps, a document row;
- 10,000,000 events in `core_event` (the hash chain is not computed: the benchmark reads by
  subject, it does not verify), 2/3 of them on cases (`subject_type=cases.case`), so a case
  has ~22 events on average and the case page's history reads from a 10M-row table.
Then `VACUUM ANALYZE`.

Measured through the real views with Django's test client (middleware, policy, selectors,
templates; the user is logged in once): `/faelle/` (Meine Fälle, first page and a next page,
filters) and the case page tabs (Überblick with the event history, Zielvereinbarung with the
full tree). Baselines in the same run: the selector alone and the bare SQL of the list.
`disclosure.check` is timed for the owning organisation (what the case page costs today) and
for a user of another organisation with a consent (what a referral will cost).

    .venv/bin/python bench/bench_cases.py [--scale 0.1] [--rebuild] [--requests 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from typing import Any

import _common as common

DB = "lotse_bench_cases"
ORGS = 10
MANAGERS_PER_ORG = 50
HEAVY_CASES = 10_000
RICH_EVERY = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    common.add_scale_argument(parser)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--events", type=int, default=None, help="override the event count")
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    cases = common.scaled(300_000, scale, minimum=HEAVY_CASES + 1000)
    events = args.events if args.events is not None else common.scaled(10_000_000, scale)
    with common.pg_lock(DB):
        fresh = args.rebuild or not _ready(cases, events)
        if fresh:
            common.pg_create_database(DB, drop=True)
        common.setup_django(database_url=common.pg_url(DB))
        from django.core.management import call_command

        report = common.Report("cases", scale=scale, cases=cases, events=events)
        # Also on a kept database: apps added since it was built bring their own tables.
        call_command("migrate", verbosity=0)
        if fresh:
            _load(report, cases, events)
        _measure(report, args.requests)
        report.write()


def _ready(cases: int, events: int) -> bool:
    if not common.pg_database_exists(DB):
        return False
    import psycopg

    try:
        with psycopg.connect(common.pg_conninfo(DB)) as conn:
            c = conn.execute("SELECT count(*) FROM cases_case").fetchone()
            e = conn.execute("SELECT count(*) FROM core_event").fetchone()
            return bool(c and e) and c[0] == cases and e[0] == events
    except psycopg.Error:
        return False


def _load(report: Any, cases: int, events: int) -> None:
    import psycopg
    from django.contrib.auth import get_user_model

    from lotse.core.models import Kommune, Organisation, Role

    User = get_user_model()
    kommune = Kommune.objects.create(name="Bench")
    orgs = [
        Organisation.objects.create(
            kommune=kommune, name=f"KI {i}", kind=Organisation.Kind.KI, require_second_factor=False
        )
        for i in range(ORGS)
    ]
    partner = Organisation.objects.create(
        kommune=kommune, name="Jobcenter", kind="JOBCENTER", require_second_factor=False
    )
    User.objects.create(username="partner", role=Role.PARTNER, organisation=partner)
    heavy = User.objects.create(username="heavy", role=Role.CASE_MANAGER, organisation=orgs[0])
    managers = [
        User.objects.create(username=f"cm{o}_{m}", role=Role.CASE_MANAGER, organisation=org)
        for o, org in enumerate(orgs)
        for m in range(MANAGERS_PER_ORG)
    ]
    rng = random.Random(11)
    today = common.BENCH_TODAY
    now = dt.datetime.now(dt.UTC)
    owner: list[tuple[int, int]] = []  # per case: (organisation, manager)
    for index in range(cases):
        if index < HEAVY_CASES:
            owner.append((orgs[0].pk, heavy.pk))
        else:
            manager = managers[index % len(managers)]
            owner.append((manager.organisation_id, manager.pk))
    started = time.perf_counter()
    with psycopg.connect(common.pg_conninfo(DB)) as conn:
        _copy_persons(conn, kommune.pk, owner, rng, now)
        _copy_cases(conn, kommune.pk, owner, rng, today, now)
        _copy_children(conn, kommune.pk, owner, rng, today, now, partner.pk)
        conn.commit()
    report.figure("cases_load", cases=cases, wall_s=time.perf_counter() - started)
    started = time.perf_counter()
    with psycopg.connect(common.pg_conninfo(DB)) as conn:
        _copy_events(conn, kommune.pk, orgs[0].pk, heavy.pk, cases, events, now)
        conn.commit()
    report.figure("events_load", events=events, wall_s=time.perf_counter() - started)
    with psycopg.connect(common.pg_conninfo(DB), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _copy_persons(
    conn: Any, kommune: int, owner: list[tuple[int, int]], rng: Any, now: Any
) -> None:
    with (
        conn.cursor() as cur,
        cur.copy(
            "COPY people_person (id, kommune_id, organisation_id, family_name, given_names, "
            "birth_year, sex, nationalities, languages, interpreter_needed, phone, email, street, "
            "postcode, city, azr_number, reference, facts, sort_name, created_at, updated_at) "
            "FROM STDIN"
        ) as copy,
    ):
        for pid, (org, _manager) in enumerate(owner, start=1):
            family = f"Name{rng.randrange(50_000):05d}"
            copy.write_row(
                (
                    pid,
                    kommune,
                    org,
                    family,
                    "Vorname",
                    rng.randint(1950, 2010),
                    "U",
                    '["SY"]',
                    '["ar"]',
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
    conn.execute("SELECT setval('people_person_id_seq', %s)", [len(owner)])


def _copy_cases(
    conn: Any, kommune: int, owner: list[tuple[int, int]], rng: Any, today: Any, now: Any
) -> None:
    with (
        conn.cursor() as cur,
        cur.copy(
            "COPY cases_case (id, kommune_id, organisation_id, person_id, case_manager_id, kind, "
            "access_route, indications, status, opened_on, closed_on, closure_reason, outcome, "
            "closure_note, created_at, updated_at) FROM STDIN"
        ) as copy,
    ):
        for cid, (org, manager) in enumerate(owner, start=1):
            opened = today - dt.timedelta(days=rng.randint(10, 1500))
            closed = rng.random() < 0.15
            copy.write_row(
                (
                    cid,
                    kommune,
                    org,
                    cid,
                    manager,
                    "KIM",
                    "SELF",
                    '["COMPLEX_NEEDS"]',
                    "CLOSED" if closed else "OPEN",
                    opened,
                    opened + dt.timedelta(days=5) if closed else None,
                    "GOALS_REACHED" if closed else "",
                    "ACHIEVED" if closed else "",
                    "",
                    now,
                    now,
                )
            )
    conn.execute("SELECT setval('cases_case_id_seq', %s)", [len(owner)])


def _copy_children(
    conn: Any,
    kommune: int,
    owner: list[tuple[int, int]],
    rng: Any,
    today: Any,
    now: Any,
    partner: int,
) -> None:
    with conn.cursor() as cur:
        with cur.copy(
            'COPY cases_casestatuschange (kommune_id, case_id, kind, "on", by_id, reason, '
            "outcome, note, at) FROM STDIN"
        ) as copy:
            for cid, (_org, manager) in enumerate(owner, start=1):
                copy.write_row((kommune, cid, "OPENED", today, manager, "", "", "", now))
        with cur.copy(
            "COPY cases_task (kommune_id, case_id, kind, title, due_on, assignee_id, done_at, "
            "created_by_id, created_at) FROM STDIN"
        ) as copy:
            for cid, (_org, manager) in enumerate(owner, start=1):
                for _ in range(2):
                    due = today + dt.timedelta(days=rng.randint(-30, 30))
                    done = now if rng.random() < 0.5 else None
                    copy.write_row(
                        (kommune, cid, "TASK", "Rückruf", due, manager, done, manager, now)
                    )
        with cur.copy(
            'COPY cases_note (kommune_id, case_id, kind, "on", text, author_id, created_at) '
            "FROM STDIN"
        ) as copy:
            for cid, (_org, manager) in enumerate(owner, start=1):
                for _ in range(2):
                    copy.write_row(
                        (kommune, cid, "BERATUNG", today, "Beratung " * 20, manager, now)
                    )
    _copy_rich(conn, kommune, owner, today, now, partner)


def _copy_rich(
    conn: Any, kommune: int, owner: list[tuple[int, int]], today: Any, now: Any, partner: int
) -> None:
    """Assessment, agreed plan tree and a document for every RICH_EVERY-th case (plain INSERTs:
    a few thousand rows with ids needed for the children)."""
    fields = [
        "AUFENTHALT",
        "SPRACHE",
        "BILDUNG",
        "ARBEIT",
        "WOHNEN",
        "GESUNDHEIT",
        "FAMILIE",
        "FINANZEN",
        "TEILHABE",
    ]
    with conn.cursor() as cur:
        for cid in range(1, len(owner) + 1, RICH_EVERY):
            manager = owner[cid - 1][1]
            cur.execute(
                "INSERT INTO cases_assessment (kommune_id, case_id, assessed_on, author_id, "
                "summary, created_at) VALUES (%s,%s,%s,%s,'',%s) RETURNING id",
                [kommune, cid, today, manager, now],
            )
            assessment = cur.fetchone()[0]
            cur.executemany(
                "INSERT INTO cases_assessmentitem (kommune_id, assessment_id, field, resources, "
                "needs, priority) VALUES (%s,%s,%s,'Familie','Begleitung',2)",
                [(kommune, assessment, f) for f in fields],
            )
            cur.execute(
                "INSERT INTO cases_plan (kommune_id, case_id, created_at) VALUES (%s,%s,%s) "
                "RETURNING id",
                [kommune, cid, now],
            )
            plan = cur.fetchone()[0]
            cur.execute(
                "INSERT INTO cases_planversion (kommune_id, plan_id, number, status, global_goal, "
                "review_on, agreed_at, agreed_by_id, language, created_by_id, created_at, "
                "updated_at) VALUES (%s,%s,1,'AGREED','Selbstständig leben',%s,%s,%s,'de',%s,%s,%s)"
                " RETURNING id",
                [kommune, plan, today, now, manager, manager, now, now],
            )
            version = cur.fetchone()[0]
            for g in range(1, 4):
                cur.execute(
                    "INSERT INTO cases_goal (kommune_id, version_id, position, field, text, "
                    "attainment, attainment_reason) VALUES "
                    "(%s,%s,%s,'ARBEIT','Arbeit finden','','') RETURNING id",
                    [kommune, version, g],
                )
                goal = cur.fetchone()[0]
                for o in range(1, 3):
                    cur.execute(
                        "INSERT INTO cases_objective (kommune_id, goal_id, position, text, "
                        "indicator, target_on, attainment, attainment_reason) VALUES "
                        "(%s,%s,%s,'Bewerben','drei Bewerbungen',%s,'','') RETURNING id",
                        [kommune, goal, o, today],
                    )
                    objective = cur.fetchone()[0]
                    cur.executemany(
                        "INSERT INTO cases_step (kommune_id, objective_id, position, text, "
                        "responsible, organisation_id, due_on, status) VALUES "
                        "(%s,%s,%s,'Lebenslauf',%s,%s,%s,'OPEN')",
                        [
                            (
                                kommune,
                                objective,
                                s,
                                "ORGANISATION" if s == 3 else "PERSON",
                                partner if s == 3 else None,
                                today,
                            )
                            for s in range(1, 4)
                        ],
                    )
            cur.execute(
                "INSERT INTO cases_document (kommune_id, case_id, file, original_name, "
                "content_type, size, description, uploaded_by_id, uploaded_at) VALUES "
                "(%s,%s,'case-documents/x.pdf','bescheid.pdf','application/pdf',1000,'',%s,%s)",
                [kommune, cid, manager, now],
            )


def _copy_events(
    conn: Any, kommune: int, org: int, actor: int, cases: int, events: int, now: Any
) -> None:
    """Events: 2 of 3 on a case (spread evenly), the rest on persons; ids as hashes."""
    with (
        conn.cursor() as cur,
        cur.copy(
            "COPY core_event (id, kommune_id, organisation_id, actor_id, subject_type, subject_id, "
            "activity, at, payload, previous_hash, hash) FROM STDIN"
        ) as copy,
    ):
        previous = "0" * 64
        for eid in range(1, events + 1):
            on_case = eid % 3 != 0
            subject = (eid * 7919) % cases + 1
            digest = f"{eid:064x}"
            copy.write_row(
                (
                    eid,
                    kommune,
                    org,
                    actor,
                    "cases.case" if on_case else "people.person",
                    str(subject),
                    "note.added" if on_case else "person.changed",
                    now,
                    json.dumps({"person": subject}),
                    previous,
                    digest,
                )
            )
            previous = digest
    conn.execute("SELECT setval('core_event_id_seq', %s)", [events])


def _client_for(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _time_get(client: Any, url: str, n: int) -> list[float]:
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return timings


def _execution_ms(report: Any, plan: str) -> float:
    """The server-side execution time of an EXPLAIN ANALYZE kept in the details."""
    for line in report.details[plan]:
        if line.startswith("Execution Time:"):
            return float(line.split(":")[1].split()[0])
    return float("nan")


def _measure(report: Any, requests: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lotse.cases import selectors
    from lotse.cases.models import Case
    from lotse.consent import disclosure
    from lotse.consent.models import Consent, ConsentRecipient

    User = get_user_model()
    rng = random.Random(5)
    n = max(20, requests)
    heavy = _client_for("heavy")
    typical_user = User.objects.get(username="cm3_7")
    typical = _client_for("cm3_7")
    list_pages = {
        "heavy_first": (heavy, "/faelle/"),
        "heavy_closed": (heavy, "/faelle/?status=CLOSED"),
        "heavy_all_org": (heavy, "/faelle/?scope=org&status=ALL"),
        "typical_first": (typical, "/faelle/"),
    }
    first_rows, cursor = selectors.case_page(
        user=User.objects.get(username="heavy"), filters=selectors.CaseFilter(), after=None, size=25
    )
    list_pages["heavy_page_2"] = (heavy, f"/faelle/?nach={cursor}")
    for label, (client, url) in list_pages.items():
        report.figure(
            "case_list",
            page=label,
            path="view",
            requests=n,
            **common.percentiles(_time_get(client, url, n)),
        )
    # Baselines: the selector alone and its bare SQL.
    heavy_user = User.objects.select_related("organisation").get(username="heavy")
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        selectors.case_page(user=heavy_user, filters=selectors.CaseFilter(), after=None, size=25)
        timings.append((time.perf_counter() - started) * 1000)
    report.figure(
        "case_list", page="heavy_first", path="selector", requests=n, **common.percentiles(timings)
    )
    from lotse.core import policy

    query = (
        policy.queryset(heavy_user, "view", Case)
        .select_related("person", "case_manager")
        .filter(case_manager=heavy_user, status="OPEN")
        .order_by("-id")[:26]
    )
    sql, params = query.query.sql_with_params()
    timings = []
    with connection.cursor() as cur:
        for _ in range(n):
            started = time.perf_counter()
            cur.execute(sql, params)
            cur.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    report.figure(
        "case_list", page="heavy_first", path="bare_sql", requests=n, **common.percentiles(timings)
    )
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        report.details["case_list_plan"] = [row[0] for row in cur.fetchall()]
    report.figure(
        "db_execution", query="case_list_heavy_first", ms=_execution_ms(report, "case_list_plan")
    )

    # Case pages: rich cases of the heavy and the typical case manager.
    heavy_rich = list(
        Case.objects.filter(case_manager=heavy_user, plan__isnull=False).values_list(
            "pk", flat=True
        )
    )
    typical_rich = list(
        Case.objects.filter(case_manager=typical_user, plan__isnull=False).values_list(
            "pk", flat=True
        )
    ) or list(Case.objects.filter(case_manager=typical_user).values_list("pk", flat=True)[:20])
    for tab, suffix in [
        ("overview", ""),
        ("plan", "zielvereinbarung/"),
        ("tasks", "aufgaben/"),
        ("notes", "notizen/"),
    ]:
        for label, client, pool in [
            ("heavy", heavy, heavy_rich),
            ("typical", typical, typical_rich),
        ]:
            timings = []
            for _ in range(n):
                url = f"/faelle/{rng.choice(pool)}/{suffix}"
                timings += _time_get(client, url, 1)
            report.figure(
                "case_page",
                tab=tab,
                manager=label,
                path="view",
                requests=n,
                **common.percentiles(timings),
            )
    with connection.cursor() as cur:
        cur.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM core_event WHERE subject_type = 'cases.case'"
            " AND subject_id = %s ORDER BY id DESC LIMIT 30",
            [str(heavy_rich[0])],
        )
        report.details["case_history_plan"] = [row[0] for row in cur.fetchall()]
    report.figure(
        "db_execution",
        query="case_history_10m_events",
        ms=_execution_ms(report, "case_history_plan"),
    )

    # disclosure.check per page: own organisation (today's case page) and a cross-organisation
    # reader under a consent (the referral path to come).
    case = Case.objects.select_related("person").get(pk=heavy_rich[0])
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        disclosure.check(heavy_user, case.person, "FALLBESPRECHUNG", "FALLVERLAUF")
        timings.append((time.perf_counter() - started) * 1000)
    report.figure(
        "disclosure_check", reader="own_organisation", requests=n, **common.percentiles(timings)
    )
    partner = User.objects.select_related("organisation").get(username="partner")
    consent = Consent.objects.create(
        kommune_id=case.kommune_id,
        organisation_id=case.organisation_id,
        person=case.person,
        given_by="PERSON",
        purposes=["FALLBESPRECHUNG"],
        categories=["FALLVERLAUF"],
        form="WRITTEN",
        valid_from=dt.date(2020, 1, 1),
        created_by=heavy_user,
    )
    ConsentRecipient.objects.create(
        kommune_id=case.kommune_id, consent=consent, organisation=partner.organisation
    )
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        basis = disclosure.check(partner, case.person, "FALLBESPRECHUNG", "FALLVERLAUF")
        timings.append((time.perf_counter() - started) * 1000)
    assert basis is not None and basis.kind == "CONSENT"
    report.figure(
        "disclosure_check",
        reader="other_organisation_with_consent",
        requests=n,
        **common.percentiles(timings),
    )
    report.figure("targets", case_list_p95_ms=100, case_page_p95_ms=100, disclosure_check_ms=2)


if __name__ == "__main__":
    main()
