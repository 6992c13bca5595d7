"""Shared helpers of the benchmarks in bench/ (not a benchmark itself: no `bench_` prefix).

Every benchmark runs standalone (`.venv/bin/python bench/bench_x.py`), generates its own data at
a stated scale, prints one line per figure (`name key=value ...`) and writes all figures plus
the environment to bench/results/<name>-<UTC timestamp>.json and bench/results/<name>-latest.json.

Scale: `--scale` on the command line, else the environment variable LOTSE_BENCH_SCALE, else 1.0.
Django must be configured through the environment *before* `django.setup()` because the
settings read DATABASE_URL and LOTSE_VAR_DIR at import: use `setup_django()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
VENV_BIN = PROJECT_DIR / ".venv" / "bin"

SCALE_ENV = "LOTSE_BENCH_SCALE"
PG_ENV = "LOTSE_BENCH_PG"  # server URL without database name
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
# The demo generator's reference day: fixed so generated data is the same on every run.
BENCH_TODAY = dt.date(2026, 1, 15)

if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))


def add_scale_argument(parser: Any) -> None:
    parser.add_argument("--scale", type=float, default=None,
                        help=f"fraction of the stated scale (default: ${SCALE_ENV} or 1.0)")


def scale_of(value: float | None) -> float:
    if value is not None:
        return value
    raw = os.environ.get(SCALE_ENV, "").strip()
    return float(raw) if raw else 1.0


def scaled(full: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(full * scale))


def pg_server_url() -> str:
    return os.environ.get(PG_ENV, PG_DEFAULT).rstrip("/")


def pg_url(database: str) -> str:
    return f"{pg_server_url()}/{database}"


def pg_conninfo(database: str) -> str:
    """psycopg wants postgresql://; Django's DATABASE_URL accepts both spellings."""
    url = pg_url(database)
    return "postgresql://" + url.split("://", 1)[1]


def setup_django(*, database_url: str | None = None, var_dir: str | None = None) -> None:
    """Point the settings at a database (None: SQLite in LOTSE_VAR_DIR) and set Django up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "lotse.settings"
    os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")
    if database_url is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = database_url
    if var_dir is not None:
        os.environ["LOTSE_VAR_DIR"] = var_dir
    import django

    django.setup()


def pg_admin() -> Any:
    import psycopg

    return psycopg.connect(pg_conninfo("postgres"), autocommit=True)


def pg_database_exists(name: str) -> bool:
    with pg_admin() as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return row is not None


def pg_create_database(name: str, *, drop: bool) -> None:
    from psycopg import sql

    with pg_admin() as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def pg_drop_database(name: str) -> None:
    from psycopg import sql

    with pg_admin() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                     .format(sql.Identifier(name)))


@contextmanager
def pg_lock(database: str) -> Iterator[None]:
    """Serialise runs that use the same benchmark database (another run would drop it under
    this one): a session advisory lock on the server, held until the block ends."""
    key = int(hashlib.sha256(f"lotse-bench:{database}".encode()).hexdigest()[:15], 16)
    conn = pg_admin()
    try:
        if not conn.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()[0]:
            print(f"# waiting for another benchmark run that uses {database}", flush=True)
            conn.execute("SELECT pg_advisory_lock(%s)", [key])
        yield
    finally:
        conn.close()  # ends the session and so releases the lock


def pg_version() -> str:
    try:
        with pg_admin() as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else ""
    except Exception as exc:  # noqa: BLE001 - only informative
        return f"unavailable ({exc.__class__.__name__})"


def percentiles(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/max/mean of a sample (linear interpolation between closest ranks)."""
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "max": float("nan"), "mean": float("nan")}
    ordered = sorted(values)

    def at(q: float) -> float:
        pos = (len(ordered) - 1) * q
        low = int(pos)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)

    return {"p50": at(0.50), "p95": at(0.95), "max": ordered[-1], "mean": statistics.fmean(ordered)}


def fmt(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "nan"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"
    return str(value)


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    box: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - start


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout
        return rev + ("+dirty" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _loadavg() -> list[float]:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return []


class Report:
    """Collects figures, prints one line per figure, writes the JSON result file."""

    def __init__(self, benchmark: str, *, scale: float, **meta: Any) -> None:
        self.benchmark = benchmark
        self.started = dt.datetime.now(dt.UTC)
        self.meta: dict[str, Any] = {"scale": scale, **meta}
        self.figures: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.details: dict[str, Any] = {}
        self.load_before = _loadavg()

    def figure(self, name: str, **fields: Any) -> None:
        """Print `name k=v ...` and keep the figure (floats rounded for print only)."""
        print(name + "".join(f" {key}={fmt(value)}" for key, value in fields.items()), flush=True)
        self.figures.append({"name": name, **fields})

    def note(self, text: str) -> None:
        print(f"# {text}", flush=True)
        self.notes.append(text)

    def write(self) -> Path:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        document = {
            "benchmark": self.benchmark,
            "started_at": self.started.isoformat(timespec="seconds"),
            "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "git": git_revision(),
            "host": {"python": platform.python_version(), "platform": platform.platform(),
                     "cpus": os.cpu_count(), "postgresql": pg_version(),
                     "loadavg_before": self.load_before, "loadavg_after": _loadavg()},
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "meta": self.meta,
            "figures": self.figures,
            "notes": self.notes,
            "details": self.details,
        }
        stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"{self.benchmark}-{stamp}.json"
        text = json.dumps(document, indent=2, default=str, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        (RESULTS_DIR / f"{self.benchmark}-latest.json").write_text(text, encoding="utf-8")
        print(f"# results: {path.relative_to(PROJECT_DIR)}", flush=True)
        return path
