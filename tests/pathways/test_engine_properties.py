"""Engine properties: earliest_date is the first day without a time gap; results never depend
on the order of periods or list items in the input."""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.pathways.engine import screen_person
from lotse.pathways.engine.facts import Facts
from lotse.pathways.engine.law import versions_on
from lotse.pathways.engine.model import parse_person
from lotse.pathways.engine.outcome import TIME
from lotse.pathways.engine.screening import _evaluate

AS_OF = dt.date(2026, 11, 21)
D = dt.date.fromisoformat
KINDS = ["GESTATTUNG", "DULDUNG_60A", "DULDUNG_60A", "DULDUNG_60B", "DULDUNG_60C",
         "DULDUNG_60D", "AE", "AE"]
BASES = ["§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", "§ 25 Abs. 2 S. 1 Alt. 2 AufenthG",
         "§ 25b Abs. 1 AufenthG", "§ 18b AufenthG", "§ 25 Abs. 5 AufenthG"]


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@st.composite
def persons(draw: Any) -> dict[str, Any]:
    entry = draw(st.one_of(st.dates(min_value=D("2012-01-01"), max_value=D("2026-06-30")),
                           st.dates(min_value=D("2020-06-01"), max_value=D("2026-06-30"))))
    birth = draw(st.dates(min_value=D("1960-01-01"), max_value=D("2010-12-31")))
    birth = min(birth, entry)
    periods = []
    start = entry + dt.timedelta(days=draw(st.integers(0, 40)))
    for index in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(KINDS))
        length = draw(st.integers(30, 2000))
        last = index == 3 or draw(st.booleans())
        end = None if last else start + dt.timedelta(days=length)
        if end is not None and end >= AS_OF:
            end = None
        item: dict[str, Any] = {"type": kind, "from": iso(start), "to": iso(end)}
        if kind == "AE":
            item["legal_basis"] = draw(st.sampled_from(BASES))
        periods.append(item)
        if end is None:
            break
        start = end + dt.timedelta(days=draw(st.sampled_from([1, 1, 1, 20, 100, 400])))
        if start > AS_OF:
            break
    document: dict[str, Any] = {
        "id": "H", "date_of_birth": iso(birth), "entry_date": iso(entry),
        "nationalities": [draw(st.sampled_from(["AF", "AL", "IQ", "SY", "GM"]))],
        "status_periods": periods,
        "absences": [],
        "convictions": [],
        "conduct": {"own_deception": False, "own_deception_current": False,
                    "non_cooperation_current": False, "extremism": False,
                    "expulsion_order": False, "removal_measures": []},
        "employment_ban_60a6": False,
        "identity": {"clarified": draw(st.booleans()), "clarified_date": iso(entry)},
        "passport": {"held": True},
        "asylum": {"application_date": iso(entry), "outcome": draw(st.sampled_from(
            ["REJECTED", "RECOGNISED", "PENDING"]))},
        "german": [{"cefr": draw(st.sampled_from(["A1", "A2", "B1", "C1"])), "scope": "OVERALL",
                    "date": iso(entry)}],
        "civics": {"lid_test_passed": iso(entry) if draw(st.booleans()) else None},
        "declarations": {"fdgo_signed": True, "stag_declarations": True},
        "housing_sufficient": True,
        "pension_contribution_months": draw(st.integers(0, 100)),
        "household": {"partner_in_household": draw(st.booleans()), "minor_children": [
            {"date_of_birth": iso(draw(st.dates(min_value=D("2005-01-01"),
                                                max_value=D("2026-01-01")))),
             "in_household": True, "school_attendance_proven": True}
            for _ in range(draw(st.integers(0, 2)))]},
    }
    if draw(st.booleans()):
        job_start = draw(st.dates(min_value=entry, max_value=AS_OF))
        document["employment_periods"] = [{
            "from": iso(job_start), "to": None, "hours_per_week": draw(st.sampled_from(
                [15, 20, 30, 40])), "social_insurance": True, "qualified": draw(st.booleans()),
            "matches_qualification": False}]
        document["livelihood"] = {"secured": draw(st.booleans()),
                                  "own_share_percent": draw(st.sampled_from([40, 60, 100]))}
    else:
        document["employment_periods"] = []
        document["livelihood"] = {"secured": False, "benefits": [
            {"type": "SGB_II", "from": iso(entry), "to": None}]}
    if draw(st.booleans()):
        school_start = draw(st.dates(min_value=entry, max_value=AS_OF))
        document["school_periods"] = [{"from": iso(school_start), "to": None,
                                       "regular_attendance": True}]
        document["degrees"] = []
    if draw(st.booleans()):
        document["absences"] = [{"from": iso(entry + dt.timedelta(days=400)),
                                 "to": iso(entry + dt.timedelta(days=400 + draw(
                                     st.integers(5, 150))))}]
        if D(document["absences"][0]["to"]) >= AS_OF:
            document["absences"] = []
    return document


def time_gaps(document: dict[str, Any], day: dt.date) -> dict[str, bool]:
    f = Facts(parse_person(document), day)
    results = _evaluate(f, versions_on(day), {})
    return {k: any(c.cls == TIME for c in r.crits) for k, r in results.items()}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(persons())
