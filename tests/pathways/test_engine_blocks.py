"""Shared building blocks (Duldung months, 50/90 rule, § 12a StAG) – unit and property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.pathways.engine.facts import Facts
from lotse.pathways.engine.model import parse_person
from lotse.pathways.engine.pathways_permanent import stag_convictions

D = dt.date.fromisoformat
AS_OF = D("2026-11-21")


def facts(document: dict[str, Any], as_of: dt.date = AS_OF) -> Facts:
    return Facts(parse_person({"id": "T", **document}), as_of)


# ---- Duldung months (§ 60b Abs. 5 S. 1) -------------------------------------------------------

def duldung(*periods: tuple[str, str, str | None]) -> dict[str, Any]:
    return {"status_periods": [{"type": t, "from": f, "to": e} for t, f, e in periods]}


def test_12_months_day_before_and_day_of():
    doc = duldung(("DULDUNG_60A", "2025-11-21", None))
    assert facts(doc, D("2026-11-20")).duldung_met_on(12)[0] == D("2026-11-21")
    assert facts(doc, D("2026-11-21")).duldung_met_on(12)[0] == D("2026-11-21")


def test_60b_days_are_not_counted_but_do_not_break_the_chain():
    doc = duldung(("DULDUNG_60A", "2024-01-01", "2024-06-30"),
                  ("DULDUNG_60B", "2024-07-01", "2025-06-30"),
                  ("DULDUNG_60A", "2025-07-01", None))
    met_on, start = facts(doc).duldung_met_on(12)
    assert start == D("2024-01-01")
    # 182 days credited from the first 60A period; the rest from 01.07.2025.
    assert met_on == D("2026-07-01") - dt.timedelta(days=182)


def test_gap_without_duldung_breaks_the_chain():
    doc = duldung(("DULDUNG_60A", "2023-01-01", "2023-12-31"),
                  ("GESTATTUNG", "2024-01-01", "2024-03-31"),
                  ("DULDUNG_60A", "2024-04-01", None))
    assert facts(doc).duldung_met_on(12) == (D("2025-04-01"), D("2024-04-01"))


@st.composite
def duldung_chains(draw: Any) -> dict[str, Any]:
    start = draw(st.dates(min_value=D("2018-01-01"), max_value=D("2026-06-01")))
    periods = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["DULDUNG_60A", "DULDUNG_60B", "DULDUNG_60C"]))
        end = start + dt.timedelta(days=draw(st.integers(10, 500)))
        periods.append((kind, start.isoformat(), end.isoformat()))
        start = end + dt.timedelta(days=1)
    kind, first, _end = periods[-1]
    periods[-1] = (kind, first, None)
    return duldung(*periods)


@settings(max_examples=200, deadline=None)
@given(duldung_chains(), st.sampled_from([3, 12, 18]))
def test_duldung_met_on_is_the_first_day_the_months_are_reached(doc, months):
    met_on, _start = facts(doc).duldung_met_on(months)
    if met_on is None:
        return
    at, _ = facts(doc, max(met_on, AS_OF)).duldung_met_on(months)
    assert at == met_on
    if met_on > AS_OF:
        before, _ = facts(doc, met_on - dt.timedelta(days=1)).duldung_met_on(months)
        assert before == met_on  # still in the future the day before


# ---- 50/90 rule -------------------------------------------------------------------------------

def geldstrafe(days: int | None, foreign: bool | None = False, **more: Any) -> dict[str, Any]:
    return {"final_date": "2024-01-01", "sanction": "GELDSTRAFE", "tagessaetze": days,
            "foreigner_specific": foreign, "intentional": True, "abroad": False, **more}


def state(*convictions: dict[str, Any]) -> str:
    return facts({"convictions": list(convictions)}).convictions_5090()[0]


def test_fifty_ninety_thresholds():
    assert state(geldstrafe(50)) == "ok"
    assert state(geldstrafe(51)) == "over"
    assert state(geldstrafe(90, True)) == "ok"
    assert state(geldstrafe(91, True)) == "over"
    assert state(geldstrafe(25), geldstrafe(25)) == "ok"
    assert state(geldstrafe(25), geldstrafe(26)) == "over"


def test_fifty_ninety_special_cases():
    assert state(geldstrafe(40), geldstrafe(30, True)) == "mixed"
    assert state(geldstrafe(200, intentional=False)) == "ok"
    assert state(geldstrafe(200, abroad=True)) == "ok"
    assert state(geldstrafe(None)) == "unknown"
    assert state(geldstrafe(60, None)) == "unknown"  # 60 is fine only if foreigner-specific
    assert state({"final_date": "2024-01-01", "sanction": "JGG_MASSNAHME"}) == "ok"
    assert state({"final_date": "2024-01-01", "sanction": "JUGENDSTRAFE", "months": 6,
                  "intentional": True}) == "over"
    assert facts({}).convictions_5090()[0] == "unknown"


@given(st.lists(st.tuples(st.integers(1, 120), st.booleans()), max_size=4))
def test_fifty_ninety_property(items):
    convictions = [geldstrafe(days, foreign) for days, foreign in items]
    general = sum(d for d, f in items if not f)
    foreign = sum(d for d, f in items if f)
    result = state(*convictions)
    if general > 50 or foreign > 90:
        assert result == "over"
    elif general and foreign and general + foreign > 50:
        assert result == "mixed"
    else:
        assert result == "ok"


# ---- § 12a StAG -------------------------------------------------------------------------------

def stag(*convictions: dict[str, Any]) -> str:
    return stag_convictions(facts({"convictions": list(convictions)}))[0]


def test_stag_bagatelle_thresholds():
    assert stag(geldstrafe(90, hate_motive=False)) == "ok"
    assert stag(geldstrafe(91, hate_motive=False)) == "slight"
    assert stag(geldstrafe(111, hate_motive=False)) == "slight"
    assert stag(geldstrafe(112, hate_motive=False)) == "over"
    assert stag(geldstrafe(10, hate_motive=True)) == "hate"
    assert stag(geldstrafe(10)) == "unknown"  # hate motive not stated


def test_stag_suspended_short_prison_counts_as_days():
    prison = {"final_date": "2024-01-01", "sanction": "FREIHEITSSTRAFE", "months": 2,
              "suspended": True, "remitted": True, "hate_motive": False}
    assert stag(prison) == "ok"
    assert stag(prison, geldstrafe(30, hate_motive=False)) == "ok"
    assert stag(prison, geldstrafe(31, hate_motive=False)) == "slight"
    assert stag({**prison, "remitted": False}) == "over"
    assert stag({**prison, "months": 4}) == "over"


@given(st.lists(st.integers(1, 60), max_size=4))
def test_stag_sum_property(days):
    result = stag(*(geldstrafe(d, hate_motive=False) for d in days))
    total = sum(days)
    expected = "ok" if total <= 90 else "slight" if total <= 111 else "over"
    assert result == expected
