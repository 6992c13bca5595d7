"""The JSON scenario format: German errors that name the field; round trip."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from lotse.appointments.simulation import (
    ScenarioError,
    example_scenario,
    parse_scenario,
    scenario_to_json,
)

EXAMPLE = Path("lotse/appointments/simulation/examples/abh-mittelstadt.json")
DOCS_EXAMPLE = Path("docs/examples/simulation-scenario.json")


def document():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def errors_of(doc) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    return info.value.errors


def test_example_round_trips():
    scenario = example_scenario()
    assert parse_scenario(scenario_to_json(scenario)) == scenario
    assert parse_scenario(json.loads(json.dumps(scenario_to_json(scenario)))) == scenario


def test_documented_example_is_valid():
    assert parse_scenario(json.loads(DOCS_EXAMPLE.read_text(encoding="utf-8"))).anliegen


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(days=0), "days: muss eine ganze Zahl von 1 bis 366 sein"),
        (
            lambda d: d["anliegen"][1].update(booked_share=1.5),
            "anliegen[1].booked_share: muss eine Zahl von 0 bis 1 sein",
        ),
        (
            lambda d: d["anliegen"][0]["service"].update(distribution="normal"),
            "anliegen[0].service.distribution: muss einer dieser Werte sein",
        ),
        (
            lambda d: d["anliegen"][0]["service"].pop("mean_min"),
            "anliegen[0].service.mean_min: muss eine Zahl von 0,1 bis 600 sein",
        ),
        (
            lambda d: d["opening_hours"].update(mo=["12:00-08:00"]),
            "opening_hours.mo[0]: muss ein Zeitraum wie",
        ),
        (
            lambda d: d["opening_hours"].update(di=["08:00-12:00", "11:00-13:00"]),
            "opening_hours.di: Zeiträume dürfen sich nicht überschneiden",
        ),
        (
            lambda d: d["desks"][0].update(serves=["eat_abholung", "gibt_es_nicht"]),
            'desks[0].serves: unbekanntes Anliegen "gibt_es_nicht"',
        ),
        (
            lambda d: d["desks"][0].update(count="sieben"),
            "desks[0].count: muss eine ganze Zahl von 0 bis 200 sein",
        ),
        (lambda d: d.update(format="etwas/2"), 'format: muss "lotse.simulation-scenario/1"'),
        (
            lambda d: d["booking"].update(min_lead_days=10, max_lead_days=5),
            "booking.max_lead_days: muss mindestens so groß sein wie min_lead_days",
        ),
        (
            lambda d: d["anliegen"].append(copy.deepcopy(d["anliegen"][0])),
            'anliegen: der Schlüssel "eat_abholung" kommt mehrfach vor',
        ),
    ],
)
def test_invalid_fields_are_named_in_german(change, expected):
    doc = document()
    change(doc)
    assert any(error.startswith(expected) for error in errors_of(doc)), errors_of(doc)


def test_all_errors_are_reported_at_once():
    doc = document()
    doc["days"] = -1
    doc["anliegen"][0]["visits_per_day"] = "viele"
    assert len(errors_of(doc)) == 2


def test_an_anliegen_nobody_serves_is_an_error():
    doc = document()
    doc["desks"][0]["serves"] = ["eat_abholung"]
    assert 'anliegen[1]: kein Schalter (stage "front") bedient "fiktion"' in errors_of(doc)


def test_not_an_object():
    assert errors_of([1, 2])[0].startswith("Szenario: muss ein Objekt")
