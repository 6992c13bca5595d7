"""`make demo` from nothing: install, messages, migrate, collectstatic, demo data, server ready.

What it does
  1. Copies the working tree (the files git would see: tracked and untracked, not ignored) to
     a temp directory: a stand-in for a fresh clone that includes uncommitted work.
  2. Phase `install` (skip with --no-install): `make install` in the copy, i.e. a new venv with
     `python3.11 -m venv`, pip upgrade and `pip install -e '.[test]'`, as a user's first
     `make demo` does. pip runs with this machine's configuration (its cache and wheel
     mirrors), so a first install on a clean laptop that downloads everything takes longer.
     Without it, the project's .venv runs the copy via PYTHONPATH.
  3. The steps of `make demo` (Makefile + scripts/demo.sh), each timed, with a fresh SQLite
     database (LOTSE_VAR_DIR=<tmp>/var): `messages` (scripts/compile_messages.py),
     `lotse migrate`, `lotse collectstatic`, `lotse demo-data --persons 2000 --seed 1`
     (2,000 persons per Kommune, two Kommunen), then gunicorn as demo.sh starts it on a free
     port; `ready` is the time until GET /anmelden/ answers 200. The server is then stopped.
Target: <= 3 minutes from a fresh clone (install included).
Scale: --scale / LOTSE_BENCH_SCALE multiplies --persons (default 2000).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import _common as common

FULL_PERSONS = 2000
TARGET_S = 180.0
READY_TIMEOUT_S = 120.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--persons", type=int, default=None, help="persons per Kommune")
    parser.add_argument("--no-install", action="store_true",
                        help="skip `make install` into a fresh venv (use the project's .venv)")
    parser.add_argument("--python", default=os.environ.get("PYTHON", "python3.11"))
    parser.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = parser.parse_args()

    scale = common.scale_of(args.scale)
    persons = args.persons or common.scaled(FULL_PERSONS, scale, minimum=10)
    install = not args.no_install
    report = common.Report("demo", scale=scale, persons_per_kommune=persons, install=install,
                           target_s=TARGET_S)
    workdir = Path(tempfile.mkdtemp(prefix="lotse-bench-demo-"))
    phases: dict[str, float] = {}
    try:
        tree = workdir / "lotse"
        with common.stopwatch() as took:
            files = _copy_tree(tree)
        report.note(f"copied {files} files of the working tree in {took['s']:.1f} s (not counted)")
        env = {k: v for k, v in os.environ.items()
               if k not in {"DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH"}}
        env.update(DJANGO_SETTINGS_MODULE="lotse.settings", LOTSE_VAR_DIR=str(workdir / "var"),
                   LOTSE_LOG_LEVEL="WARNING", PYTHON=args.python)
        if install:
            phases["install"] = _run(["make", "install"], tree, env)
            bin_dir = tree / ".venv" / "bin"
        else:
            bin_dir = common.VENV_BIN
            env["PYTHONPATH"] = str(tree)  # the copy's code before the editable install's
        python, lotse = str(bin_dir / "python"), str(bin_dir / "lotse")
        where = subprocess.run([python, "-c", "import lotse; print(lotse.__file__)"], cwd=tree,
                               env=env, capture_output=True, text=True, check=True).stdout.strip()
        if not where.startswith(str(tree)):
            raise SystemExit(f"the copy is not the code that runs: {where}")
        phases["messages"] = _run([python, "scripts/compile_messages.py"], tree, env)
        phases["migrate"] = _run([lotse, "migrate", "--no-input", "-v0"], tree, env)
        phases["collectstatic"] = _run([lotse, "collectstatic", "--no-input", "-v0"], tree, env)
        phases["demo_data"] = _run([lotse, "demo-data", "--persons", str(persons), "--seed", "1"],
                                   tree, env)
        phases["ready"] = _serve_until_ready(bin_dir, tree, env, workdir)
    finally:
        if args.keep:
            report.note(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    total = sum(phases.values())
    for phase, seconds in phases.items():
        report.figure("demo_phase", phase=phase, wall_s=seconds)
    report.figure("demo", persons_per_kommune=persons, install=int(install), total_s=total,
                  without_install_s=total - phases.get("install", 0.0), target_s=TARGET_S)
    report.write()


def _copy_tree(target: Path) -> int:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=common.PROJECT_DIR, capture_output=True, check=True).stdout
    count = 0
    for name in filter(None, listed.decode().split("\0")):
        if name.startswith("bench/results/"):
            continue
        source = common.PROJECT_DIR / name
        if not source.is_file():
            continue  # deleted in the working tree
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
        count += 1
    return count


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n"
                         f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_until_ready(bin_dir: Path, cwd: Path, env: dict[str, str], workdir: Path) -> float:
    """gunicorn as scripts/demo.sh starts it; seconds until GET /anmelden/ gives 200."""
    port = _free_port()
    log = (workdir / "gunicorn.log").open("w")
    command = [str(bin_dir / "gunicorn"), "lotse.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", env.get("LOTSE_WORKERS", "2"), "--threads", "4"]
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        while True:
            try:
                url = f"http://127.0.0.1:{port}/anmelden/"
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.perf_counter() - start > READY_TIMEOUT_S:
                log.flush()
                raise SystemExit("gunicorn did not answer 200 on /anmelden/:\n"
                                 + (workdir / "gunicorn.log").read_text()[-3000:])
            time.sleep(0.05)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the session started above: gunicorn and workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
