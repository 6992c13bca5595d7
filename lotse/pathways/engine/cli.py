"""`lotse screen` and `lotse rules` – pure sub-commands, no Django start-up.

    lotse screen --as-of YYYY-MM-DD FILE.json [--format json|table]
    lotse rules list

Exit codes: 0 success, 2 invalid input or usage (errors on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from lotse.pathways.engine.law import VERSIONS
from lotse.pathways.engine.rules import RULE_BASE_VERSION, rules
from lotse.pathways.engine.screening import ScreeningInputError, screen_document

EXIT_OK = 0
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse exits with 2 by default – keep, but German
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Fehler: {message}\n")
        raise SystemExit(EXIT_INVALID)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} ist kein Datum JJJJ-MM-TT") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lotse", description="Bleibeperspektiven-Screening (Hinweis, keine "
                     "Entscheidung)")
    sub = parser.add_subparsers(dest="command", required=True)
    screen = sub.add_parser("screen", help="Eingabedatei prüfen")
    screen.add_argument("--as-of", required=True, type=_date, help="Stichtag JJJJ-MM-TT")
    screen.add_argument("--format", choices=("json", "table"), default="json")
    screen.add_argument("file", help="Eingabedatei (lotse.screening-input/1)")
    rules_cmd = sub.add_parser("rules", help="Regelbasis anzeigen")
    rules_cmd.add_argument("action", choices=("list",))
    return parser


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "rules":
        _print_rules(out)
        return EXIT_OK
    try:
        with open(args.file, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        err.write(f"Datei nicht lesbar: {exc}\n")
        return EXIT_INVALID
    except json.JSONDecodeError as exc:
        err.write(f"Kein gültiges JSON: {exc}\n")
        return EXIT_INVALID
    try:
        result = screen_document(document, args.as_of)
    except ScreeningInputError as exc:
        for error in exc.errors:
            err.write(f"{error}\n")
        return EXIT_INVALID
    if args.format == "json":
        json.dump(result, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_table(result, out)
    return EXIT_OK


def _print_table(result: dict[str, Any], out: TextIO) -> None:
    out.write(f"Stichtag {result['as_of']} – Regelbasis {result['rule_base']}\n")
    for person in result["persons"]:
        out.write(f"\nPerson {person['id']}\n")
        out.write(f"{'Weg':<21} {'Ergebnis':<15} {'frühestens':<11} fehlt\n")
        for r in person["results"]:
            missing = ", ".join(r["missing"]) or ("Angaben: " + ", ".join(r["unknown"])
                                                  if r["unknown"] else "")
            out.write(f"{r['pathway']:<21} {r['outcome']:<15} {r['earliest_date'] or '':<11} "
                      f"{missing}\n")
        for item in person["not_evaluated"]:
            out.write(f"  nicht geprüft: {item['norm']} – {item['hint']}\n")


def _print_rules(out: TextIO) -> None:
    out.write(f"Regelbasis {RULE_BASE_VERSION}\n")
    for rule in rules():
        valid = f"{rule.valid_from or '…'} – {rule.valid_to or 'offen'}"
        out.write(f"{rule.id:<10} {rule.pathway:<18} {rule.type:<9} {rule.norm} | {valid} | "
                  f"Quellen: {', '.join(rule.sources) or '–'} | {rule.verification} | "
                  f"{rule.description}\n")
    out.write("\nFassungen (Auswahl nach Stichtag)\n")
    for v in VERSIONS:
        out.write(f"{v.id:<14} {v.pathway:<18} {v.norm} | {v.valid_from} – {v.valid_to or 'offen'}"
                  f" | {v.consequence} | {v.law} | {v.verification}\n")
