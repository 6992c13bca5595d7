"""CSV import of 100,000 persons on SQLite and PostgreSQL (target: <= 30 s).

What it does
  1. Writes a CSV file with the documented columns (`lotse.people.transfer.CSV_COLUMNS`,
     `;`-separated, UTF-8, dates TT.MM.JJJJ; birth dates TT.MM.JJJJ or JJJJ when only the year
     is known) from `lotse.demo.generator.Generator(seed=1, kommune="Kreis Musterland",
     today=2026-01-15)`: names, birth, sex, nationalities, languages, contact, address, AZR
     number, reference, the current residence status with its legal basis and start, and the
     entry date.
  2. For each backend, in its own process: a fresh database (SQLite: a temp file with the
     project's settings, WAL; PostgreSQL: `lotse_bench_import`, dropped and created), migrated,
     one Kommune + organisation + CASE_MANAGER account. Then the real code path of the upload
     view: `parse_csv(raw)` and `persons_import(by=user, rows=..., updates=..., source="csv")`.
  3. Baseline in the same run: the same rows written with plain `bulk_create` (persons, other
     names, status periods, name tokens; batch sizes as in services.py) into a second
     organisation, without the per-row validation (`full_clean`, facts check) — what the
     writes alone cost.

PostgreSQL runs as the `postgres` superuser: row-level security checks do not apply.
Scale: --scale / LOTSE_BENCH_SCALE (rows = 100,000 x scale) or --rows N;
--backends sqlite,postgres; --profile adds the top functions of persons_import to the JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as common

FULL_ROWS = 100_000
KOMMUNE = "Kreis Musterland"
PG_DATABASE = "lotse_bench_import"
TARGET_S = 30.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--rows", type=int, default=None,
                        help="persons in the file (overrides --scale)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--profile", action="store_true", help="cProfile persons_import")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--csv", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return

    scale = common.scale_of(args.scale)
    rows = args.rows or common.scaled(FULL_ROWS, scale, minimum=100)
    report = common.Report("import", scale=scale, rows=rows, seed=args.seed,
                           today=common.BENCH_TODAY, target_s=TARGET_S)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-import-") as workdir:
        common.setup_django(database_url=None, var_dir=str(Path(workdir) / "parent"))
        path = Path(workdir) / "persons.csv"
        with common.stopwatch() as took:
            size = _write_csv(path, rows, args.seed)
        report.figure("import_csv_file", rows=rows, bytes=size, generate_s=took["s"])
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            command = [sys.executable, __file__, "--child", backend, "--csv", str(path),
                       "--workdir", workdir, *(["--profile"] if args.profile else [])]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                report.note(f"{backend}: failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            for message in result.pop("notes", []):
                report.note(f"{backend}: {message}")
            if "profile" in result:
                report.details[f"profile_{backend}"] = result.pop("profile")
            for figure in result.pop("figures"):
                report.figure(figure.pop("name"), **figure)
    report.write()


# --- the file --------------------------------------------------------------------------------

def _birth(data: Any) -> str:
    if data.birth_day:
        return f"{data.birth_day:02d}.{data.birth_month:02d}.{data.birth_year}"
    if data.birth_month:
        return f"{data.birth_month:02d}.{data.birth_year}"
    return str(data.birth_year or "")


def _day(value: Any) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%d.%m.%Y") if value else ""


def _record(data: Any) -> dict[str, str]:
    current = (data.status_periods or [{}])[-1]
    return {
        "familienname": data.family_name,
        "vornamen": data.given_names,
        "geburtsdatum": _birth(data),
        "geschlecht": {"F": "w", "M": "m", "D": "d"}.get(data.sex, "u"),
        "staatsangehoerigkeiten": ";".join(data.nationalities),
        "sprachen": ";".join(data.languages),
        "dolmetschbedarf": "ja" if data.interpreter_needed else "nein",
        "telefon": data.phone,
        "email": data.email,
        "strasse": data.street,
        "plz": data.postcode,
        "ort": data.city,
        "azr_nummer": data.azr_number,
        "aktenzeichen": data.reference,
        "aufenthaltsstatus": current.get("type", ""),
        "status_rechtsgrundlage": current.get("legal_basis", "") or "",
        "status_seit": _day(current.get("from")),
        "einreisedatum": _day((data.facts or {}).get("entry_date")),
    }


def _write_csv(path: Path, rows: int, seed: int) -> int:
    from lotse.demo.generator import Generator
    from lotse.people.transfer import CSV_COLUMNS

    generator = Generator(seed=seed, kommune=KOMMUNE, today=common.BENCH_TODAY)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), delimiter=";",
                            lineterminator="\r\n")
    writer.writeheader()
    for data, _parent in generator.persons(rows):
        record = _record(data)
        writer.writerow({column: record.get(column, "") for column in CSV_COLUMNS})
    raw = buffer.getvalue().encode("utf-8")
    path.write_bytes(raw)
    return len(raw)


# --- one backend (child process) -------------------------------------------------------------

def _child(args: argparse.Namespace) -> None:
    backend = args.child
    workdir = Path(args.workdir)
    if backend == "sqlite":
        var_dir = workdir / "sqlite"
        common.setup_django(database_url=None, var_dir=str(var_dir))
    elif backend == "postgres":
        lock = common.pg_lock(PG_DATABASE)
        lock.__enter__()  # held until this process ends
        common.pg_create_database(PG_DATABASE, drop=True)
        common.setup_django(database_url=common.pg_url(PG_DATABASE), var_dir=str(workdir / "pg"))
    else:
        raise SystemExit(f"unknown backend {backend}")
    from django.core.management import call_command
    from django.db import connection

    from lotse.core.models import Kommune, Organisation, Role, User
    from lotse.people.models import Person
    from lotse.people.services import persons_import
    from lotse.people.transfer import parse_csv

    call_command("migrate", verbosity=0)
    kommune = Kommune.objects.create(name=KOMMUNE)
    organisation = Organisation.objects.create(kommune=kommune, name="KI (Benchmark)",
                                               kind=Organisation.Kind.KI)
    user = User(username="bench.casemanager", role=Role.CASE_MANAGER, organisation=organisation,
                otp_exempt=True)
    user.set_unusable_password()
    user.save()
    notes: list[str] = []
    raw = Path(args.csv).read_bytes()

    start = time.perf_counter()
    parsed = parse_csv(raw)
    parse_s = time.perf_counter() - start
    rows = len(parsed.rows)
    if parsed.errors:
        notes.append(f"{len(parsed.errors)} parse errors, first: {parsed.errors[:3]}")

    profile = None
    start = time.perf_counter()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    created, _updated = persons_import(by=user, rows=parsed.rows, updates=parsed.updates,
                                       source="csv")
    import_s = time.perf_counter() - start
    if args.profile:
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        profile = text.getvalue().splitlines()
    stored = Person.objects.filter(organisation=organisation).count()
    if stored != rows:
        notes.append(f"stored {stored} persons of {rows} rows")

    baseline_s = _baseline(kommune, parsed.rows)
    total = parse_s + import_s
    figures: list[dict[str, Any]] = [
        {"name": "import", "backend": backend, "path": "parse_csv+persons_import", "rows": rows,
         "parse_s": parse_s, "import_s": import_s, "total_s": total,
         "rows_per_s": rows / total if total else 0.0, "import_rows_per_s": created / import_s},
        {"name": "import", "backend": backend, "path": "bulk_create_baseline", "rows": rows,
         "import_s": baseline_s, "import_rows_per_s": rows / baseline_s},
    ]
    if connection.vendor == "sqlite":
        notes.append(f"SQLite file {connection.settings_dict['NAME']} "
                     "(journal WAL, synchronous NORMAL)")
    output: dict[str, Any] = {"figures": figures, "notes": notes}
    if profile:
        output["profile"] = profile
    print(json.dumps(output, default=str))
    if backend == "postgres":
        connection.close()
        common.pg_drop_database(PG_DATABASE)


def _baseline(kommune: Any, rows: list[Any]) -> float:
    """The writes alone: plain bulk_create of the same rows (no per-row validation)."""
    from django.db import transaction

    from lotse.core.models import Organisation
    from lotse.people.models import NameToken, Person, PersonName, StatusPeriod
    from lotse.people.names import fold, name_codes

    organisation = Organisation.objects.create(kommune=kommune, name="Baseline",
                                               kind=Organisation.Kind.KI)
    fields = ("family_name", "given_names", "birth_year", "birth_month", "birth_day", "sex",
              "nationalities", "languages", "interpreter_needed", "phone", "email", "street",
              "postcode", "city", "azr_number", "reference")
    start = time.perf_counter()
    with transaction.atomic():
        persons = [Person(kommune_id=kommune.pk, organisation=organisation,
                          sort_name=fold(f"{d.family_name} {d.given_names}")[:300],
                          facts=d.facts or {}, **{f: getattr(d, f) for f in fields}) for d in rows]
        Person.objects.bulk_create(persons, batch_size=2000)
        names, periods, tokens = [], [], []
        for person, d in zip(persons, rows, strict=True):
            names += [PersonName(kommune_id=kommune.pk, person=person, kind=kind,
                                 family_name=family, given_names=given)
                      for kind, family, given in d.other_names]
            periods += [StatusPeriod(kommune_id=kommune.pk, person=person, type=p["type"],
                                     legal_basis=p.get("legal_basis") or "", valid_from=p["from"],
                                     valid_to=p.get("to")) for p in d.status_periods or []]
            all_names = [d.family_name, d.given_names]
            all_names += [n for _k, family, given in d.other_names for n in (family, given)]
            tokens += [NameToken(kommune_id=kommune.pk, organisation_id=organisation.pk,
                                 person=person, code=code)
                       for code in sorted(name_codes(*all_names))]
        PersonName.objects.bulk_create(names, batch_size=5000)
        StatusPeriod.objects.bulk_create(periods, batch_size=5000)
        NameToken.objects.bulk_create(tokens, batch_size=5000)
    return time.perf_counter() - start


if __name__ == "__main__":
    os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")
    main()
