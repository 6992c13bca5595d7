"""Law versions per pathway with validity dates, legal consequence and parameters.

`versions_on(as_of)` picks one version per pathway once per evaluation date (cached), so the
hot path does a dict lookup. Parameters are the numbers the statute names (years, months,
hours, age limits, cut-off dates); their values change only by version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

_D = dt.date.fromisoformat


@dataclass(frozen=True, slots=True)
class LawVersion:
    id: str
    pathway: str
    norm: str
    valid_from: dt.date
    valid_to: dt.date | None
    consequence: str  # ANSPRUCH | SOLL | REGEL | KANN
    law: str
    verification: str = "VERIFIED"
    years: int = 0
    years_reduced: int = 0
    months: int = 0
    hours: int = 0
    max_age: int = 0
    cutoff: dt.date | None = None
    flags: tuple[str, ...] = ()

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_L4 = "Gesetz zur Einführung eines Chancen-Aufenthaltsrechts v. 21.12.2022, BGBl. I S. 2847"
_L7 = "Rückführungsverbesserungsgesetz v. 21.02.2024, BGBl. 2024 I Nr. 54"

VERSIONS: tuple[LawVersion, ...] = (
    LawVersion("25a@2011", "AUFENTHG_25A", "§ 25a Abs. 1 AufenthG", _D("2011-07-01"),
               _D("2015-07-31"), "KANN", "BGBl. I 2011 S. 1266", "VERIFIED", years=6,
               months=0, max_age=21),
    LawVersion("25a@2015", "AUFENTHG_25A", "§ 25a Abs. 1 AufenthG", _D("2015-08-01"),
               _D("2022-12-30"), "SOLL", "Gesetz zur Neubestimmung des Bleiberechts (L1)",
               "VERIFIED", years=4, months=0, max_age=21),
    # Conflict C2: repeal of the § 104c alternative on 31.12.2025 (buzer, S02) or 01.07.2027
    # (asyl.net, S04). The primary-text reading (S02) selects the version; § 104c holders are
    # flagged REVIEW in the conflict window.
    LawVersion("25a@2022", "AUFENTHG_25A", "§ 25a Abs. 1 AufenthG", _D("2022-12-31"),
               _D("2025-12-30"), "SOLL", _L4, "VERIFIED", years=3, months=12, max_age=27),
    LawVersion("25a@post104c", "AUFENTHG_25A", "§ 25a Abs. 1 AufenthG", _D("2025-12-31"), None,
               "SOLL", _L4 + ", Art. 5", "CONFLICT", years=3, months=12, max_age=27),
    LawVersion("25a@2011-p", "AUFENTHG_25A_PARENTS", "§ 25a Abs. 2 AufenthG", _D("2011-07-01"),
               None, "KANN", "BGBl. I 2011 S. 1266; L1; L4", "UNVERIFIED"),
    LawVersion("25b@2015", "AUFENTHG_25B", "§ 25b Abs. 1 AufenthG", _D("2015-08-01"),
               _D("2019-12-31"), "SOLL", "L1", "VERIFIED", years=8, years_reduced=6),
    LawVersion("25b@2020", "AUFENTHG_25B", "§ 25b Abs. 1 AufenthG", _D("2020-01-01"),
               _D("2022-12-30"), "SOLL", "L2", "VERIFIED", years=8, years_reduced=6),
    LawVersion("25b@2022", "AUFENTHG_25B", "§ 25b Abs. 1 AufenthG", _D("2022-12-31"),
               _D("2025-12-30"), "SOLL", _L4, "VERIFIED", years=6, years_reduced=4),
    LawVersion("25b@post104c", "AUFENTHG_25B", "§ 25b Abs. 1 AufenthG", _D("2025-12-31"), None,
               "SOLL", _L4 + ", Art. 5", "CONFLICT", years=6, years_reduced=4),
    LawVersion("25b6@2020", "AUFENTHG_25B_60D", "§ 25b Abs. 6 AufenthG", _D("2020-01-01"), None,
               "SOLL", "L2", "VERIFIED", months=30),
    # Conflict C1: last day of the old § 104c is 30.12.2025 (S02) – applications of 31.12.2025
    # are REVIEW.
    LawVersion("104c@2022", "AUFENTHG_104C", "§ 104c Abs. 1 AufenthG", _D("2022-12-31"),
               _D("2025-12-30"), "SOLL", _L4, "VERIFIED", years=5, cutoff=_D("2022-10-31")),
    LawVersion("104c@2025", "AUFENTHG_104C", "§ 104c AufenthG (Übergangsregelung)",
               _D("2025-12-31"), None, "SOLL", _L4 + ", Art. 5", "CONFLICT",
               cutoff=_D("2025-12-31")),
    LawVersion("60c@2020", "AUFENTHG_60C", "§ 60c AufenthG", _D("2020-01-01"), None, "ANSPRUCH",
               "L2; L7", "VERIFIED", months=3),
    LawVersion("16g@2024", "AUFENTHG_16G", "§ 16g AufenthG", _D("2024-03-01"), None, "ANSPRUCH",
               "FEG 2.0 (L5)", "VERIFIED", months=3),
    LawVersion("60d@2020", "AUFENTHG_60D", "§ 60d AufenthG", _D("2020-01-01"), _D("2024-02-26"),
               "REGEL", "L2; L6", "VERIFIED", months=18, hours=35, cutoff=_D("2018-08-01")),
    # Conflict C5: in force 27.02.2024 (S17, S18) rather than 01.03.2024 (S22).
    LawVersion("60d@2024", "AUFENTHG_60D", "§ 60d AufenthG", _D("2024-02-27"), None, "REGEL",
               _L7, "VERIFIED", months=12, hours=20, cutoff=_D("2022-12-31")),
    # Conflict C9: "kann" (S32, S68) against "muss"/"sollen" – DISCRETION.
    LawVersion("19d@2020", "AUFENTHG_19D", "§ 19d Abs. 1 AufenthG", _D("2020-03-01"),
               _D("2024-02-29"), "KANN", "FEG (L3)", "CONFLICT", flags=("conflict:C9",)),
    LawVersion("19d@2024", "AUFENTHG_19D", "§ 19d Abs. 1 AufenthG", _D("2024-03-01"), None,
               "KANN", "FEG 2.0 (L5)", "CONFLICT", flags=("conflict:C9",)),
    LawVersion("19d1a@2020", "AUFENTHG_19D_1A", "§ 19d Abs. 1a AufenthG", _D("2020-03-01"), None,
               "ANSPRUCH", "FEG (L3)", "VERIFIED"),
    # § 9: valid_from UNVERIFIED (structure stable since 2005 / 2016).
    LawVersion("9@current", "AUFENTHG_9", "§ 9 Abs. 2 AufenthG", _D("2005-01-01"), None,
               "ANSPRUCH", "AufenthG 2004", "UNVERIFIED", years=5, months=60),
    LawVersion("26-3@2016", "AUFENTHG_26_3", "§ 26 Abs. 3 AufenthG", _D("2016-08-06"), None,
               "ANSPRUCH", "Integrationsgesetz 2016", "UNVERIFIED", years=5),
    LawVersion("26-3c1@2016", "AUFENTHG_26_3_C1", "§ 26 Abs. 3 S. 3 AufenthG", _D("2016-08-06"),
               None, "ANSPRUCH", "Integrationsgesetz 2016", "UNVERIFIED", years=3),
    LawVersion("26-4@2016", "AUFENTHG_26_4", "§ 26 Abs. 4 AufenthG", _D("2016-08-06"), None,
               "KANN", "Integrationsgesetz 2016", "UNVERIFIED", years=5, months=60),
    LawVersion("10@pre2024", "STAG_10", "§ 10 StAG", _D("2007-08-28"), _D("2024-06-26"),
               "ANSPRUCH", "StAG i. d. F. 2007", "VERIFIED", years=8, years_reduced=7),
    LawVersion("10@2024", "STAG_10", "§ 10 StAG", _D("2024-06-27"), _D("2025-10-29"), "ANSPRUCH",
               "StARModG v. 22.03.2024, BGBl. 2024 I Nr. 104 (L8)", "VERIFIED", years=5),
    # Conflict C6 concerns only the BGBl number of L10; the dates are verified.
    LawVersion("10@2025", "STAG_10", "§ 10 StAG", _D("2025-10-30"), None, "ANSPRUCH",
               "Gesetz zur Änderung des StAG v. 27.10.2025 (L10)", "VERIFIED", years=5),
    LawVersion("10-3@2024", "STAG_10_3", "§ 10 Abs. 3 StAG", _D("2024-06-27"), _D("2025-10-29"),
               "KANN", "StARModG (L8); gestrichen durch L10", "VERIFIED", years=3),
)

# The GEAS-Anpassungsgesetz applies from mid-2026 (12.06.2026 assumed, UNVERIFIED): its effect
# on § 26 Abs. 3/4 is unknown, so every § 26 result from that day carries the flag `unverified`.
GEAS_FROM = _D("2026-06-12")
# § 104c, § 25a/§ 25b special paragraphs: C2 window during which both readings are possible.
C2_FROM, C2_TO = _D("2025-12-31"), _D("2027-06-30")

PATHWAY_NORMS: dict[str, str] = {
    "AUFENTHG_25A": "§ 25a Abs. 1 AufenthG",
    "AUFENTHG_25A_PARENTS": "§ 25a Abs. 2 AufenthG",
    "AUFENTHG_25B": "§ 25b Abs. 1 AufenthG",
    "AUFENTHG_25B_60D": "§ 25b Abs. 6 AufenthG",
    "AUFENTHG_104C": "§ 104c AufenthG",
    "AUFENTHG_60C": "§ 60c AufenthG",
    "AUFENTHG_16G": "§ 16g AufenthG",
    "AUFENTHG_60D": "§ 60d AufenthG",
    "AUFENTHG_19D": "§ 19d Abs. 1 AufenthG",
    "AUFENTHG_19D_1A": "§ 19d Abs. 1a AufenthG",
    "AUFENTHG_9": "§ 9 AufenthG",
    "AUFENTHG_26_3": "§ 26 Abs. 3 AufenthG",
    "AUFENTHG_26_3_C1": "§ 26 Abs. 3 S. 3 AufenthG",
    "AUFENTHG_26_4": "§ 26 Abs. 4 AufenthG",
    "STAG_10": "§ 10 StAG",
    "STAG_10_3": "§ 10 Abs. 3 StAG",
}

PATHWAY_CONSEQUENCE: dict[str, str] = {v.pathway: v.consequence for v in VERSIONS}


@lru_cache(maxsize=64)
def versions_on(as_of: dt.date) -> dict[str, LawVersion | None]:
    """The version in force on `as_of` for every pathway (None: norm not in force)."""
    chosen: dict[str, LawVersion | None] = dict.fromkeys(PATHWAY_NORMS)
    for version in VERSIONS:
        if version.covers(as_of):
            chosen[version.pathway] = version
    return chosen


# Safe countries of origin (§ 29a AsylG Anlage II): list at the reference date UNVERIFIED.
# Each entry: (ISO code, listed from). EU states are not listed here (EU nationals are not
# Geduldete in practice).
SAFE_COUNTRIES: tuple[tuple[str, dt.date], ...] = (
    ("AL", _D("2015-10-24")),
    ("BA", _D("2014-11-06")),
    ("GH", _D("1993-07-01")),
    ("XK", _D("2015-10-24")),
    ("ME", _D("2015-10-24")),
    ("MK", _D("2014-11-06")),
    ("SN", _D("1993-07-01")),
    ("RS", _D("2014-11-06")),
    ("GE", _D("2023-12-23")),
    ("MD", _D("2023-12-23")),
)
