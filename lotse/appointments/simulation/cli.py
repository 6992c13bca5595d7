"""`lotse simulate` – run a scenario file without Django.

    lotse simulate SCENARIO.json [--replications N] [--seed S] [--days D] [--format json|table]

Exit codes: 0 success, 2 invalid input or usage (German errors on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from lotse.appointments.simulation.compare import minutes, num
from lotse.appointments.simulation.results import ScenarioResult
from lotse.appointments.simulation.run import simulate
from lotse.appointments.simulation.scenario_json import (
    MAX_DAYS,
    MAX_REPLICATIONS,
    ScenarioError,
    parse_scenario,
)
from lotse.appointments.simulation.stats import Estimate

EXIT_OK = 0
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Fehler: {message}\n")
        raise SystemExit(EXIT_INVALID)


def _bounded(low: int, high: int) -> Any:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{value!r}: erwartet ganze Zahl {low} bis {high}")
        return number

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lotse simulate", description="Simulation eines Frontoffice")
    parser.add_argument("file", help="Szenario (lotse.simulation-scenario/1, JSON)")
    parser.add_argument("--replications", type=_bounded(1, MAX_REPLICATIONS), default=None)
    parser.add_argument("--seed", type=_bounded(0, 2**31 - 1), default=None)
    parser.add_argument("--days", type=_bounded(1, MAX_DAYS), default=None)
    parser.add_argument("--format", choices=("json", "table"), default="table")
    return parser


def _estimate(value: Estimate) -> dict[str, Any]:
    return {"mean": value.mean, "low": value.low, "high": value.high, "n": value.n}


def result_to_json(result: ScenarioResult) -> dict[str, Any]:
    """The aggregate figures with their intervals, and every replication's raw figures."""
    data: dict[str, Any] = {"scenario": result.scenario_name, "desks": result.desks}
    for name, value in vars(result).items():
        if isinstance(value, Estimate):
            data[name] = _estimate(value)
    data["utilisation"] = {k: _estimate(v) for k, v in result.utilisation.items()}
    data["wait_mean_by_anliegen"] = {
        k: _estimate(v) for k, v in result.wait_mean_by_anliegen.items()
    }
    data["queue_by_time"] = [
        {"time": label, **_estimate(value)}
        for label, value in zip(result.queue_labels, result.queue_by_time, strict=True)
    ]
    data["replications"] = [asdict(run) for run in result.replications]
    return data


def _interval(value: Estimate, show: Callable[[float], str] = minutes) -> str:
    width = value.half_width
    if width is None:
        return show(value.mean)
    low, high = show(value.mean - width), show(value.mean + width)
    return f"{show(value.mean)} (95 %-KI {low} – {high})"


def _table(result: ScenarioResult, out: TextIO) -> None:
    rows = [
        ("Szenario", result.scenario_name),
        ("Wiederholungen", str(result.wait_mean.n)),
        ("Schalter", str(result.desks)),
        ("Mittlere Wartezeit (min)", _interval(result.wait_mean)),
        ("90 %-Wartezeit (min)", _interval(result.wait_p90)),
        ("Bediente je Tag", _interval(result.served_per_day, lambda v: num(v, 1))),
        ("Nicht erschienen je Tag", _interval(result.no_shows_per_day, lambda v: num(v, 1))),
        ("Unbedient nach Hause je Tag", _interval(result.left_per_day, lambda v: num(v, 1))),
        ("Auslastung (%)", _interval(result.utilisation_total, lambda v: num(v * 100))),
        ("Vorlaufzeit Termine (Tage)", _interval(result.lead_time_mean, lambda v: num(v, 1))),
        ("Backoffice-Rückstand", _interval(result.back_office_backlog, lambda v: num(v))),
    ]
    rows += [
        (f"Auslastung {name} (%)", _interval(value, lambda v: num(v * 100)))
        for name, value in result.utilisation.items()
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.write(f"{label.ljust(width)}  {value}\n")


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args_list = list(argv)[1:] if argv and argv[0] == "simulate" else list(argv)
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        with open(args.file, encoding="utf-8") as handle:
            document = json.load(handle)
        scenario = parse_scenario(document)
    except OSError as exc:
        err.write(f"Datei nicht lesbar: {exc}\n")
        return EXIT_INVALID
    except json.JSONDecodeError as exc:
        err.write(f"Kein gültiges JSON: {exc}\n")
        return EXIT_INVALID
    except ScenarioError as exc:
        err.writelines(f"{error}\n" for error in exc.errors)
        return EXIT_INVALID
    result = simulate(scenario, replications=args.replications, seed=args.seed, days=args.days)
    if args.format == "json":
        json.dump(result_to_json(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _table(result, out)
    return EXIT_OK
