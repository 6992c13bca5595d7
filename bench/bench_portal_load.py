"""The public booking portal under load: gunicorn with 2 sync workers on PostgreSQL, loaded
from a second process over loopback (target: >= 300 requests/s without errors).

Loads the demo Kommunen (few persons: the portal reads no person data) into
`lotse_bench_portal`, starts `gunicorn lotse.wsgi -w 2`, then a separate load process opens
`--concurrency` client threads (a new connection per request, as sync workers close them) and
requests, for `--seconds` each, (1) the start page `/termine/` and (2) the free-times page of
one Anliegen `/termine/<location>/zeiten/?a=<id>`, then (3) the two mixed. Prints requests/s,
latency percentiles and errors (non-200 or connection failures) per page.

    .venv/bin/python bench/bench_portal_load.py [--seconds 15] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import _common as common

DB = "lotse_bench_portal"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    common.add_scale_argument(parser)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--load", nargs=4, metavar=("PORT", "SECONDS", "THREADS", "PATHS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.load:
        port, seconds, threads, paths = args.load
        print(
            "JSON:" + json.dumps(_load(int(port), float(seconds), int(threads), paths.split(",")))
        )
        return
    scale = common.scale_of(args.scale)
    report = common.Report(
        "portal_load",
        scale=scale,
        seconds=args.seconds,
        concurrency=args.concurrency,
        workers=args.workers,
    )
    with common.pg_lock(DB):
        common.pg_create_database(DB, drop=True)
        env = {
            **os.environ,
            "DATABASE_URL": common.pg_url(DB),
            "LOTSE_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "lotse.settings",
        }
        lotse = str(common.VENV_BIN / "lotse")
        subprocess.run([lotse, "migrate", "-v0"], env=env, check=True, cwd=common.PROJECT_DIR)
        subprocess.run(
            [lotse, "demo_data", "--persons", "20"],
            env=env,
            check=True,
            cwd=common.PROJECT_DIR,
            capture_output=True,
        )
        location_id, service_id = _ids(env)
        port = _free_port()
        server = subprocess.Popen(
            [
                str(common.VENV_BIN / "gunicorn"),
                "lotse.wsgi",
                "-w",
                str(args.workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=common.PROJECT_DIR,
        )
        try:
            _wait(port)
            pages = {
                "start": "/termine/",
                "times": f"/termine/{location_id}/zeiten/?a={service_id}",
            }
            # Warm up both workers (templates, translations, connections).
            _spawn_load(port, 2.0, 4, list(pages.values()))
            phases = [(name, [path]) for name, path in pages.items()]
            phases.append(("mixed", list(pages.values())))
            for name, paths in phases:
                cpu_before = _server_cpu_seconds(server.pid)
                result = _spawn_load(port, args.seconds, args.concurrency, paths)
                cpu = _server_cpu_seconds(server.pid) - cpu_before
                # CPU time of the workers per request: what the server needs without the
                # other processes of a shared machine (2 cores => 2000 / cpu_ms requests/s).
                cpu_ms = cpu * 1000 / max(result["requests"], 1)
                report.figure(
                    "portal_load",
                    page=name,
                    **result,
                    server_cpu_ms_per_request=cpu_ms,
                    rps_if_2_free_cores=2000 / cpu_ms if cpu_ms else 0.0,
                    target_rps=300,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        common.pg_drop_database(DB)
    report.note("server: gunicorn sync workers on PostgreSQL; load: one separate process")
    report.write()


def _server_cpu_seconds(master: int) -> float:
    """user+system CPU seconds of gunicorn's master and its worker processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid == master or ppid == master:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _ids(env: dict[str, str]) -> tuple[int, int]:
    code = (
        "import django;django.setup();"
        "from lotse.appointments.models import Location,Service;"
        "l=Location.objects.order_by('pk').first();"
        "s=Service.objects.filter(locations=l).order_by('pk').first();print(l.pk,s.pk)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=common.PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int) -> None:
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _spawn_load(port: int, seconds: float, threads: int, paths: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--load",
            str(port),
            str(seconds),
            str(threads),
            ",".join(paths),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON:"))
    return dict(json.loads(line[5:]))


def _load(port: int, seconds: float, threads: int, paths: list[str]) -> dict[str, Any]:
    """The load process: `threads` clients request the paths round robin for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        i = offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Accept-Language": "de"})
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != 200:
                    bad += 1
            except OSError:
                bad += 1
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.perf_counter()
    pool = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    stats = common.percentiles(latencies)
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": stats["p50"],
        "p95_ms": stats["p95"],
        "max_ms": stats["max"],
    }


if __name__ == "__main__":
    main()
