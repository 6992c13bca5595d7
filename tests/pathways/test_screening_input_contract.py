import datetime as dt
import json
from pathlib import Path

import pytest

from lotse.contracts.screening_input import validate_document, validate_person

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "screening-input.md"


def _contract_example() -> dict:
    text = CONTRACT.read_text(encoding="utf-8")
    block = text.split("```json", 1)[1].split("```", 1)[0]
    return json.loads(block)


@pytest.mark.skipif(not CONTRACT.exists(), reason="../shared not beside the checkout")
def test_the_contract_example_is_valid():
    assert validate_person(_contract_example(), as_of=dt.date(2026, 11, 21)) == []


def test_unknown_field_is_named():
    errors = validate_person({"id": "P1", "date_of_brith": "2000-01-01"})
    assert [(e.path, e.message) for e in errors] == [("date_of_brith", "unbekanntes Feld")]


def test_nested_unknown_field_has_its_path():
    errors = validate_person(
        {"id": "P1", "status_periods": [{"type": "AE", "from": "2020-01-01", "to": None, "bis": 1}]}
    )
    assert errors[0].path == "status_periods[0].bis"


def test_impossible_date_is_rejected():
    errors = validate_person({"id": "P1", "entry_date": "2023-02-30"})
    assert errors[0].path == "entry_date"
    assert "kein gültiges Datum" in errors[0].message


def test_past_fact_after_as_of_is_rejected_but_plans_are_allowed():
    as_of = dt.date(2026, 1, 1)
    assert (
        validate_person({"id": "P", "entry_date": "2026-05-01"}, as_of=as_of)[0].path
        == "entry_date"
    )
    assert (
        validate_person({"id": "P", "training": {"planned_end": "2028-01-31"}}, as_of=as_of) == []
    )


def test_period_ending_before_it_starts():
    errors = validate_person({"id": "P", "absences": [{"from": "2020-05-01", "to": "2020-04-01"}]})
    assert errors[0].path == "absences[0].to"


def test_enum_and_types():
    errors = validate_person(
        {
            "id": "P",
            "german": [{"cefr": "B3", "scope": "ORAL", "date": "2020-01-01"}],
            "ba_consent": "yes",
            "pension_contribution_months": -1,
        }
    )
    assert {e.path for e in errors} == {
        "german[0].cefr",
        "ba_consent",
        "pension_contribution_months",
    }


def test_wrapped_document_checks_format_and_each_person():
    document = {"format": "lotse.screening-input/1", "persons": [{"id": "A"}, {"id": "B", "x": 1}]}
    assert [e.path for e in validate_document(document)] == ["persons[1].x"]
    assert [e.path for e in validate_document({"format": "other", "persons": []})] == ["format"]


def test_missing_id_is_an_error():
    assert [e.path for e in validate_person({})] == ["id"]
