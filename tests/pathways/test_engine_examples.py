"""Every worked example of spec §7 (reference date 2026-11-21), through the CLI's code path.

Where the spec's own tables contradict each other the test pins the engine's consistent
reading and says so (see the report): P03/P14 list § 10 StAG as N/A while P01 gives NOT_MET
for the same situation; P08/P24 list § 60d as N/A while P07 gives NOT_MET for an unemployed
Geduldeter; P04's § 25b Abs. 6 row needs a § 60d Duldung not yet granted.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.pathways.engine_helpers import period, person, results_of, screen_cli

NO_CRIMES: dict[str, Any] = {}


def amir() -> dict[str, Any]:
    return person(
        "P01", date_of_birth="2006-04-12", nationalities=["AF"], entry_date="2021-09-01",
        status_periods=[period("GESTATTUNG", "2021-09-06", "2023-10-10"),
                        period("DULDUNG_60A", "2023-10-11", "2024-07-31"),
                        period("DULDUNG_60C", "2024-08-01")],
        asylum={"application_date": "2021-09-06", "final_date": "2023-10-10",
                "outcome": "REJECTED"},
        identity={"clarified": True, "clarified_date": "2022-01-20", "method": "PASSPORT"},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2024-06-30"}],
        school_periods=[{"from": "2021-10-04", "to": "2024-06-30", "regular_attendance": True}],
        degrees=[{"type": "SCHULABSCHLUSS", "country": "DE", "date": "2024-06-30"}],
        training={"kind": "QUALIFIED", "occupation": "Kfz-Mechatroniker", "start": "2024-08-01",
                  "planned_end": "2028-01-31"},
        livelihood={"secured": False, "bafoeg_benchmark_met": False,
                    "benefits": [{"type": "SGB_II", "from": "2024-08-01", "to": None}]},
    )


def kemal() -> dict[str, Any]:
    return person(
        "P03", date_of_birth="1985-07-01", nationalities=["IQ"], entry_date="2022-03-15",
        status_periods=[period("GESTATTUNG", "2022-03-20", "2023-08-31"),
                        period("DULDUNG_60A", "2023-09-01")],
        asylum={"application_date": "2022-03-20", "final_date": "2023-08-31",
                "outcome": "REJECTED"},
        household={"partner_in_household": True, "minor_children": [
            {"date_of_birth": "2015-02-10", "in_household": True,
             "school_attendance_proven": True},
            {"date_of_birth": "2018-09-05", "in_household": True,
             "school_attendance_proven": True}]},
        employment_periods=[{"from": "2023-06-01", "to": None, "hours_per_week": 40,
                             "social_insurance": True, "qualified": False}],
        livelihood={"secured": False, "own_share_percent": 100, "household_share_percent": 75,
                    "benefits": [{"type": "SGB_II", "from": "2023-09-01", "to": None}]},
        german=[{"cefr": "A2", "scope": "OVERALL", "date": "2024-05-15"}],
        civics={"lid_test_passed": "2025-02-15"},
        declarations={"fdgo_signed": True},
        identity={"clarified": True, "clarified_date": "2022-04-01", "method": "PASSPORT"},
        degrees=[],
    )


def mamadou() -> dict[str, Any]:
    return person(
        "P04", date_of_birth="1990-01-20", nationalities=["GN"], entry_date="2021-02-10",
        status_periods=[period("GESTATTUNG", "2021-02-15", "2022-11-30"),
                        period("DULDUNG_60A", "2022-12-01")],
        asylum={"application_date": "2021-02-15", "final_date": "2022-11-30",
                "outcome": "REJECTED"},
        identity={"clarified": True, "clarified_date": "2023-04-12", "method": "PASSPORT"},
        employment_periods=[{"from": "2024-01-15", "to": None, "hours_per_week": 30,
                             "social_insurance": True, "qualified": False}],
        livelihood={"secured": True, "own_share_percent": 100, "benefits": []},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2025-03-01"}],
        civics={"lid_test_passed": "2025-04-01"}, declarations={"fdgo_signed": True},
        degrees=[],
    )


def bilal() -> dict[str, Any]:
    return person(
        "P05", date_of_birth="1990-05-05", nationalities=["PK"], entry_date="2016-08-20",
        status_periods=[period("GESTATTUNG", "2016-08-25", "2018-02-28"),
                        period("DULDUNG_60A", "2018-03-01")],
        asylum={"application_date": "2016-08-25", "final_date": "2018-02-28",
                "outcome": "REJECTED"},
        identity={"clarified": True, "clarified_date": "2024-05-10", "method": "PASSPORT"},
        employment_periods=[{"from": "2020-04-01", "to": None, "hours_per_week": 40,
                             "social_insurance": True, "qualified": False}],
        livelihood={"secured": True, "own_share_percent": 100, "benefits": []},
        german=[{"cefr": "A2", "scope": "OVERALL", "date": "2021-03-01"}],
        civics={"lid_test_passed": "2021-05-01"}, declarations={"fdgo_signed": True},
        degrees=[],
        convictions=[
            {"final_date": "2021-06-01", "sanction": "GELDSTRAFE", "tagessaetze": 30,
             "foreigner_specific": True, "intentional": True, "abroad": False},
            {"final_date": "2023-09-01", "sanction": "GELDSTRAFE", "tagessaetze": 60,
             "foreigner_specific": False, "intentional": True, "abroad": False},
        ],
    )


def yusuf() -> dict[str, Any]:
    return person(
        "P07", date_of_birth="1980-03-03", nationalities=["IQ"], entry_date="2016-04-01",
        status_periods=[period("GESTATTUNG", "2016-04-05", "2017-06-30"),
                        period("DULDUNG_60A", "2017-07-01")],
        identity={"clarified": True, "clarified_date": "2016-05-01", "method": "PASSPORT"},
        employment_periods=[],
        livelihood={"secured": False,
                    "benefits": [{"type": "ASYLBLG", "from": "2016-04-05", "to": None}]},
        german=[], civics={},
        applications=[{"pathway": "AUFENTHG_104C", "filed_date": "2026-02-10",
                       "outcome": "PENDING"}],
    )


def hana() -> dict[str, Any]:
    return person(
        "P08", date_of_birth="1990-06-06", nationalities=["IR"], entry_date="2017-06-01",
        status_periods=[period("GESTATTUNG", "2017-06-05", "2020-01-31"),
                        period("DULDUNG_60A", "2020-02-01")],
        identity={"clarified": True, "clarified_date": "2017-07-01", "method": "PASSPORT"},
        household={"partner_in_household": False, "minor_children": [
            {"date_of_birth": "2022-03-03", "in_household": True},
            {"date_of_birth": "2025-04-04", "in_household": True}]},
        declarations={"fdgo_signed": True},
        employment_periods=[],
        livelihood={"secured": False,
                    "benefits": [{"type": "ASYLBLG", "from": "2017-06-05", "to": None}]},
        german=[{"cefr": "A1", "scope": "OVERALL", "date": "2024-01-01"}], civics={},
        applications=[{"pathway": "AUFENTHG_104C", "filed_date": "2025-12-15",
                       "outcome": "PENDING"}],
    )


def samuel() -> dict[str, Any]:
    return person(
        "P09", date_of_birth="2001-03-03", nationalities=["NG"], entry_date="2022-05-01",
        status_periods=[period("GESTATTUNG", "2022-05-03", "2024-01-31"),
                        period("DULDUNG_60A", "2024-02-01")],
        identity={"clarified": True, "clarified_date": "2022-09-15", "method": "PASSPORT"},
        training={"kind": "QUALIFIED", "occupation": "Pflegefachmann", "start": "2026-09-01",
                  "planned_end": "2029-08-31"},
        applications=[{"pathway": "AUFENTHG_16G", "filed_date": "2026-07-10",
                       "outcome": "PENDING"}],
        livelihood={"secured": False, "bafoeg_benchmark_met": True,
                    "benefits": [{"type": "BAB", "from": "2026-09-01", "to": None}]},
        school_periods=[], degrees=[], employment_periods=[],
    )


def arben() -> dict[str, Any]:
    return person(
        "P10", date_of_birth="1998-04-04", nationalities=["AL"], entry_date="2023-03-10",
        status_periods=[period("GESTATTUNG", "2023-03-14", "2023-07-31"),
                        period("DULDUNG_60A", "2023-08-01")],
        asylum={"application_date": "2023-03-14", "final_date": "2023-06-20",
                "outcome": "REJECTED_OU", "rejected_ou_30_3": True},
        identity={"clarified": True, "clarified_date": "2023-03-14", "method": "PASSPORT"},
        training={"kind": "QUALIFIED", "start": "2027-08-01", "planned_end": "2030-07-31"},
        employment_periods=[],
    )


def ibrahim() -> dict[str, Any]:
    return person(
        "P12", date_of_birth="1996-05-05", nationalities=["GM"], entry_date="2023-02-15",
        status_periods=[period("GESTATTUNG", "2023-02-20", "2024-05-31"),
                        period("DULDUNG_60A", "2024-06-01")],
        identity={"clarified": True, "clarified_date": "2024-08-10", "method": "PASSPORT"},
        employment_periods=[{"from": "2024-05-01", "to": None, "hours_per_week": 40,
                             "social_insurance": True, "qualified": False}],
        livelihood={"secured": True, "own_share_percent": 100, "benefits": []},
        german=[{"cefr": "A2", "scope": "OVERALL", "date": "2025-01-01"}], degrees=[],
    )


def lina() -> dict[str, Any]:
    return person(
        "P14", date_of_birth="2002-02-14", nationalities=["IR"], entry_date="2020-01-10",
        status_periods=[period("GESTATTUNG", "2020-01-12", "2023-06-30"),
                        period("DULDUNG_60A", "2023-07-01", "2023-07-31"),
                        period("DULDUNG_60C", "2023-08-01", "2026-07-15"),
                        period("DULDUNG_60A", "2026-07-16")],
        identity={"clarified": True, "clarified_date": "2020-05-15", "method": "PASSPORT"},
        training={"kind": "QUALIFIED", "occupation": "Elektronikerin", "start": "2023-08-01",
                  "planned_end": "2026-07-15", "completed_date": "2026-07-15", "passed": True},
        degrees=[{"type": "BERUFSABSCHLUSS", "country": "DE", "date": "2026-07-15"}],
        employment_periods=[{"from": "2026-08-01", "to": None, "hours_per_week": 39,
                             "social_insurance": True, "qualified": True,
                             "matches_qualification": True}],
        livelihood={"secured": True, "own_share_percent": 100, "benefits": []},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2024-03-01"}],
        civics={"lid_test_passed": "2024-04-01"}, declarations={"fdgo_signed": True},
        housing_sufficient=True, ba_consent=True,
    )


def fatima() -> dict[str, Any]:
    return person(
        "P16", date_of_birth="1983-03-03", nationalities=["SY"], entry_date="2014-09-10",
        status_periods=[period("GESTATTUNG", "2014-09-12", "2016-01-31"),
                        period("DULDUNG_60A", "2016-02-01", "2021-07-31"),
                        period("AE", "2021-08-01", None, "§ 25b Abs. 1 AufenthG")],
        identity={"clarified": True, "clarified_date": "2019-01-10", "method": "PASSPORT"},
        employment_periods=[{"from": "2020-03-01", "to": None, "hours_per_week": 40,
                             "social_insurance": True}],
        pension_contribution_months=80,
        livelihood={"secured": True, "own_share_percent": 100, "benefits": []},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2020-01-01"}],
        civics={"lid_test_passed": "2020-02-01", "einbuergerungstest_passed": "2025-10-10"},
        declarations={"fdgo_signed": True, "stag_declarations": True},
        housing_sufficient=True,
    )


def yonas() -> dict[str, Any]:
    return person(
        "P17", date_of_birth="1995-01-01", nationalities=["ER"], entry_date="2021-05-05",
        status_periods=[period("GESTATTUNG", "2021-05-10", "2022-09-30"),
                        period("AE", "2022-10-01", None, "§ 25 Abs. 2 S. 1 Alt. 1 AufenthG")],
        asylum={"application_date": "2021-05-10", "final_date": "2022-09-05",
                "outcome": "RECOGNISED"},
        protection={"status": "FLUECHTLING", "granted_date": "2022-09-05",
                    "bamf_revocation_notice": False},
        identity={"clarified": True, "clarified_date": "2023-01-10", "method": "STUFENMODELL"},
        employment_periods=[{"from": "2023-04-01", "to": None, "hours_per_week": 30,
                             "social_insurance": True}],
        pension_contribution_months=43,
        livelihood={"secured": False, "own_share_percent": 70, "household_share_percent": 70,
                    "benefits": [{"type": "SGB_II", "from": "2023-04-01", "to": None}]},
        german=[{"cefr": "A2", "scope": "OVERALL", "date": "2023-12-01"}],
        civics={"lid_test_passed": "2024-01-15"}, declarations={"stag_declarations": True},
        housing_sufficient=True,
    )


def ahmad() -> dict[str, Any]:
    return person(
        "P20", date_of_birth="1988-02-02", nationalities=["AF"], entry_date="2019-06-01",
        status_periods=[period("GESTATTUNG", "2019-06-03", "2020-02-29"),
                        period("AE", "2020-03-01", None, "§ 25 Abs. 2 S. 1 Alt. 2 AufenthG")],
        asylum={"application_date": "2019-06-03", "final_date": "2020-02-10",
                "outcome": "RECOGNISED"},
        protection={"status": "SUBSIDIAER", "granted_date": "2020-02-10",
                    "bamf_revocation_notice": False},
        identity={"clarified": True, "clarified_date": "2020-05-01", "method": "PASSPORT"},
        household={"partner_in_household": True, "minor_children": [
            {"date_of_birth": d, "in_household": True, "school_attendance_proven": True}
            for d in ("2012-01-01", "2014-01-01", "2016-01-01", "2019-01-01")]},
        employment_periods=[{"from": "2023-01-01", "to": None, "hours_per_week": 40,
                             "social_insurance": True}],
        pension_contribution_months=69,
        livelihood={"secured": False, "own_share_percent": 80, "household_share_percent": 70,
                    "benefits": [{"type": "SGB_II", "from": "2020-03-01", "to": None}]},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2022-06-01"}],
        civics={"einbuergerungstest_passed": "2023-03-01", "lid_test_passed": "2023-03-01"},
        declarations={"stag_declarations": True}, housing_sufficient=True,
    )


def mehmet() -> dict[str, Any]:
    return person(
        "P22", date_of_birth="1980-08-08", nationalities=["TR"], entry_date="2005-04-01",
        status_periods=[period("AE", "2005-04-01", "2012-05-04", "§ 30 AufenthG"),
                        period("NE", "2012-05-05", None, "§ 9 AufenthG")],
        identity={"clarified": True, "clarified_date": "2005-04-01", "method": "PASSPORT"},
        convictions=[{"final_date": "2024-11-15", "sanction": "GELDSTRAFE", "tagessaetze": 30,
                      "foreigner_specific": False, "intentional": True, "hate_motive": True,
                      "abroad": False}],
        livelihood={"secured": True, "benefits": []},
        german=[{"cefr": "B1", "scope": "OVERALL", "date": "2010-01-01"}],
        civics={"einbuergerungstest_passed": "2023-01-01"},
        declarations={"stag_declarations": True},
    )


def moussa() -> dict[str, Any]:
    document = person(
        "P24", date_of_birth="2007-06-01", nationalities=["ML"], entry_date="2021-01-15",
        status_periods=[period("GESTATTUNG", "2021-01-20", "2022-12-31"),
                        period("DULDUNG_60A", "2023-01-01", "2023-02-28"),
                        period("DULDUNG_60B", "2023-03-01")],
        identity={"clarified": False, "all_reasonable_steps_taken": False},
        passport={"held": False},
        school_periods=[{"from": "2021-03-01", "to": "2024-06-30", "regular_attendance": True}],
        degrees=[{"type": "SCHULABSCHLUSS", "country": "DE", "date": "2024-06-30"}],
        employment_periods=[],
    )
    document["conduct"]["non_cooperation_current"] = True
    return document


EXPECTED: list[tuple[str, Any, dict[str, tuple[str, str | None]]]] = [
    ("P01", amir, {
        "AUFENTHG_25A": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_25B": ("NOT_YET", "2027-09-01"),
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_60C": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_16G": ("NOT_MET", None),
        "AUFENTHG_60D": ("NOT_MET", None),
        "AUFENTHG_19D_1A": ("NOT_YET", "2028-01-31"),
        "AUFENTHG_9": ("NOT_APPLICABLE", None),
        "AUFENTHG_26_3": ("NOT_APPLICABLE", None),
        "AUFENTHG_26_4": ("NOT_APPLICABLE", None),
        "STAG_10": ("NOT_MET", None),
    }),
    ("P03", kemal, {
        "AUFENTHG_25B": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_60D": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_19D": ("NOT_MET", None),
        "AUFENTHG_60C": ("NOT_APPLICABLE", None),
        "AUFENTHG_16G": ("NOT_APPLICABLE", None),
        "AUFENTHG_9": ("NOT_APPLICABLE", None),
        "AUFENTHG_26_4": ("NOT_APPLICABLE", None),
        "STAG_10": ("NOT_MET", None),  # spec: N/A – see module docstring
    }),
    ("P04", mamadou, {
        "AUFENTHG_25B": ("NOT_YET", "2027-02-10"),
        "AUFENTHG_60D": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_25B_60D": ("NOT_APPLICABLE", None),  # spec: NOT_YET(30 months after grant)
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_19D": ("NOT_MET", None),
    }),
    ("P05", bilal, {
        "AUFENTHG_60D": ("EXCLUDED", None),
        "AUFENTHG_25B": ("REVIEW", None),
        "AUFENTHG_19D": ("EXCLUDED", None),
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
    }),
    ("P07", yusuf, {
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_25B": ("NOT_MET", None),
        "AUFENTHG_60D": ("NOT_MET", None),
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
    }),
    ("P08", hana, {
        "AUFENTHG_104C": ("REVIEW", None),
        "AUFENTHG_25B": ("NOT_MET", None),
        "AUFENTHG_60D": ("NOT_MET", None),  # spec: N/A – see module docstring
    }),
    ("P09", samuel, {
        "AUFENTHG_16G": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_60C": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_25A": ("NOT_MET", None),
        "AUFENTHG_25B": ("NOT_YET", "2028-05-01"),
        "AUFENTHG_19D": ("NOT_YET", "2029-08-31"),
        "AUFENTHG_60D": ("NOT_MET", None),
    }),
    ("P10", arben, {
        "AUFENTHG_60C": ("EXCLUDED", None),
        "AUFENTHG_16G": ("EXCLUDED", None),
        "AUFENTHG_60D": ("NOT_MET", None),
        "AUFENTHG_25B": ("NOT_YET", "2029-03-10"),
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
    }),
    ("P12", ibrahim, {
        "AUFENTHG_60D": ("NOT_MET", None),
        "AUFENTHG_25B": ("NOT_YET", "2029-02-15"),
        "AUFENTHG_19D": ("NOT_MET", None),
        "AUFENTHG_25A": ("NOT_APPLICABLE", None),
    }),
    ("P14", lina, {
        "AUFENTHG_19D_1A": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_25A": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_25B": ("ELIGIBLE_SOLL", None),
        "AUFENTHG_60D": ("REVIEW", None),
        "AUFENTHG_60C": ("NOT_APPLICABLE", None),
        "AUFENTHG_104C": ("NOT_APPLICABLE", None),
        "AUFENTHG_9": ("NOT_APPLICABLE", None),
        "AUFENTHG_26_4": ("NOT_APPLICABLE", None),
    }),
    ("P16", fatima, {
        "AUFENTHG_26_4": ("DISCRETION", None),
        "AUFENTHG_9": ("REVIEW", None),
        "STAG_10": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_60D": ("NOT_APPLICABLE", None),
        "AUFENTHG_60C": ("NOT_APPLICABLE", None),
    }),
    ("P17", yonas, {
        "AUFENTHG_26_3": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_26_3_C1": ("NOT_MET", None),
        "AUFENTHG_9": ("NOT_MET", None),
        "STAG_10": ("NOT_MET", None),
        "AUFENTHG_60D": ("NOT_APPLICABLE", None),
    }),
    ("P20", ahmad, {
        "STAG_10": ("ELIGIBLE_CLAIM", None),
        "AUFENTHG_26_4": ("NOT_MET", None),
        "AUFENTHG_26_3": ("NOT_APPLICABLE", None),
        "AUFENTHG_9": ("NOT_MET", None),
        "AUFENTHG_60D": ("NOT_APPLICABLE", None),
    }),
    ("P22", mehmet, {
        "STAG_10": ("EXCLUDED", None),
        "AUFENTHG_9": ("NOT_APPLICABLE", None),
        "AUFENTHG_26_4": ("NOT_APPLICABLE", None),
        "AUFENTHG_25B": ("NOT_APPLICABLE", None),
        "AUFENTHG_60D": ("NOT_APPLICABLE", None),
    }),
    ("P24", moussa, {
        "AUFENTHG_25A": ("NOT_MET", None),
        "AUFENTHG_60C": ("EXCLUDED", None),
        "AUFENTHG_16G": ("EXCLUDED", None),
        "AUFENTHG_25B": ("REVIEW", None),
        "AUFENTHG_60D": ("NOT_MET", None),  # spec: N/A – see module docstring
    }),
]


@pytest.mark.parametrize(("pid", "build", "expected"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_worked_example(tmp_path, pid, build, expected):
    output = screen_cli(tmp_path, build())
    assert output["format"] == "lotse.screening-output/1"
    assert output["as_of"] == "2026-11-21"
    person = output["persons"][0]
    assert person["id"] == pid
    assert len(person["results"]) == 16
    results = results_of(output)
    got = {k: (results[k]["outcome"], results[k]["earliest_date"]) for k in expected}
    assert got == expected


def test_p01_details(tmp_path):
    results = results_of(screen_cli(tmp_path, amir()))
    assert results["AUFENTHG_16G"]["missing"] == ["R16G-06"]
    assert "R60D-07" in results["AUFENTHG_60D"]["missing"]
    assert {"rule_id": "R25A-05", "date": "2033-04-11",
            "label": "Letzter Antragstag nach § 25a (11.04.2033)"} in \
        results["AUFENTHG_25A"]["deadlines"]
    assert "01.09.2027" in results["AUFENTHG_25B"]["justification"]
    assert results["AUFENTHG_25B"]["missing"] == ["R25B-02"]


def test_p05_conviction_note(tmp_path):
    results = results_of(screen_cli(tmp_path, bilal()))
    assert results["AUFENTHG_60D"]["missing"] == ["R60D-09"]
    assert "60 Tagessätze" in results["AUFENTHG_60D"]["justification"]
    assert "waivable_by_discretion" in results["AUFENTHG_25B"]["flags"]


def test_p07_missing_lu_a2_civics(tmp_path):
    results = results_of(screen_cli(tmp_path, yusuf()))
    assert results["AUFENTHG_25B"]["missing"] == ["R25B-03", "R25B-04", "R25B-05"]
    assert "compensable" in results["AUFENTHG_25B"]["flags"]


def test_p08_pending_104c_is_conflict_c3(tmp_path):
    results = results_of(screen_cli(tmp_path, hana()))
    assert "conflict:C3" in results["AUFENTHG_104C"]["flags"]
    assert results["AUFENTHG_25B"]["missing"] == ["R25B-03", "R25B-05"]


def test_p09_16g_preferred(tmp_path):
    results = results_of(screen_cli(tmp_path, samuel()))
    assert "preferred_over:AUFENTHG_60C" in results["AUFENTHG_16G"]["flags"]
    assert results["AUFENTHG_25A"]["missing"] == ["R25A-04"]


def test_p12_entry_after_cutoff(tmp_path):
    results = results_of(screen_cli(tmp_path, ibrahim()))
    assert "R60D-02" in results["AUFENTHG_60D"]["missing"]


def test_p14_training_as_employment_is_unverified(tmp_path):
    results = results_of(screen_cli(tmp_path, lina()))
    assert "unverified:training_as_employment" in results["AUFENTHG_60D"]["flags"]


def test_p17_c1_route_misses_c1_and_lu(tmp_path):
    results = results_of(screen_cli(tmp_path, yonas()))
    assert results["AUFENTHG_26_3_C1"]["missing"] == ["R26-3C-03", "R26-3C-04"]
    assert {"R10-07", "R10-09"} <= set(results["STAG_10"]["missing"])


def test_p22_hate_motive(tmp_path):
    results = results_of(screen_cli(tmp_path, mehmet()))
    assert results["STAG_10"]["missing"] == ["R10-08"]
    assert "§ 12a Abs. 1 S. 2" in results["STAG_10"]["justification"]


def test_p24_deadline_and_60b(tmp_path):
    results = results_of(screen_cli(tmp_path, moussa()))
    deadlines = results["AUFENTHG_25A"]["deadlines"]
    assert deadlines[0]["date"] == "2034-05-31"
    assert "unverified:60b_continuity" in results["AUFENTHG_25B"]["flags"]
    assert "R25A-02" in results["AUFENTHG_25A"]["missing"]


def test_all_examples_in_one_wrapped_file(tmp_path):
    document = {"format": "lotse.screening-input/1",
                "persons": [build() for _pid, build, _e in EXPECTED]}
    output = screen_cli(tmp_path, document)
    assert [p["id"] for p in output["persons"]] == [pid for pid, _b, _e in EXPECTED]
