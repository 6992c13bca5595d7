"""Deterministic synthetic persons whose histories resemble NRW's immigrant population.

Rates are rough and documented here rather than sourced: about a quarter tolerated
(Duldung), a sixth still in the asylum procedure, a third with protection, Ukrainians under
§ 24, the rest labour or family migration; language certificates, work, school and convictions
at plausible rates. Nothing here describes a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from lotse.demo.names import POOLS, STREETS, VARIANTS
from lotse.people.models import PersonName
from lotse.people.services import PersonData

CITIES = {
    "Kreis Musterland": [("59100", "Musterstadt"), ("59110", "Nordheim"), ("59120", "Südhausen")],
    "Stadt Beispielstadt": [("44100", "Beispielstadt")],
}

TRAININGS = [
    "Pflegefachmann/-frau",
    "Kfz-Mechatroniker/in",
    "Elektroniker/in",
    "Koch/Köchin",
    "Fachkraft für Lagerlogistik",
    "Anlagenmechaniker/in SHK",
    "Verkäufer/in",
]

_NATIONALITIES = list(POOLS)
_WEIGHTS = [POOLS[n][0] for n in _NATIONALITIES]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _child_fact(child: PersonData) -> dict[str, Any]:
    born = dt.date(child.birth_year or 2000, child.birth_month or 1, child.birth_day or 1)
    return {
        "date_of_birth": born.isoformat(),
        "in_household": True,
        "school_attendance_proven": "school_periods" in (child.facts or {}),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class Generator:
    def __init__(self, *, seed: int, kommune: str, today: dt.date) -> None:
        self.rng = random.Random(f"{seed}:{kommune}")
        self.kommune = kommune
        self.today = today

    def persons(self, count: int) -> Iterator[tuple[PersonData, int | None]]:
        """`count` persons; each with the index of its parent in this run (or None).

        About a fifth of adults from 25 arrive with one or two children of the same family.
        """
        index = 0
        while index < count:
            parent = self.person(index)
            family = [parent]
            age = self.today.year - (parent.birth_year or self.today.year)
            if age >= 25 and self.rng.random() < 0.2:
                for _child in range(min(self.rng.randint(1, 2), count - index - 1)):
                    family.append(self.person(index + len(family), family_of=parent))
            if age >= 18 and parent.facts is not None:
                parent.facts["household"] = {
                    "partner_in_household": self.rng.random() < 0.5,
                    "minor_children": [_child_fact(child) for child in family[1:]],
                }
            yield parent, None
            for child in family[1:]:
                yield child, index
            index += len(family)

    def person(self, index: int, family_of: PersonData | None = None) -> PersonData:
        rng = self.rng
        nationality = (
            family_of.nationalities[0] if family_of else rng.choices(_NATIONALITIES, _WEIGHTS)[0]
        )
        _w, families, women, men, languages = POOLS[nationality]
        female = rng.random() < 0.45
        given = rng.choice(women if female else men)
        family = family_of.family_name if family_of else rng.choice(families)
        age = rng.randint(2, 17) if family_of else min(75, max(0, int(rng.gauss(29, 13))))
        born = _day(
            rng,
            _years_before(self.today, age + 1) + dt.timedelta(days=1),
            _years_before(self.today, age),
        )
        earliest_entry = max(dt.date(2013, 1, 1), born)
        entry = _day(rng, earliest_entry, self.today - dt.timedelta(days=30))
        if nationality == "UA":
            entry = _day(rng, max(born, dt.date(2022, 3, 1)), self.today - dt.timedelta(days=30))
        if family_of and family_of.facts and "entry_date" in family_of.facts:
            entry = max(born, dt.date.fromisoformat(family_of.facts["entry_date"]))
        partial_birth = rng.random() < 0.04  # only the year is known
        postcode, city = rng.choice(CITIES.get(self.kommune, [("00000", "Musterort")]))
        if family_of:
            postcode, city = family_of.postcode, family_of.city
        other_names = [
            (PersonName.Kind.TRANSLITERATION.value, family, variant)
            for variant in VARIANTS.get(given, [])
            if rng.random() < 0.5
        ]
        other_names += [
            (PersonName.Kind.TRANSLITERATION.value, variant, given)
            for variant in VARIANTS.get(family, [])
            if rng.random() < 0.5
        ]
        periods, facts = self._history(nationality, born, entry)
        return PersonData(
            family_name=family,
            given_names=given,
            birth_year=born.year,
            birth_month=None if partial_birth else born.month,
            birth_day=None if partial_birth else born.day,
            sex="F" if female else "M",
            nationalities=[nationality],
            languages=list(languages[: rng.randint(1, len(languages))]),
            interpreter_needed=rng.random() < 0.35,
            phone=f"0151 {rng.randint(1000000, 9999999)}" if rng.random() < 0.7 else "",
            email="",
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=postcode,
            city=city,
            azr_number=f"{rng.randint(10**11, 10**12 - 1)}" if rng.random() < 0.8 else "",
            reference=f"D-{index + 1:07d}",
            other_names=other_names,
            status_periods=periods,
            facts=facts,
        )

    def _history(
        self, nationality: str, born: dt.date, entry: dt.date
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        rng, today = self.rng, self.today
        facts: dict[str, Any] = {"entry_date": entry.isoformat()}
        periods: list[dict[str, Any]] = []
        roll = rng.random()
        if nationality == "UA":
            periods.append(
                {"type": "AE", "legal_basis": "§ 24 AufenthG", "from": entry, "to": None}
            )
            facts["protection"] = {"status": "TEMPORARY_24", "granted_date": entry.isoformat()}
        elif roll < 0.15 or nationality in ("TR", "XK", "RU") and roll < 0.5:
            self._labour_or_family(periods, facts, entry)
        else:
            application = min(entry + dt.timedelta(days=rng.randint(3, 40)), today)
            decided = application + dt.timedelta(days=rng.randint(120, 900))
            if decided >= today or roll < 0.30:
                periods.append({"type": "GESTATTUNG", "from": application, "to": None})
                facts["asylum"] = {
                    "application_date": application.isoformat(),
                    "outcome": "PENDING",
                }
            elif roll < 0.62:
                self._protected(periods, facts, application, decided)
            else:
                self._tolerated(periods, facts, application, decided)
        self._integration(facts, born, entry)
        return periods, facts

    def _labour_or_family(
        self, periods: list[dict[str, Any]], facts: dict[str, Any], entry: dt.date
    ) -> None:
        basis = self.rng.choice(
            ["§ 18b AufenthG", "§ 30 AufenthG", "§ 16a AufenthG", "§ 28 AufenthG"]
        )
        periods.append(
            {
                "type": "VISUM",
                "from": entry - dt.timedelta(days=60),
                "to": entry + dt.timedelta(days=89),
            }
        )
        ae_from = entry + dt.timedelta(days=90)
        ne_from = ae_from + dt.timedelta(days=365 * 5 + self.rng.randint(0, 300))
        periods.append(
            {
                "type": "AE",
                "legal_basis": basis,
                "from": ae_from,
                "to": ne_from - dt.timedelta(days=1) if ne_from < self.today else None,
            }
        )
        if ne_from < self.today:
            periods.append(
                {"type": "NE", "legal_basis": "§ 9 AufenthG", "from": ne_from, "to": None}
            )
        facts["identity"] = {
            "clarified": True,
            "clarified_date": entry.isoformat(),
            "method": "PASSPORT",
        }
        facts["passport"] = {
            "held": True,
            "valid_until": (self.today + dt.timedelta(days=self.rng.randint(30, 3000))).isoformat(),
        }

    def _protected(
        self,
        periods: list[dict[str, Any]],
        facts: dict[str, Any],
        application: dt.date,
        decided: dt.date,
    ) -> None:
        rng = self.rng
        status, basis = rng.choice(
            [
                ("FLUECHTLING", "§ 25 Abs. 2 S. 1 Alt. 1 AufenthG"),
                ("SUBSIDIAER", "§ 25 Abs. 2 S. 1 Alt. 2 AufenthG"),
                ("ABSCHIEBUNGSVERBOT", "§ 25 Abs. 3 AufenthG"),
            ]
        )
        periods.append({"type": "GESTATTUNG", "from": application, "to": decided})
        ae_from = decided + dt.timedelta(days=rng.randint(14, 120))
        if ae_from > self.today:
            ae_from = self.today
        periods.append({"type": "AE", "legal_basis": basis, "from": ae_from, "to": None})
        facts["asylum"] = {
            "application_date": application.isoformat(),
            "final_date": decided.isoformat(),
            "outcome": "RECOGNISED" if status != "ABSCHIEBUNGSVERBOT" else "REJECTED",
        }
        facts["protection"] = {
            "status": status,
            "granted_date": decided.isoformat(),
            "bamf_revocation_notice": False,
        }
        clarified = rng.random() < 0.8
        facts["identity"] = {"clarified": clarified, "method": "PASSPORT"}
        if clarified:
            facts["identity"]["clarified_date"] = min(
                application + dt.timedelta(days=rng.randint(5, 200)), self.today
            ).isoformat()
            facts["passport"] = {
                "held": True,
                "valid_until": (
                    self.today + dt.timedelta(days=rng.randint(-100, 3000))
                ).isoformat(),
            }

    def _tolerated(
        self,
        periods: list[dict[str, Any]],
        facts: dict[str, Any],
        application: dt.date,
        decided: dt.date,
    ) -> None:
        rng = self.rng
        periods.append({"type": "GESTATTUNG", "from": application, "to": decided})
        unclear = rng.random() < 0.2
        kind = (
            "DULDUNG_60B"
            if unclear
            else rng.choices(["DULDUNG_60A", "DULDUNG_60C", "DULDUNG_60D"], [8, 1, 1])[0]
        )
        duldung_from = decided + dt.timedelta(days=1)
        if not unclear and duldung_from < dt.date(2017, 10, 31) and rng.random() < 0.3:
            # Chancen-Aufenthaltsrecht: five years of Duldung on 31.10.2022, 18 months' permit.
            granted = _day(rng, dt.date(2023, 1, 15), dt.date(2024, 6, 30))
            expires = granted + dt.timedelta(days=548)
            periods.append(
                {"type": kind, "from": duldung_from, "to": granted - dt.timedelta(days=1)}
            )
            periods.append(
                {
                    "type": "AE",
                    "legal_basis": "§ 104c AufenthG",
                    "from": granted,
                    "to": expires if expires < self.today else None,
                }
            )
            if expires < self.today:
                periods.append(
                    {"type": "FIKTION", "from": expires + dt.timedelta(days=1), "to": None}
                )
            # Holders apply for the follow-up title (§ 25a/§ 25b) before the permit expires.
            if rng.random() < 0.7:
                filed = min(expires - dt.timedelta(days=rng.randint(10, 120)), self.today)
                facts["applications"] = [
                    {
                        "pathway": "AUFENTHG_25B",
                        "filed_date": filed.isoformat(),
                        "outcome": "PENDING",
                    }
                ]
        else:
            periods.append({"type": kind, "from": duldung_from, "to": None})
        facts["asylum"] = {
            "application_date": application.isoformat(),
            "final_date": decided.isoformat(),
            "outcome": rng.choice(["REJECTED", "REJECTED", "REJECTED_OU"]),
        }
        facts["identity"] = {
            "clarified": not unclear,
            "all_reasonable_steps_taken": not unclear and rng.random() < 0.7,
        }
        if not unclear:
            # Identity is usually clarified early (passport handed in) or much later (Stufenmodell).
            delay = rng.choice([rng.randint(10, 150), rng.randint(150, 1500)])
            facts["identity"]["clarified_date"] = min(
                application + dt.timedelta(days=delay), self.today
            ).isoformat()
            facts["identity"]["method"] = rng.choice(["PASSPORT", "PASSPORT", "OTHER_DOCUMENTS"])
        facts["passport"] = {"held": not unclear and rng.random() < 0.6}
        if kind == "DULDUNG_60C" or (not unclear and rng.random() < 0.15):
            start = max(decided + dt.timedelta(days=rng.randint(30, 400)), application)
            if start < self.today:
                facts["training"] = {
                    "kind": "QUALIFIED",
                    "occupation": rng.choice(TRAININGS),
                    "contract_date": (start - dt.timedelta(days=60)).isoformat(),
                    "start": start.isoformat(),
                    "planned_end": (start + dt.timedelta(days=3 * 365)).isoformat(),
                }
        facts["conduct"] = {
            "own_deception": unclear and rng.random() < 0.3,
            "non_cooperation_current": unclear,
            "extremism": False,
            "expulsion_order": False,
            "removal_measures": [],
        }

    def _integration(self, facts: dict[str, Any], born: dt.date, entry: dt.date) -> None:
        """Language, school, work, civics and record, more complete the longer the stay."""
        years_here = (self.today - entry).days / 365.25
        adult = _years_before(self.today, 18) > born
        level = self._language(facts, born, entry, years_here)
        self._school(facts, born, entry)
        if adult:
            self._work(facts, entry, years_here)
            self._civics(facts, entry, years_here, level)
            self._record(facts, entry)
            if years_here >= 4 and self.rng.random() < 0.25:
                self._well_integrated(facts, entry)

    def _language(self, facts: dict[str, Any], born: dt.date, entry: dt.date, years: float) -> int:
        rng, today = self.rng, self.today
        levels = ["A1", "A2", "B1", "B2", "C1"]
        reached = min(len(levels), int(rng.random() * (1.5 + years)))
        if (
            not reached
            or born >= _years_before(today, 14)
            or entry + dt.timedelta(days=181) >= today
        ):
            return 0
        when = _day(rng, entry + dt.timedelta(days=180), today - dt.timedelta(days=1))
        facts["german"] = [
            {"cefr": levels[reached - 1], "scope": "OVERALL", "date": when.isoformat()}
        ]
        return reached

    def _school(self, facts: dict[str, Any], born: dt.date, entry: dt.date) -> None:
        rng, today = self.rng, self.today
        age_at_entry = (entry - born).days / 365.25
        if age_at_entry >= 18 or (today - born).days / 365.25 <= 7:
            return
        start = max(entry + dt.timedelta(days=30), _years_before(born, -6))
        end = min(today, _years_before(born, -17))
        if end <= start:
            return
        finished = end < today
        facts["school_periods"] = [
            {
                "from": start.isoformat(),
                "to": _iso(end if finished else None),
                "regular_attendance": rng.random() < 0.85,
            }
        ]
        if finished and rng.random() < 0.7:
            facts["degrees"] = [
                {
                    "type": "SCHULABSCHLUSS",
                    "country": "DE",
                    "date": end.isoformat(),
                    "recognised": True,
                }
            ]

    def _work(self, facts: dict[str, Any], entry: dt.date, years: float) -> None:
        rng, today = self.rng, self.today
        if entry + dt.timedelta(days=211) >= today or rng.random() >= min(0.75, 0.12 * years):
            benefit = "SGB_II" if rng.random() < 0.6 else "ASYLBLG"
            facts["livelihood"] = {
                "secured": False,
                "own_share_percent": 0,
                "household_share_percent": 0,
                "benefits": [{"type": benefit, "from": entry.isoformat(), "to": None}],
            }
            return
        start = _day(rng, entry + dt.timedelta(days=200), today - dt.timedelta(days=10))
        hours = rng.choice([15, 20, 25, 30, 39, 40, 40])
        insured = rng.random() < 0.9
        facts["employment_periods"] = [
            {
                "from": start.isoformat(),
                "to": None,
                "hours_per_week": hours,
                "social_insurance": insured,
                "qualified": rng.random() < 0.3,
            }
        ]
        share = min(100, int(hours * 2.6 + rng.randint(-10, 10)))
        facts["livelihood"] = {
            "secured": share >= 100,
            "own_share_percent": max(0, share),
            "household_share_percent": max(0, share - rng.randint(0, 30)),
        }
        if insured:
            facts["pension_contribution_months"] = max(0, (today - start).days // 30)
        facts["ba_consent"] = True

    def _civics(self, facts: dict[str, Any], entry: dt.date, years: float, level: int) -> None:
        rng, today = self.rng, self.today
        if level >= 2 and years >= 2 and rng.random() < 0.6:
            passed = _day(rng, entry + dt.timedelta(days=365), today - dt.timedelta(days=1))
            civics: dict[str, Any] = {
                "lid_test_passed": passed.isoformat(),
                "integration_course_completed": passed.isoformat(),
            }
            if level >= 3 and rng.random() < 0.5:
                civics["einbuergerungstest_passed"] = passed.isoformat()
            facts["civics"] = civics
        if years >= 3:
            facts["declarations"] = {
                "fdgo_signed": rng.random() < 0.7,
                "stag_declarations": rng.random() < 0.4,
            }
            facts["housing_sufficient"] = rng.random() < 0.85

    def _well_integrated(self, facts: dict[str, Any], entry: dt.date) -> None:
        """About a quarter of long-term residents have everything in order: B1, a full-time job
        for years, the tests and declarations – the people naturalisation and NE are for."""
        rng, today = self.rng, self.today
        start = entry + dt.timedelta(days=rng.randint(200, 500))
        certified = (entry + dt.timedelta(days=rng.randint(400, 900))).isoformat()
        facts["german"] = [
            {"cefr": rng.choice(["B1", "B1", "B2", "C1"]), "scope": "OVERALL", "date": certified}
        ]
        facts["employment_periods"] = [
            {
                "from": start.isoformat(),
                "to": None,
                "hours_per_week": 40,
                "social_insurance": True,
                "qualified": rng.random() < 0.5,
            }
        ]
        facts["livelihood"] = {
            "secured": True,
            "own_share_percent": 100,
            "household_share_percent": 100,
        }
        facts["pension_contribution_months"] = max(0, (today - start).days // 30)
        facts["civics"] = {
            "lid_test_passed": certified,
            "einbuergerungstest_passed": certified,
            "integration_course_completed": certified,
        }
        facts["declarations"] = {"fdgo_signed": True, "stag_declarations": True}
        facts["housing_sufficient"] = True
        facts["convictions"] = []
        facts["pending_criminal_investigation"] = False

    def _record(self, facts: dict[str, Any], entry: dt.date) -> None:
        """Most files know the criminal record (Bundeszentralregister); some do not yet."""
        rng, today = self.rng, self.today
        if rng.random() < 0.12:
            return  # unknown: the screening asks for it
        facts["convictions"] = []
        facts["pending_criminal_investigation"] = False
        facts.setdefault(
            "conduct",
            {
                "own_deception": False,
                "non_cooperation_current": False,
                "extremism": False,
                "expulsion_order": False,
                "removal_measures": [],
            },
        )
        if entry + dt.timedelta(days=101) < today and rng.random() < 0.035:
            final = _day(rng, entry + dt.timedelta(days=100), today - dt.timedelta(days=1))
            facts["convictions"] = [
                {
                    "final_date": final.isoformat(),
                    "sanction": "GELDSTRAFE",
                    "tagessaetze": rng.choice([15, 30, 40, 60, 90, 120]),
                    "foreigner_specific": rng.random() < 0.3,
                    "intentional": True,
                }
            ]
