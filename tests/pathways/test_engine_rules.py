"""Per-rule cases: met / not met / unknown / boundary day (day before and day of a threshold).

Each case mutates one worked-example person and checks one criterion's status (MET, NOT_MET,
UNKNOWN, WAIVED) in one pathway, optionally also the outcome.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from lotse.pathways.engine import rules, screen_document
from tests.pathways.engine_helpers import AS_OF, period, screen
from tests.pathways.test_engine_examples import (
    ahmad,
    amir,
    fatima,
    kemal,
    lina,
    mamadou,
    yonas,
)

D = dt.date.fromisoformat
Doc = dict[str, Any]


def with_(base: Callable[[], Doc], **changes: Any) -> Callable[[], Doc]:
    def build() -> Doc:
        doc = base()
        for key, value in changes.items():
            if value is DROP:
                doc.pop(key, None)
            else:
                doc[key] = copy.deepcopy(value)
        return doc
    return build


def conduct(base: Callable[[], Doc], **changes: Any) -> Callable[[], Doc]:
    def build() -> Doc:
        doc = base()
        doc["conduct"].update(changes)
        return doc
    return build


DROP = object()


def tolerated(entry: str, duldung_from: str | None = None, **more: Any) -> Callable[[], Doc]:
    """Mamadou with another entry / Duldung start (Gestattung from entry)."""
    start = D(duldung_from) if duldung_from else D(entry) + dt.timedelta(days=400)
    return with_(mamadou, entry_date=entry, status_periods=[
        period("GESTATTUNG", entry, (start - dt.timedelta(days=1)).isoformat()),
        period("DULDUNG_60A", start.isoformat())], **more)


def ts(days: int, foreign: bool = False, **more: Any) -> list[dict[str, Any]]:
    return [{"final_date": "2024-01-01", "sanction": "GELDSTRAFE", "tagessaetze": days,
             "foreigner_specific": foreign, "intentional": True, "abroad": False,
             "hate_motive": False, **more}]


GERMAN_A1 = [{"cefr": "A1", "scope": "OVERALL", "date": "2024-01-01"}]
AE_SINCE = lambda day, basis="§ 25b Abs. 1 AufenthG": [  # noqa: E731
    period("DULDUNG_60A", "2015-01-01", (D(day) - dt.timedelta(days=1)).isoformat()),
    period("AE", day, None, basis)]

# (case id, builder, pathway, rule id, expected criterion status, as_of or None)
CASES: list[tuple[str, Callable[[], Doc], str, str, str, str | None]] = [
    # § 25a
    ("25a-age-met", amir, "AUFENTHG_25A", "R25A-01", "MET", None),
    ("25a-age-under-14", with_(amir, date_of_birth="2013-01-01"), "AUFENTHG_25A", "R25A-01",
     "NOT_MET", None),
    ("25a-age-unknown", with_(amir, date_of_birth=DROP), "AUFENTHG_25A", "R25A-01", "UNKNOWN",
     None),
    ("25a-last-day-is-today", with_(amir, date_of_birth="1999-11-22"), "AUFENTHG_25A",
     "R25A-05", "MET", None),
    ("25a-27th-birthday-today", with_(amir, date_of_birth="1999-11-21"), "AUFENTHG_25A",
     "R25A-05", "NOT_MET", None),
    ("25a-duldung-12m-today", with_(amir, status_periods=[
        period("GESTATTUNG", "2021-09-06", "2025-11-20"), period("DULDUNG_60A", "2025-11-21")]),
     "AUFENTHG_25A", "R25A-02", "MET", None),
    ("25a-duldung-12m-tomorrow", with_(amir, status_periods=[
        period("GESTATTUNG", "2021-09-06", "2025-11-21"), period("DULDUNG_60A", "2025-11-22")]),
     "AUFENTHG_25A", "R25A-02", "NOT_MET", None),
    ("25a-duldung-60b-only", with_(amir, status_periods=[
        period("GESTATTUNG", "2021-09-06", "2023-10-10"), period("DULDUNG_60B", "2023-10-11")]),
     "AUFENTHG_25A", "R25A-02", "NOT_MET", None),
    ("25a-status-unknown", with_(amir, status_periods=DROP), "AUFENTHG_25A", "R25A-02",
     "UNKNOWN", None),
    ("25a-3y-today", with_(amir, entry_date="2023-11-21", status_periods=[
        period("GESTATTUNG", "2023-11-21", "2024-11-20"), period("DULDUNG_60A", "2024-11-21")]),
     "AUFENTHG_25A", "R25A-03", "MET", None),
    ("25a-3y-tomorrow", with_(amir, entry_date="2023-11-22", status_periods=[
        period("GESTATTUNG", "2023-11-22", "2024-11-20"), period("DULDUNG_60A", "2024-11-21")]),
     "AUFENTHG_25A", "R25A-03", "NOT_MET", None),
    ("25a-school-none", with_(amir, degrees=[], school_periods=[]), "AUFENTHG_25A", "R25A-04",
     "NOT_MET", None),
    ("25a-school-unknown", with_(amir, degrees=DROP, school_periods=DROP), "AUFENTHG_25A",
     "R25A-04", "UNKNOWN", None),
    ("25a-school-3y-today", with_(amir, degrees=[], school_periods=[
        {"from": "2023-11-21", "to": None, "regular_attendance": True}]), "AUFENTHG_25A",
     "R25A-04", "MET", None),
    ("25a-school-3y-tomorrow", with_(amir, degrees=[], school_periods=[
        {"from": "2023-11-22", "to": None, "regular_attendance": True}]), "AUFENTHG_25A",
     "R25A-04", "NOT_MET", None),
    ("25a-prognosis-conviction", with_(amir, convictions=ts(10)), "AUFENTHG_25A", "R25A-06",
     "UNKNOWN", None),
    ("25a-extremism", conduct(amir, extremism=True), "AUFENTHG_25A", "R25A-07", "NOT_MET",
     None),
    ("25a-lu-not-in-education", with_(amir, training=DROP, school_periods=[]), "AUFENTHG_25A",
     "R25A-08", "NOT_MET", None),
    ("25a-identity", with_(amir, identity={"clarified": False}), "AUFENTHG_25A", "R25A-09",
     "NOT_MET", None),
    ("25a-passport-unknown", with_(amir, passport=DROP), "AUFENTHG_25A", "R25A-09", "UNKNOWN",
     None),
    ("25a-conviction-gen", with_(amir, convictions=ts(10)), "AUFENTHG_25A", "R25A-10",
     "NOT_MET", None),
    ("25a-104c-holder", with_(amir, status_periods=[
        period("DULDUNG_60A", "2021-09-06", "2024-01-31"),
        period("AE", "2024-02-01", "2027-01-31", "§ 104c AufenthG")]), "AUFENTHG_25A",
     "R25A-11", "UNKNOWN", None),
    ("25a-terror", conduct(amir, extremism=True), "AUFENTHG_25A", "X25A-02", "NOT_MET", None),
    ("25a-own-deception", conduct(amir, own_deception=True, own_deception_current=True),
     "AUFENTHG_25A", "X25A-01", "NOT_MET", None),
    # § 25b
    ("25b-scope-met", kemal, "AUFENTHG_25B", "R25B-01", "MET", None),
    ("25b-scope-ae", fatima, "AUFENTHG_25B", "R25B-01", "NOT_MET", None),
    ("25b-scope-unknown", with_(kemal, status_periods=DROP), "AUFENTHG_25B", "R25B-01",
     "UNKNOWN", None),
    ("25b-6y-today", tolerated("2020-11-21"), "AUFENTHG_25B", "R25B-02", "MET", None),
    ("25b-6y-tomorrow", tolerated("2020-11-22"), "AUFENTHG_25B", "R25B-02", "NOT_MET", None),
    ("25b-4y-with-child", with_(kemal, entry_date="2022-11-21", status_periods=[
        period("GESTATTUNG", "2022-11-21", "2023-08-31"), period("DULDUNG_60A", "2023-09-01")]),
     "AUFENTHG_25B", "R25B-02", "MET", None),
    ("25b-4y-with-child-tomorrow", with_(kemal, entry_date="2022-11-22", status_periods=[
        period("GESTATTUNG", "2022-11-22", "2023-08-31"), period("DULDUNG_60A", "2023-09-01")]),
     "AUFENTHG_25B", "R25B-02", "NOT_MET", None),
    ("25b-absence-3-months-harmless", with_(mamadou, entry_date="2020-01-01", absences=[
        {"from": "2022-01-01", "to": "2022-03-31"}], status_periods=[
        period("GESTATTUNG", "2020-01-01", "2022-11-30"), period("DULDUNG_60A", "2022-12-01")]),
     "AUFENTHG_25B", "R25B-02", "MET", None),
    ("25b-absence-longer-restarts", with_(mamadou, entry_date="2020-01-01", absences=[
        {"from": "2022-01-01", "to": "2022-04-01"}], status_periods=[
        period("GESTATTUNG", "2020-01-01", "2022-11-30"), period("DULDUNG_60A", "2022-12-01")]),
     "AUFENTHG_25B", "R25B-02", "NOT_MET", None),
    ("25b-civics-missing", with_(kemal, civics={}), "AUFENTHG_25B", "R25B-03", "NOT_MET", None),
    ("25b-declaration-unknown", with_(kemal, declarations={}), "AUFENTHG_25B", "R25B-03",
     "UNKNOWN", None),
    ("25b-lu-50", with_(kemal, livelihood={"household_share_percent": 50}), "AUFENTHG_25B",
     "R25B-04", "NOT_MET", None),
    ("25b-lu-51", with_(kemal, livelihood={"household_share_percent": 51}), "AUFENTHG_25B",
     "R25B-04", "MET", None),
    ("25b-lu-unknown", with_(kemal, livelihood=DROP), "AUFENTHG_25B", "R25B-04", "UNKNOWN",
     None),
    ("25b-age-67-waives-lu", with_(kemal, date_of_birth="1959-11-21", livelihood={
        "secured": False}), "AUFENTHG_25B", "R25B-04", "WAIVED", None),
    ("25b-age-67-rule", with_(kemal, date_of_birth="1959-11-21"), "AUFENTHG_25B", "R25B-07",
     "MET", None),
    ("25b-a1", with_(kemal, german=GERMAN_A1), "AUFENTHG_25B", "R25B-05", "NOT_MET", None),
    ("25b-german-unknown", with_(kemal, german=DROP), "AUFENTHG_25B", "R25B-05", "UNKNOWN",
     None),
    ("25b-child-no-school", with_(kemal, household={"partner_in_household": True,
                                                    "minor_children": [
        {"date_of_birth": "2015-02-10", "in_household": True,
         "school_attendance_proven": False}]}), "AUFENTHG_25B", "R25B-06", "NOT_MET", None),
    ("25b-identity", with_(kemal, identity={"clarified": False}), "AUFENTHG_25B", "R25B-08",
     "NOT_MET", None),
    ("25b-minor-conviction", with_(kemal, convictions=ts(30)), "AUFENTHG_25B", "R25B-09",
     "NOT_MET", None),
    ("25b-non-cooperation", conduct(kemal, non_cooperation_current=True), "AUFENTHG_25B",
     "X25B-01", "NOT_MET", None),
    ("25b-past-deception", conduct(kemal, own_deception=True), "AUFENTHG_25B", "X25B-01",
     "UNKNOWN", None),
    ("25b-two-years-prison", with_(kemal, convictions=[{
        "final_date": "2020-01-01", "sanction": "FREIHEITSSTRAFE", "months": 24,
        "suspended": False, "intentional": True}]), "AUFENTHG_25B", "X25B-02", "NOT_MET", None),
    ("25b-extremism", conduct(kemal, extremism=True), "AUFENTHG_25B", "X25B-03", "NOT_MET",
     None),
    # § 25b Abs. 6
    ("25b6-30m-today", with_(mamadou, status_periods=[
        period("GESTATTUNG", "2021-02-15", "2024-05-20"), period("DULDUNG_60D", "2024-05-21")]),
     "AUFENTHG_25B_60D", "R25B-F2", "MET", None),
    ("25b6-30m-tomorrow", with_(mamadou, status_periods=[
        period("GESTATTUNG", "2021-02-15", "2024-05-21"), period("DULDUNG_60D", "2024-05-22")]),
     "AUFENTHG_25B_60D", "R25B-F2", "NOT_MET", None),
    # § 104c (historic, as of 2023-06-01)
    ("104c-5y-on-cutoff", tolerated("2017-10-31", "2019-01-01", declarations={
        "fdgo_signed": True}), "AUFENTHG_104C", "R104C-02", "MET", "2023-06-01"),
    ("104c-5y-a-day-short", tolerated("2017-11-01", "2019-01-01"), "AUFENTHG_104C", "R104C-02",
     "NOT_MET", "2023-06-01"),
    ("104c-geduldet", tolerated("2017-01-01"), "AUFENTHG_104C", "R104C-01", "MET",
     "2023-06-01"),
    ("104c-fdgo-unknown", tolerated("2017-01-01", declarations={}), "AUFENTHG_104C",
     "R104C-03", "UNKNOWN", "2023-06-01"),
    ("104c-50ts", tolerated("2017-01-01", convictions=ts(50)), "AUFENTHG_104C", "R104C-04",
     "MET", "2023-06-01"),
    ("104c-51ts", tolerated("2017-01-01", convictions=ts(51)), "AUFENTHG_104C", "R104C-04",
     "NOT_MET", "2023-06-01"),
    ("104c-90ts-foreign", tolerated("2017-01-01", convictions=ts(90, True)), "AUFENTHG_104C",
     "R104C-04", "MET", "2023-06-01"),
    ("104c-91ts-foreign", tolerated("2017-01-01", convictions=ts(91, True)), "AUFENTHG_104C",
     "R104C-04", "NOT_MET", "2023-06-01"),
    ("104c-mixed-caps", tolerated("2017-01-01", convictions=ts(40) + ts(30, True)),
     "AUFENTHG_104C", "R104C-04", "UNKNOWN", "2023-06-01"),
    ("104c-deception", conduct(tolerated("2017-01-01"), own_deception=True), "AUFENTHG_104C",
     "R104C-05", "NOT_MET", "2023-06-01"),
    ("104c-filed-on-31-12-2025", with_(mamadou, applications=[
        {"pathway": "AUFENTHG_104C", "filed_date": "2025-12-31", "outcome": "PENDING"}]),
     "AUFENTHG_104C", "R104C-T1", "UNKNOWN", None),
    ("104c-filed-on-30-12-2025", with_(mamadou, applications=[
        {"pathway": "AUFENTHG_104C", "filed_date": "2025-12-30", "outcome": "PENDING"}]),
     "AUFENTHG_104C", "R104C-T2", "UNKNOWN", None),
    # § 60c
    ("60c-kind", amir, "AUFENTHG_60C", "R60C-01", "MET", None),
    ("60c-helper-without-commitment", with_(amir, training={
        "kind": "ASSISTANT", "start": "2024-08-01", "engpass": True,
        "follow_up_commitment": False}), "AUFENTHG_60C", "R60C-01", "NOT_MET", None),
    ("60c-kind-unknown", with_(amir, training={"start": "2024-08-01"}), "AUFENTHG_60C",
     "R60C-01", "UNKNOWN", None),
    ("60c-constellation", amir, "AUFENTHG_60C", "R60C-02", "MET", None),
    ("60c-3m-today", with_(amir, status_periods=[
        period("GESTATTUNG", "2021-09-06", "2026-08-20"), period("DULDUNG_60A", "2026-08-21")],
        training={"kind": "QUALIFIED", "start": "2027-01-01", "planned_end": "2030-01-01"}),
     "AUFENTHG_60C", "R60C-03", "MET", None),
    ("60c-3m-tomorrow", with_(amir, status_periods=[
        period("GESTATTUNG", "2021-09-06", "2026-08-21"), period("DULDUNG_60A", "2026-08-22")],
        training={"kind": "QUALIFIED", "start": "2027-01-01", "planned_end": "2030-01-01"}),
     "AUFENTHG_60C", "R60C-03", "NOT_MET", None),
    ("60c-identity-on-deadline", with_(amir, identity={
        "clarified": True, "clarified_date": "2022-03-01"}), "AUFENTHG_60C", "R60C-04", "MET",
     None),
    ("60c-identity-day-after", with_(amir, identity={
        "clarified": True, "clarified_date": "2022-03-02"}), "AUFENTHG_60C", "R60C-04",
     "UNKNOWN", None),
    ("60c-identity-discretion", with_(amir, identity={
        "clarified": True, "clarified_date": "2022-03-02"}), "AUFENTHG_60C", "R60C-D1",
     "UNKNOWN", None),
    ("60c-window-open-today", with_(amir, training={
        "kind": "QUALIFIED", "start": "2027-06-21", "planned_end": "2030-01-01"}),
     "AUFENTHG_60C", "R60C-05", "MET", None),
    ("60c-window-opens-tomorrow", with_(amir, training={
        "kind": "QUALIFIED", "start": "2027-06-22", "planned_end": "2030-01-01"}),
     "AUFENTHG_60C", "R60C-05", "NOT_MET", None),
    ("60c-ban", with_(amir, employment_ban_60a6=True), "AUFENTHG_60C", "X60C-01", "NOT_MET",
     None),
    ("60c-51ts", with_(amir, convictions=ts(51)), "AUFENTHG_60C", "X60C-02", "NOT_MET", None),
    ("60c-removal", conduct(amir, removal_measures=[{"type": "BUCHUNG", "date": "2026-11-01"}]),
     "AUFENTHG_60C", "X60C-03", "NOT_MET", None),
    ("60c-extremism", conduct(amir, extremism=True), "AUFENTHG_60C", "X60C-04", "NOT_MET",
     None),
    # § 16g
    ("16g-passport", with_(amir, passport={"held": False}), "AUFENTHG_16G", "R16G-05",
     "NOT_MET", None),
    ("16g-bafoeg-met", with_(amir, livelihood={"bafoeg_benchmark_met": True}),
     "AUFENTHG_16G", "R16G-06", "MET", None),
    ("16g-bafoeg-unknown", with_(amir, livelihood={}), "AUFENTHG_16G", "R16G-06", "UNKNOWN",
     None),
    ("16g-kind", amir, "AUFENTHG_16G", "R16G-01", "MET", None),
    ("16g-constellation", amir, "AUFENTHG_16G", "R16G-02", "MET", None),
    ("16g-duldung", amir, "AUFENTHG_16G", "R16G-03", "MET", None),
    ("16g-identity", amir, "AUFENTHG_16G", "R16G-04", "MET", None),
    ("16g-ban", with_(amir, employment_ban_60a6=True), "AUFENTHG_16G", "X16G-01", "NOT_MET",
     None),
    ("16g-conviction", with_(amir, convictions=ts(51)), "AUFENTHG_16G", "X16G-02", "NOT_MET",
     None),
    ("16g-removal", conduct(amir, removal_measures=[{"type": "DUBLIN", "date": "2026-10-01"}]),
     "AUFENTHG_16G", "X16G-03", "NOT_MET", None),
    ("16g-extremism", conduct(amir, extremism=True), "AUFENTHG_16G", "X16G-04", "NOT_MET", None),
    # § 60d
    ("60d-geduldet", mamadou, "AUFENTHG_60D", "R60D-01", "MET", None),
    ("60d-entry-on-cutoff", tolerated("2022-12-31", "2023-06-01"), "AUFENTHG_60D", "R60D-02",
     "MET", None),
    ("60d-entry-day-after", tolerated("2023-01-01", "2023-06-01"), "AUFENTHG_60D", "R60D-02",
     "NOT_MET", None),
    ("60d-identity-on-deadline", with_(mamadou, identity={
        "clarified": True, "clarified_date": "2024-12-31"}), "AUFENTHG_60D", "R60D-03", "MET",
     None),
    ("60d-identity-day-after", with_(mamadou, identity={
        "clarified": True, "clarified_date": "2025-01-01"}), "AUFENTHG_60D", "R60D-03",
     "UNKNOWN", None),
    ("60d-identity-discretion", with_(mamadou, identity={
        "clarified": True, "clarified_date": "2025-01-01"}), "AUFENTHG_60D", "R60D-D1",
     "UNKNOWN", None),
    ("60d-duldung-12m-today", tolerated("2021-02-10", "2025-11-21"), "AUFENTHG_60D", "R60D-04",
     "MET", None),
    ("60d-duldung-12m-tomorrow", tolerated("2021-02-10", "2025-11-22"), "AUFENTHG_60D",
     "R60D-04", "NOT_MET", None),
    ("60d-job-12m-today", with_(mamadou, employment_periods=[
        {"from": "2025-11-21", "to": None, "hours_per_week": 20, "social_insurance": True}]),
     "AUFENTHG_60D", "R60D-05", "MET", None),
    ("60d-job-12m-tomorrow", with_(mamadou, employment_periods=[
        {"from": "2025-11-22", "to": None, "hours_per_week": 20, "social_insurance": True}]),
     "AUFENTHG_60D", "R60D-05", "NOT_MET", None),
    ("60d-job-19.5h", with_(mamadou, employment_periods=[
        {"from": "2024-01-15", "to": None, "hours_per_week": 19.5, "social_insurance": True}]),
     "AUFENTHG_60D", "R60D-05", "NOT_MET", None),
    ("60d-job-unknown", with_(mamadou, employment_periods=DROP), "AUFENTHG_60D", "R60D-05",
     "UNKNOWN", None),
    ("60d-benefits-ended-recently", with_(mamadou, livelihood={
        "secured": True, "benefits": [{"type": "SGB_II", "from": "2024-01-01",
                                       "to": "2026-01-31"}]}), "AUFENTHG_60D", "R60D-06",
     "NOT_MET", None),
    ("60d-lu-now", with_(mamadou, livelihood={"secured": False}), "AUFENTHG_60D", "R60D-07",
     "NOT_MET", None),
    ("60d-a2", with_(mamadou, german=GERMAN_A1), "AUFENTHG_60D", "R60D-08", "NOT_MET", None),
    ("60d-50ts", with_(mamadou, convictions=ts(50)), "AUFENTHG_60D", "R60D-09", "MET", None),
    ("60d-51ts", with_(mamadou, convictions=ts(51)), "AUFENTHG_60D", "R60D-09", "NOT_MET", None),
    ("60d-extremism", conduct(mamadou, extremism=True), "AUFENTHG_60D", "R60D-10", "NOT_MET",
     None),
    ("60d-expulsion", conduct(mamadou, expulsion_order=True), "AUFENTHG_60D", "R60D-11",
     "NOT_MET", None),
    ("60d-children-school", with_(mamadou, household={"minor_children": [
        {"date_of_birth": "2015-01-01", "in_household": True,
         "school_attendance_proven": False}]}), "AUFENTHG_60D", "R60D-12", "NOT_MET", None),
    ("60d-course-manual", mamadou, "AUFENTHG_60D", "R60D-13", "UNKNOWN", None),
    ("60d-safe-country", with_(mamadou, nationalities=["AL"], asylum={
        "application_date": "2021-02-15", "outcome": "REJECTED"}), "AUFENTHG_60D", "R60D-14",
     "NOT_MET", None),
    ("60d-no-passport", with_(mamadou, passport={"held": False}), "AUFENTHG_60D", "R60D-15",
     "UNKNOWN", None),
    ("60d-2020-entry-cutoff", tolerated("2018-08-01", "2019-06-01"), "AUFENTHG_60D", "R60D-02",
     "MET", "2023-06-01"),
    ("60d-2020-entry-day-after", tolerated("2018-08-02", "2019-06-01"), "AUFENTHG_60D",
     "R60D-02", "NOT_MET", "2023-06-01"),
    ("60d-2020-35h", tolerated("2018-01-01", "2019-06-01"), "AUFENTHG_60D", "R60D-05",
     "NOT_MET", "2023-06-01"),
    # § 19d
    ("19d-geduldet", lina, "AUFENTHG_19D", "R19D-01", "MET", None),
    ("19d-qualification", lina, "AUFENTHG_19D", "R19D-02", "MET", None),
    ("19d-foreign-degree-2y-today", with_(mamadou, degrees=[
        {"type": "HOCHSCHULE", "country": "SY", "recognised": True, "date": "2015-01-01"}],
        employment_periods=[{"from": "2024-11-21", "to": None, "hours_per_week": 40,
                             "social_insurance": True, "matches_qualification": True}]),
     "AUFENTHG_19D", "R19D-02", "MET", None),
    ("19d-foreign-degree-2y-tomorrow", with_(mamadou, degrees=[
        {"type": "HOCHSCHULE", "country": "SY", "recognised": True, "date": "2015-01-01"}],
        employment_periods=[{"from": "2024-11-22", "to": None, "hours_per_week": 40,
                             "social_insurance": True, "matches_qualification": True}]),
     "AUFENTHG_19D", "R19D-02", "NOT_MET", None),
    ("19d-no-ba-consent", with_(lina, ba_consent=False), "AUFENTHG_19D", "R19D-03", "NOT_MET",
     None),
    ("19d-housing", with_(lina, housing_sufficient=False), "AUFENTHG_19D", "R19D-04", "NOT_MET",
     None),
    ("19d-b1", with_(lina, german=GERMAN_A1), "AUFENTHG_19D", "R19D-05", "NOT_MET", None),
    ("19d-deception", conduct(lina, own_deception=True), "AUFENTHG_19D", "R19D-06", "NOT_MET",
     None),
    ("19d-obstruction", conduct(lina, non_cooperation_current=True), "AUFENTHG_19D", "R19D-07",
     "NOT_MET", None),
    ("19d-extremism", conduct(lina, extremism=True), "AUFENTHG_19D", "R19D-08", "NOT_MET", None),
    ("19d-51ts", with_(lina, convictions=ts(51)), "AUFENTHG_19D", "R19D-09", "NOT_MET", None),
    ("19d-lu", with_(lina, livelihood={"secured": False}), "AUFENTHG_19D", "R19D-10", "NOT_MET",
     None),
    ("19d1a-met", lina, "AUFENTHG_19D_1A", "R19D-1A", "MET", None),
    ("19d1a-failed-exam", with_(lina, training={
        "kind": "QUALIFIED", "start": "2023-08-01", "planned_end": "2026-07-15",
        "completed_date": "2026-07-15", "passed": False}), "AUFENTHG_19D_1A", "R19D-1A",
     "NOT_MET", None),
    # § 9
    ("9-5y-today", with_(fatima, status_periods=AE_SINCE("2021-11-21", "§ 18b AufenthG")),
     "AUFENTHG_9", "R9-01", "MET", None),
    ("9-5y-tomorrow", with_(fatima, status_periods=AE_SINCE("2021-11-22", "§ 18b AufenthG")),
     "AUFENTHG_9", "R9-01", "NOT_MET", None),
    ("9-lu", with_(fatima, livelihood={"secured": False}), "AUFENTHG_9", "R9-02", "NOT_MET",
     None),
    ("9-pension-59", with_(fatima, pension_contribution_months=59), "AUFENTHG_9", "R9-03",
     "NOT_MET", None),
    ("9-pension-60", with_(fatima, pension_contribution_months=60), "AUFENTHG_9", "R9-03",
     "MET", None),
    ("9-conviction-weighing", with_(fatima, convictions=ts(20)), "AUFENTHG_9", "R9-04",
     "UNKNOWN", None),
    ("9-ban", with_(fatima, employment_ban_60a6=True), "AUFENTHG_9", "R9-05", "NOT_MET", None),
    ("9-b1", with_(fatima, german=GERMAN_A1), "AUFENTHG_9", "R9-06", "NOT_MET", None),
    ("9-civics", with_(fatima, civics={}), "AUFENTHG_9", "R9-07", "NOT_MET", None),
    ("9-housing-unknown", with_(fatima, housing_sufficient=DROP), "AUFENTHG_9", "R9-08",
     "UNKNOWN", None),
    ("9-passport", with_(fatima, passport={"held": False}), "AUFENTHG_9", "R9-10", "NOT_MET",
     None),
    # § 26 Abs. 3
    ("26-3-5y-today", with_(yonas, asylum={"application_date": "2021-11-21",
                                           "outcome": "RECOGNISED"}),
     "AUFENTHG_26_3", "R26-3-01", "MET", None),
    ("26-3-5y-tomorrow", with_(yonas, asylum={"application_date": "2021-11-22",
                                              "outcome": "RECOGNISED"}),
     "AUFENTHG_26_3", "R26-3-01", "NOT_MET", None),
    ("26-3-notice", with_(yonas, protection={"status": "FLUECHTLING",
                                             "bamf_revocation_notice": True}),
     "AUFENTHG_26_3", "R26-3-02", "NOT_MET", None),
    ("26-3-lu-50", with_(yonas, livelihood={"household_share_percent": 50}), "AUFENTHG_26_3",
     "R26-3-03", "NOT_MET", None),
    ("26-3-lu-51", with_(yonas, livelihood={"household_share_percent": 51}), "AUFENTHG_26_3",
     "R26-3-03", "MET", None),
    ("26-3-a1", with_(yonas, german=GERMAN_A1), "AUFENTHG_26_3", "R26-3-04", "NOT_MET", None),
    ("26-3-housing", with_(yonas, housing_sufficient=False), "AUFENTHG_26_3", "R26-3-05",
     "NOT_MET", None),
    ("26-3-identity", with_(yonas, identity={"clarified": False}), "AUFENTHG_26_3", "R26-3-06",
     "NOT_MET", None),
    ("26-3c1-3y", yonas, "AUFENTHG_26_3_C1", "R26-3C-01", "MET", None),
    ("26-3c1-lu-75", with_(yonas, livelihood={"household_share_percent": 75}),
     "AUFENTHG_26_3_C1", "R26-3C-03", "MET", None),
    ("26-3c1-lu-74", with_(yonas, livelihood={"household_share_percent": 74}),
     "AUFENTHG_26_3_C1", "R26-3C-03", "NOT_MET", None),
    ("26-3c1-c1", with_(yonas, german=[{"cefr": "C1", "scope": "OVERALL",
                                        "date": "2025-01-01"}]),
     "AUFENTHG_26_3_C1", "R26-3C-04", "MET", None),
    ("26-3c1-notice", yonas, "AUFENTHG_26_3_C1", "R26-3C-02", "MET", None),
    ("26-3c1-rest", yonas, "AUFENTHG_26_3_C1", "R26-3C-05", "MET", None),
    ("26-3c1-identity", yonas, "AUFENTHG_26_3_C1", "R26-3C-06", "MET", None),
    # § 26 Abs. 4
    ("26-4-5y-incl-asylum", ahmad, "AUFENTHG_26_4", "R26-4-01", "MET", None),
    ("26-4-5y-today", with_(fatima, status_periods=AE_SINCE("2021-11-21")), "AUFENTHG_26_4",
     "R26-4-01", "MET", None),
    ("26-4-5y-tomorrow", with_(fatima, status_periods=AE_SINCE("2021-11-22")), "AUFENTHG_26_4",
     "R26-4-01", "NOT_MET", None),
    ("26-4-lu", ahmad, "AUFENTHG_26_4", "R26-4-02", "NOT_MET", None),
    ("26-4-passport", with_(fatima, passport={"held": False}), "AUFENTHG_26_4", "R26-4-03",
     "NOT_MET", None),
    ("26-4-minor-entry", with_(fatima, date_of_birth="2000-01-01"), "AUFENTHG_26_4",
     "R26-4-04", "UNKNOWN", None),
    ("26-4-temporary-24", with_(fatima, status_periods=AE_SINCE("2021-01-01", "§ 24 AufenthG")),
     "AUFENTHG_26_4", "R26-4-05", "UNKNOWN", None),
    # § 10 StAG
    ("stag-5y-today", with_(fatima, status_periods=AE_SINCE("2021-11-21")), "STAG_10", "R10-01",
     "MET", None),
    ("stag-5y-tomorrow", with_(fatima, status_periods=AE_SINCE("2021-11-22")), "STAG_10",
     "R10-01", "NOT_MET", None),
    ("stag-8y-in-2023", with_(fatima, status_periods=AE_SINCE("2018-01-01")), "STAG_10",
     "R10-01", "NOT_MET", "2023-06-01"),
    ("stag-age", fatima, "STAG_10", "R10-02", "MET", None),
    ("stag-identity", with_(fatima, identity={"clarified": False}), "STAG_10", "R10-03",
     "NOT_MET", None),
    ("stag-declaration", with_(fatima, declarations={}), "STAG_10", "R10-04", "UNKNOWN", None),
    ("stag-1a-since-2024", with_(fatima, declarations={"stag_declarations": False}), "STAG_10",
     "R10-05", "NOT_MET", None),
    ("stag-excluded-title", with_(fatima, status_periods=AE_SINCE(
        "2019-01-01", "§ 25 Abs. 5 AufenthG")), "STAG_10", "R10-06", "NOT_MET", None),
    ("stag-sgb2", with_(fatima, livelihood={"benefits": [
        {"type": "SGB_II", "from": "2025-01-01", "to": None}]}, employment_periods=[]),
     "STAG_10", "R10-07", "NOT_MET", None),
    ("stag-90ts", with_(fatima, convictions=ts(90)), "STAG_10", "R10-08", "MET", None),
    ("stag-91ts", with_(fatima, convictions=ts(91)), "STAG_10", "R10-08", "MET", None),
    ("stag-112ts", with_(fatima, convictions=ts(112)), "STAG_10", "R10-08", "NOT_MET", None),
    ("stag-b1", with_(fatima, german=GERMAN_A1), "STAG_10", "R10-09", "NOT_MET", None),
    ("stag-test", with_(fatima, civics={"lid_test_passed": "2020-02-01"}), "STAG_10", "R10-10",
     "NOT_MET", None),
    ("stag-manual", fatima, "STAG_10", "R10-11", "UNKNOWN", None),
    ("stag-extremism", conduct(fatima, extremism=True), "STAG_10", "R10-13", "NOT_MET", None),
    ("stag-3y-route-2025", with_(fatima, german=[{"cefr": "C1", "scope": "OVERALL",
                                                  "date": "2024-01-01"}]),
     "STAG_10_3", "R10-FT", "UNKNOWN", "2025-01-01"),
]


def _criterion(case: tuple) -> tuple[dict[str, Any], dict[str, Any] | None]:
    _cid, build, pathway, rule_id, _status, as_of = case
    result = screen(build(), D(as_of) if as_of else AS_OF)[pathway]
    found = [c for c in result["criteria"] if c["rule_id"] == rule_id]
    return result, found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_case(case):
    result, criterion = _criterion(case)
    assert criterion is not None, (case[0], result)
    assert criterion["status"] == case[4], (case[0], result["justification"], result["criteria"])


EXEMPT = {
    # Informational or modifier rows without an own evaluation (documented in the rule text).
    "R25A-P2", "R25A-P3", "R25B-F1", "R104C-06", "R104C-07", "R104C-08", "R104C-T3",
    "R104C-T4", "R104C-T5", "R104C-T6", "X60C-05", "R9-09", "R10-12",
    # Covered by dedicated tests below.
    "R25A-P1", "R25A-P4",
}


def test_every_rule_has_a_case():
    covered = {c[3] for c in CASES} | EXEMPT
    assert sorted(r.id for r in rules() if r.id not in covered) == []


def _child_and_parent(parent_changes: dict[str, Any]) -> dict[str, Any]:
    child = with_(amir, id="C1", date_of_birth="2010-05-05")()
    parent = with_(kemal, id="M1", guardian_of=["C1"], livelihood={"secured": True},
                   **parent_changes)()
    return {"format": "lotse.screening-input/1", "persons": [child, parent]}


def test_parents_of_eligible_minor():
    output = screen_document(_child_and_parent({}), AS_OF)
    child, parent = output["persons"]
    assert child["results"][0]["outcome"] == "ELIGIBLE_SOLL"
    parents = {r["pathway"]: r for r in parent["results"]}["AUFENTHG_25A_PARENTS"]
    assert parents["outcome"] == "DISCRETION"


def test_parents_excluded_by_conviction():
    output = screen_document(_child_and_parent({"convictions": ts(51)}), AS_OF)
    parents = {r["pathway"]: r for r in output["persons"][1]["results"]}["AUFENTHG_25A_PARENTS"]
    assert parents["outcome"] == "EXCLUDED"
    assert parents["missing"] == ["R25A-P4"]


def test_parents_without_child_in_file_are_unknown():
    parents = screen(with_(kemal, guardian_of=["nobody"])())["AUFENTHG_25A_PARENTS"]
    assert parents["outcome"] == "UNKNOWN"


def test_early_60b_period_does_not_force_review_when_both_readings_are_met():
    build = with_(mamadou, entry_date="2012-01-01", status_periods=[
        period("GESTATTUNG", "2012-01-01", "2013-12-31"),
        period("DULDUNG_60B", "2014-01-01", "2015-12-31"),
        period("DULDUNG_60A", "2016-01-01")])
    result = screen(build())["AUFENTHG_25B"]
    assert result["outcome"] == "ELIGIBLE_SOLL"
    assert "unverified:60b_continuity" not in result["flags"]


def test_104c_holder_gets_expiry_deadlines_and_c2_review():
    build = with_(mamadou, status_periods=[
        period("GESTATTUNG", "2016-01-01", "2017-12-31"),
        period("DULDUNG_60A", "2018-01-01", "2025-06-30"),
        period("AE", "2025-07-01", "2026-12-31", "§ 104c AufenthG")])
    results = screen(build())
    deadlines = results["AUFENTHG_104C"]["deadlines"]
    assert [d["date"] for d in deadlines] == ["2026-12-31", "2026-09-30"]
    assert results["AUFENTHG_104C"]["outcome"] == "NOT_APPLICABLE"
    assert results["AUFENTHG_25B"]["outcome"] == "REVIEW"
    assert "conflict:C2" in results["AUFENTHG_25B"]["flags"]


def test_60d_not_yet_when_only_months_are_missing():
    build = with_(mamadou, employment_periods=[
        {"from": "2026-03-01", "to": None, "hours_per_week": 25, "social_insurance": True}])
    result = screen(build())["AUFENTHG_60D"]
    assert (result["outcome"], result["earliest_date"]) == ("NOT_YET", "2027-03-01")
    assert screen(build(), D("2027-03-01"))["AUFENTHG_60D"]["outcome"] == "ELIGIBLE_SOLL"
    assert screen(build(), D("2027-02-28"))["AUFENTHG_60D"]["outcome"] == "NOT_YET"


def test_time_gap_wins_over_unknown_facts():
    build = with_(tolerated("2022-01-01"), declarations={})
    result = screen(build())["AUFENTHG_25B"]
    assert result["outcome"] == "NOT_YET"
    assert "declarations.fdgo_signed" in result["unknown"]


def test_25a_not_applicable_when_time_runs_past_the_27th_birthday():
    build = with_(amir, date_of_birth="2000-01-10", status_periods=[
        period("GESTATTUNG", "2021-09-06", "2026-06-30"), period("DULDUNG_60A", "2026-07-01")])
    result = screen(build())["AUFENTHG_25A"]
    assert result["outcome"] == "NOT_APPLICABLE"
    assert "10.01.2027" in result["justification"] or "09.01.2027" in result["justification"]
