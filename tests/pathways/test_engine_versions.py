"""Law versions are selected by the evaluation date (spec §1, §2, part P (a))."""

from __future__ import annotations

import datetime as dt

from tests.pathways.engine_helpers import AS_OF, screen
from tests.pathways.test_engine_examples import amir, fatima, mamadou
from tests.pathways.test_engine_rules import AE_SINCE, tolerated, ts, with_

D = dt.date.fromisoformat


def test_104c_open_in_2023_and_closed_in_2026():
    build = tolerated("2016-01-01", declarations={"fdgo_signed": True})
    assert screen(build(), D("2023-06-01"))["AUFENTHG_104C"]["outcome"] == "ELIGIBLE_SOLL"
    assert screen(build(), D("2023-06-01"))["AUFENTHG_104C"]["version_id"] == "104c@2022"
    late = screen(build(), AS_OF)["AUFENTHG_104C"]
    assert (late["outcome"], late["version_id"]) == ("NOT_APPLICABLE", "104c@2025")


def test_stag_8_years_in_2023_5_years_today():
    build = with_(fatima, status_periods=AE_SINCE("2017-01-01"))
    old = screen(build(), D("2023-06-01"))["STAG_10"]
    assert old["version_id"] == "10@pre2024"
    assert old["earliest_date"] == "2025-01-01"
    assert screen(build(), D("2024-06-27"))["STAG_10"]["version_id"] == "10@2024"


def test_stag_3_year_route_only_between_2024_and_2025():
    build = with_(fatima, german=[{"cefr": "C1", "scope": "OVERALL", "date": "2024-01-01"}])
    assert screen(build(), D("2024-06-26"))["STAG_10_3"]["outcome"] == "NOT_APPLICABLE"
    assert screen(build(), D("2025-10-29"))["STAG_10_3"]["version_id"] == "10-3@2024"
    assert screen(build(), D("2025-10-30"))["STAG_10_3"]["outcome"] == "NOT_APPLICABLE"


def test_16g_not_before_march_2024():
    assert screen(amir(), D("2024-02-29"))["AUFENTHG_16G"]["outcome"] == "NOT_APPLICABLE"
    assert screen(amir(), D("2024-03-01"))["AUFENTHG_16G"]["version_id"] == "16g@2024"


def test_60d_version_switch_on_27_02_2024():
    assert screen(mamadou(), D("2024-02-26"))["AUFENTHG_60D"]["version_id"] == "60d@2020"
    assert screen(mamadou(), D("2024-02-27"))["AUFENTHG_60D"]["version_id"] == "60d@2024"
    assert "conflict:C5" in screen(mamadou(), D("2024-02-27"))["AUFENTHG_60D"]["flags"]


def test_25b_8_years_before_reform():
    build = tolerated("2016-01-01")
    assert screen(build(), D("2022-12-30"))["AUFENTHG_25B"]["earliest_date"] == "2024-01-01"
    assert screen(build(), D("2022-12-31"))["AUFENTHG_25B"]["outcome"] != "NOT_YET"


def test_stag_discretion_just_above_90():
    assert screen(with_(fatima, convictions=ts(95))())["STAG_10"]["outcome"] == "DISCRETION"
    assert screen(with_(fatima, convictions=ts(112))())["STAG_10"]["outcome"] == "EXCLUDED"