def test_earliest_date_is_the_first_day_without_a_time_gap(document):
    output = screen_person(document, AS_OF)
    for result in output["results"]:
        if result["outcome"] != "NOT_YET":
            assert result["earliest_date"] is None
            continue
        earliest = D(result["earliest_date"])
        assert earliest > AS_OF
        assert time_gaps(document, earliest)[result["pathway"]] is False, result
        assert time_gaps(document, earliest - dt.timedelta(days=1))[result["pathway"]] is True


def _shuffled(document: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    copy_ = copy.deepcopy(document)
    for key in ("status_periods", "absences", "employment_periods", "school_periods",
                "german", "convictions"):
        if isinstance(copy_.get(key), list):
            rng.shuffle(copy_[key])
    children = copy_.get("household", {}).get("minor_children")
    if isinstance(children, list):
        rng.shuffle(children)
    return copy_


@settings(max_examples=100, deadline=None)
@given(persons(), st.integers(0, 10_000))
def test_results_do_not_depend_on_input_order(document, seed):
    document.setdefault("employment_periods", []).append(
        {"from": document["entry_date"], "to": None, "hours_per_week": 10,
         "social_insurance": False})
    document["convictions"] = [
        {"final_date": document["entry_date"], "sanction": "GELDSTRAFE", "tagessaetze": 20,
         "intentional": True, "foreigner_specific": True, "abroad": False},
        {"final_date": document["entry_date"], "sanction": "GELDSTRAFE", "tagessaetze": 40,
         "intentional": True, "foreigner_specific": False, "abroad": False}]
    assert screen_person(_shuffled(document, seed), AS_OF) == screen_person(document, AS_OF)


@settings(max_examples=60, deadline=None)
@given(persons())
def test_every_result_is_well_formed(document):
    output = screen_person(document, AS_OF)
    assert [r["pathway"] for r in output["results"]][0] == "AUFENTHG_25A"
    assert len(output["results"]) == 16
    for r in output["results"]:
        assert r["outcome"] in {"ELIGIBLE_CLAIM", "ELIGIBLE_SOLL", "DISCRETION", "NOT_YET",
                                "NOT_MET", "EXCLUDED", "NOT_APPLICABLE", "REVIEW", "UNKNOWN"}
        assert r["justification"].endswith(".")
        if r["outcome"] in ("NOT_MET", "EXCLUDED"):
            assert r["missing"], r
        if r["outcome"] == "UNKNOWN":
            assert r["unknown"], r


@st.composite
def workers(draw: Any) -> dict[str, Any]:
    """Geduldete with recent jobs and ended benefits: § 60d / § 25b time gaps."""
    entry = draw(st.dates(min_value=D("2016-01-01"), max_value=D("2022-12-31")))
    duldung = entry + dt.timedelta(days=draw(st.integers(30, 1500)))
    duldung = min(duldung, AS_OF)
    job = draw(st.dates(min_value=entry, max_value=AS_OF))
    benefit_end = draw(st.dates(min_value=entry, max_value=AS_OF))
    return {
        "id": "W", "date_of_birth": "1990-02-28", "entry_date": iso(entry),
        "nationalities": ["GM"],
        "status_periods": [{"type": "GESTATTUNG", "from": iso(entry),
                            "to": iso(duldung - dt.timedelta(days=1))},
                           {"type": draw(st.sampled_from(["DULDUNG_60A", "DULDUNG_60B"])),
                            "from": iso(duldung), "to": None}],
        "absences": [], "convictions": [], "employment_ban_60a6": False,
        "conduct": {"own_deception": False, "own_deception_current": False,
                    "non_cooperation_current": False, "extremism": False,
                    "expulsion_order": False, "removal_measures": []},
        "identity": {"clarified": True, "clarified_date": iso(entry)},
        "passport": {"held": True},
        "german": [{"cefr": "A2", "scope": "OVERALL", "date": iso(entry)}],
        "civics": {"lid_test_passed": iso(entry)}, "declarations": {"fdgo_signed": True},
        "household": {"partner_in_household": False, "minor_children": []},
        "employment_periods": [{"from": iso(job), "to": None, "hours_per_week": 30,
                                "social_insurance": True}],
        "livelihood": {"secured": True, "household_share_percent": 80, "benefits": [
            {"type": "SGB_II", "from": iso(entry), "to": iso(benefit_end)}]},
    }


@settings(max_examples=200, deadline=None)
@given(workers())
def test_earliest_date_property_for_workers(document):
    test_earliest_date_is_the_first_day_without_a_time_gap.hypothesis.inner_test(document)


def _variants(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document with each top-level field and each nested object field left out."""
    out = []
    for key, value in document.items():
        if key == "id":
            continue
        dropped = {k: v for k, v in document.items() if k != key}
        out.append(dropped)
        if isinstance(value, dict):
            for inner in value:
                changed = copy.deepcopy(document)
                del changed[key][inner]
                out.append(changed)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for inner in value[0]:
                changed = copy.deepcopy(document)
                del changed[key][0][inner]
                out.append(changed)
    return out


def test_missing_facts_never_crash_and_stay_well_formed():
    from tests.pathways.test_engine_examples import EXPECTED

    for _pid, build, _expected in EXPECTED:
        for document in _variants(build()):
            output = screen_person(document, AS_OF)
            assert len(output["results"]) == 16
            for result in output["results"]:
                if result["outcome"] == "UNKNOWN":
                    assert result["unknown"]
