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
            yield parent, None
            parent_index = index
            index += 1
            age = self.today.year - (parent.birth_year or self.today.year)
            if age < 25 or self.rng.random() >= 0.2:
                continue
            for _child in range(self.rng.randint(1, 2)):
                if index >= count:
                    break
                yield self.person(index, family_of=parent), parent_index
                index += 1

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
        facts["identity"] = {"clarified": rng.random() < 0.8, "method": "PASSPORT"}

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
        periods.append({"type": kind, "from": decided + dt.timedelta(days=1), "to": None})
        facts["asylum"] = {
            "application_date": application.isoformat(),
            "final_date": decided.isoformat(),
            "outcome": rng.choice(["REJECTED", "REJECTED", "REJECTED_OU"]),
        }
        facts["identity"] = {
            "clarified": not unclear,
            "all_reasonable_steps_taken": not unclear and rng.random() < 0.7,
        }
        facts["passport"] = {"held": not unclear and rng.random() < 0.6}
        facts["conduct"] = {
            "own_deception": unclear and rng.random() < 0.3,
            "non_cooperation_current": unclear,
            "extremism": False,
            "expulsion_order": False,
            "removal_measures": [],
        }

    def _integration(self, facts: dict[str, Any], born: dt.date, entry: dt.date) -> None:
        rng, today = self.rng, self.today
        years_here = (today - entry).days / 365.25
        levels = ["A1", "A2", "B1", "B2", "C1"]
        reached = min(len(levels), int(rng.random() * (1 + years_here)))
        if reached and born < _years_before(today, 14) and entry + dt.timedelta(days=181) < today:
            level = levels[min(reached, len(levels)) - 1]
            when = _day(rng, entry + dt.timedelta(days=180), today - dt.timedelta(days=1))
            facts["german"] = [{"cefr": level, "scope": "OVERALL", "date": when.isoformat()}]
        age_at_entry = (entry - born).days / 365.25
        if age_at_entry < 18 and (today - born).days / 365.25 > 7:
            school_start = max(entry + dt.timedelta(days=30), _years_before(born, -6))
            school_end = min(today, _years_before(born, -17))
            if school_end > school_start:
                facts["school_periods"] = [
                    {
                        "from": school_start.isoformat(),
                        "to": _iso(school_end if school_end < today else None),
                        "regular_attendance": rng.random() < 0.85,
                    }
                ]
        adult = _years_before(today, 18) > born
        if (
            adult
            and entry + dt.timedelta(days=211) < today
            and rng.random() < min(0.7, 0.1 * years_here)
        ):
            start = _day(rng, entry + dt.timedelta(days=200), today - dt.timedelta(days=10))
            facts["employment_periods"] = [
                {
                    "from": start.isoformat(),
                    "to": None,
                    "hours_per_week": rng.choice([15, 20, 25, 30, 39, 40]),
                    "social_insurance": rng.random() < 0.85,
                }
            ]
            facts["livelihood"] = {"secured": rng.random() < 0.5}
        elif adult:
            benefit = "SGB_II" if rng.random() < 0.6 else "ASYLBLG"
            facts["livelihood"] = {
                "secured": False,
                "benefits": [{"type": benefit, "from": entry.isoformat(), "to": None}],
            }
        if adult and entry + dt.timedelta(days=101) < today and rng.random() < 0.03:
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
