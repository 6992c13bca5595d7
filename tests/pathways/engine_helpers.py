"""Shared helpers of the engine tests: input builders and the CLI code path."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from lotse.cli import main as lotse_main
from lotse.pathways.engine import screen_person

AS_OF = dt.date(2026, 11, 21)

CLEAN: dict[str, Any] = {
    "absences": [],
    "convictions": [],
    "pending_criminal_investigation": False,
    "employment_ban_60a6": False,
    "conduct": {
        "own_deception": False,
        "own_deception_current": False,
        "non_cooperation_current": False,
        "extremism": False,
        "expulsion_order": False,
        "removal_measures": [],
    },
    "passport": {"held": True, "valid_until": "2031-01-01"},
    "household": {"partner_in_household": False, "minor_children": []},
    "applications": [],
}


def person(pid: str, **facts: Any) -> dict[str, Any]:
    """A person with the spec's example conventions (no convictions, passport fine, clean
    conduct, no household) plus `facts`."""
    document = copy.deepcopy(CLEAN)
    document["id"] = pid
    document.update(facts)
    return document


def period(kind: str, start: str, end: str | None = None, basis: str | None = None) -> dict:
    item: dict[str, Any] = {"type": kind, "from": start, "to": end}
    if basis:
        item["legal_basis"] = basis
    return item


def run_cli(tmp_path: Path, document: Any, *args: str, as_of: str = "2026-11-21") -> tuple[
        int, str, str]:
    """Run `lotse screen` through lotse.cli.main exactly like the console would."""
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = lotse_main(["screen", "--as-of", as_of, str(path), *args])
    return code, out.getvalue(), err.getvalue()


def screen_cli(tmp_path: Path, document: Any, as_of: str = "2026-11-21") -> dict[str, Any]:
    code, out, err = run_cli(tmp_path, document, as_of=as_of)
    assert code == 0, err
    return json.loads(out)


def results_of(output: dict[str, Any], index: int = 0) -> dict[str, dict[str, Any]]:
    return {r["pathway"]: r for r in output["persons"][index]["results"]}


def screen(document: dict[str, Any], as_of: dt.date = AS_OF) -> dict[str, dict[str, Any]]:
    return {r["pathway"]: r for r in screen_person(document, as_of)["results"]}
