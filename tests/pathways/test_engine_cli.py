"""`lotse screen` / `lotse rules` through lotse.cli.main, and the public interface."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

from lotse.cli import main as lotse_main
from lotse.contracts.screening_input import PATHWAY_IDS, FieldError
from lotse.pathways.engine import (
    RULE_BASE_VERSION,
    RuleInfo,
    ScreeningInputError,
    missing_steps,
    rules,
    screen_document,
    screen_person,
)
from tests.pathways.engine_helpers import AS_OF, run_cli, screen
from tests.pathways.test_engine_examples import amir, kemal, yusuf

ENGINE = Path(__file__).resolve().parents[2] / "lotse" / "pathways" / "engine"


def test_screen_json_output_shape(tmp_path):
    code, out, err = run_cli(tmp_path, amir())
    assert (code, err) == (0, "")
    output = json.loads(out)
    assert set(output) == {"format", "as_of", "rule_base", "persons"}
    assert output["rule_base"] == RULE_BASE_VERSION
    person = output["persons"][0]
    assert set(person) == {"id", "results", "not_evaluated"}
    assert [r["pathway"] for r in person["results"]] == list(PATHWAY_IDS)
    for result in person["results"]:
        assert set(result) == {"pathway", "norm", "version_id", "outcome", "legal_consequence",
                               "earliest_date", "deadlines", "missing", "unknown", "flags",
                               "criteria", "justification"}
        for criterion in result["criteria"]:
            assert set(criterion) == {"rule_id", "status", "type", "inputs", "verification"}
    norms = [n["norm"] for n in person["not_evaluated"]]
    assert norms == ["§ 25 Abs. 5 AufenthG", "§ 23a AufenthG", "§ 19c, § 18a, § 18b AufenthG"]


def test_screen_table_format(tmp_path):
    code, out, _err = run_cli(tmp_path, amir(), "--format", "table")
    assert code == 0
    assert "AUFENTHG_25B" in out and "NOT_YET" in out and "2027-09-01" in out


def test_unknown_field_exits_2_and_names_the_field(tmp_path):
    document = amir()
    document["date_of_brith"] = "2000-01-01"
    code, out, err = run_cli(tmp_path, document)
    assert code == 2 and out == ""
    assert "date_of_brith: unbekanntes Feld" in err


def test_impossible_date_exits_2(tmp_path):
    document = amir()
    document["entry_date"] = "2021-02-30"
    code, _out, err = run_cli(tmp_path, document)
    assert code == 2 and "entry_date" in err


def test_past_fact_after_as_of_is_rejected(tmp_path):
    code, _out, err = run_cli(tmp_path, amir(), as_of="2021-01-01")
    assert code == 2 and "liegt nach dem Stichtag" in err


def test_bad_json_and_missing_file_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert lotse_main(["screen", "--as-of", "2026-11-21", str(bad)]) == 2
        assert lotse_main(["screen", "--as-of", "2026-11-21", str(tmp_path / "no.json")]) == 2
        assert lotse_main(["screen", "--as-of", "2026-13-01", str(bad)]) == 2
    assert "Kein gültiges JSON" in err.getvalue()


def test_rules_list_prints_every_rule():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert lotse_main(["rules", "list"]) == 0
    text = out.getvalue()
    for rule in rules():
        assert rule.id in text
    assert "R25B-02" in text and "2015-08-01" in text and "VERIFIED" in text


def test_rules_are_frozen_dataclasses_with_dates():
    all_rules = rules()
    assert len(all_rules) > 100
    assert len({r.id for r in all_rules}) == len(all_rules)
    rule = next(r for r in all_rules if r.id == "R10-FT")
    assert isinstance(rule, RuleInfo) and dataclasses.is_dataclass(rule)
    assert (rule.valid_from, rule.valid_to) == (dt.date(2024, 6, 27), dt.date(2025, 10, 29))
    fields = {f.name for f in dataclasses.fields(RuleInfo)}
    assert {"id", "pathway", "norm", "type", "inputs", "sources", "verification", "valid_from",
            "valid_to", "description"} <= fields
    assert {r.pathway for r in all_rules} == set(PATHWAY_IDS)


def test_screen_document_raises_with_field_errors():
    try:
        screen_document({"id": "X", "nationalities": ["afg"]}, AS_OF)
    except ScreeningInputError as exc:
        assert isinstance(exc, ValueError)
        assert [e.path for e in exc.errors] == ["nationalities[0]"]
        assert all(isinstance(e, FieldError) for e in exc.errors)
    else:
        raise AssertionError("no error")


def test_screen_person_single_object():
    output = screen_person(amir(), AS_OF)
    assert output["id"] == "P01" and len(output["results"]) == 16


def test_missing_facts_are_unknown_never_guessed():
    result = screen({"id": "E"})["AUFENTHG_25B"]
    assert result["outcome"] == "UNKNOWN"
    assert "status_periods" in result["unknown"]


def test_missing_steps():
    results = screen(yusuf())
    steps = missing_steps(results["AUFENTHG_25B"])
    assert "A2-Nachweis (mündlich) erbringen" in steps
    assert "Test Leben in Deutschland bestehen und Bekenntnis zur FDGO abgeben" in steps
    assert "Beschäftigung mit mindestens 20 Wochenstunden aufnehmen" in \
        missing_steps(results["AUFENTHG_60D"])
    no_passport = amir()
    no_passport["passport"] = {"held": False}
    assert "Pass beschaffen" in missing_steps(screen(no_passport)["AUFENTHG_16G"])
    waiting = missing_steps(screen(amir())["AUFENTHG_25B"])
    assert "Erforderliche Zeit abwarten (frühestens am 01.09.2027)" in waiting
    assert missing_steps(screen(kemal())["AUFENTHG_25B"]) == []


def test_no_django_anywhere_in_the_engine():
    for path in ENGINE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
    code = ("import sys, lotse.pathways.engine, lotse.pathways.engine.cli; "
            "assert 'django' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_justification_dates_are_german():
    result = screen(amir())["AUFENTHG_25B"]
    assert "01.09.2027" in result["justification"]
    assert "2027-09-01" not in result["justification"]


def test_screen_batch_matches_screen_person():
    from lotse.pathways.engine import screen_batch

    documents = [amir(), kemal(), yusuf()]
    expected = [screen_person(d, AS_OF) for d in documents]
    assert screen_batch(documents, AS_OF) == expected
    assert screen_batch(documents, AS_OF, processes=2, chunksize=1) == expected
