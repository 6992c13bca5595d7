"""Shared building blocks computed once per person and evaluation date, reused by all pathways.

`Facts` wraps a parsed `Person` and an evaluation date; each block (presence chains, Duldung
months, conviction sums, language level, livelihood) is computed on first use and cached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from lotse.pathways.engine import dates as d
from lotse.pathways.engine.dates import Span
from lotse.pathways.engine.law import SAFE_COUNTRIES
from lotse.pathways.engine.model import DULDUNG_TYPES, Application, Person, Status

T = TypeVar("T")

LAWFUL_OR_TOLERATED = frozenset({"GESTATTUNG", "AE", "NE", "FIKTION", "VISUM"}) | DULDUNG_TYPES
COUNTABLE_DULDUNG = frozenset({"DULDUNG_60A", "DULDUNG_60C", "DULDUNG_60D"})
LAWFUL = frozenset({"AE", "NE", "FIKTION", "VISUM"})
NO_PUBLIC_FUNDS_EXEMPT = frozenset({"KINDERGELD", "BAB", "BAFOEG", "UVG", "WOHNGELD"})
SGB_II_XII = frozenset({"SGB_II", "SGB_XII"})
PUBLIC_FUNDS = frozenset({"SGB_II", "SGB_XII", "ASYLBLG"})


def _paragraph(basis: str) -> tuple[str, str]:
    """("25", "2") from "§ 25 Abs. 2 S. 1 Alt. 1 AufenthG"; ("", "") if unparseable."""
    parts = basis.replace("§", " § ").split()
    para = absatz = ""
    for index, part in enumerate(parts):
        if part == "§" and index + 1 < len(parts) and not para:
            para = parts[index + 1].lower()
        elif part.startswith("Abs") and index + 1 < len(parts) and not absatz:
            absatz = parts[index + 1]
    return para, absatz


_PARA_CACHE: dict[str, tuple[str, str]] = {}


def paragraph(basis: str) -> tuple[str, str]:
    found = _PARA_CACHE.get(basis)
    if found is None:
        found = _PARA_CACHE[basis] = _paragraph(basis)
    return found


# Safe-country listing dates by nationality: a dict lookup instead of scanning the list.
SAFE_SINCE: dict[str, tuple[dt.date, ...]] = {}
for _code, _since in SAFE_COUNTRIES:
    SAFE_SINCE[_code] = (*SAFE_SINCE.get(_code, ()), _since)

ABSCHNITT5 = frozenset({"22", "23", "23a", "24", "25", "25a", "25b", "104c"})


def is_abschnitt5(status: Status) -> bool:
    """AE under Kapitel 2 Abschnitt 5 (humanitarian titles; § 104c counts as one, S02)."""
    return status.type == "AE" and paragraph(status.basis)[0] in ABSCHNITT5


class Facts:
    """A person's facts at one evaluation date with lazily computed building blocks.

    The status on `as_of` is read by almost every pathway, so it is computed once up front;
    rarer blocks are memoised in `_cache` on first use.
    """

    __slots__ = ("p", "as_of", "_cache", "statuses", "_now", "_now_types", "_current_ae",
                 "_holds_104c", "_ban", "_any_duldung")

    def __init__(self, person: Person, as_of: dt.date) -> None:
        self.p = person
        self.as_of = as_of
        self._cache: dict[Hashable, Any] = {}
        self.statuses: list[Status] = person.status or []
        self._now = self.status_on(as_of)
        self._now_types = frozenset(s.type for s in self._now)
        current = [s for s in self._now if s.type == "AE"]
        self._current_ae = current[-1] if current else None
        self._holds_104c = self._current_ae is not None and \
            paragraph(self._current_ae.basis)[0] == "104c"
        self._ban: tuple[bool | None, str] | None = None
        self._any_duldung = any(s.type in DULDUNG_TYPES for s in self.statuses)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        try:
            value: T = self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
        return value

    # ---- status -------------------------------------------------------------------------
    def status_on(self, day: dt.date) -> list[Status]:
        return [
            s for s in self.statuses
            if s.span.start <= day and (s.span.end is None or s.span.end >= day)
        ]

    def now(self) -> list[Status]:
        return self._now

    def now_types(self) -> frozenset[str]:
        return self._now_types

    def geduldet(self) -> bool | None:
        """Tolerated on `as_of` (any Duldung type, or a Duldungsanspruch without paper)."""
        if self._now_types & DULDUNG_TYPES or self.p.duldung_claim:
            return True
        if self.p.status is None:
            return None
        return False

    def current_ae(self) -> Status | None:
        return self._current_ae

    def holds_104c(self) -> bool:
        return self._holds_104c

    def ever_type(self, kind: str) -> list[Status]:
        return [s for s in self.statuses if s.type == kind and s.span.start <= self.as_of]

    def application(self, pathway: str) -> Application | None:
        if not self.p.applications:  # the common case: nothing filed
            return None
        found = [a for a in self.p.applications if a.pathway == pathway and a.filed]
        return max(found, key=lambda a: a.filed or self.as_of) if found else None

    def application_day(self, pathway: str) -> dt.date:
        """Filing date of a pending/decided application, else today's screening date."""
        app = self.application(pathway)
        return app.filed if app and app.filed else self.as_of

    # ---- presence -----------------------------------------------------------------------
    def presence_spans(self, types: frozenset[str], *, absences: bool) -> list[Span]:
        """Merged days with a status in `types`; a first Gestattung reaches back to entry.

        § 55 Abs. 1 AsylG: the Gestattung arises with the asylum request, which usually comes
        days before the formal application – so a first Gestattung starting within 3 months of
        the entry date is taken to start on the entry date (spec §7 P01: 25b date = entry + 6y).
        """
        spans = [s.span for s in self.statuses if s.type in types]
        first = next((s for s in self.statuses if s.type in types), None)
        entry = self.p.entry
        if (first is not None and first.type == "GESTATTUNG" and entry is not None
                and entry < first.span.start and d.gap_within(entry, first.span.start, 3)):
            spans.insert(0, Span(entry, first.span.start))
        merged = d.merge(spans, self.as_of)
        if absences and self.p.absences:
            merged = d.merge(d.subtract(merged, self.p.absences), self.as_of)
        return merged

    def presence_start(
        self, types: frozenset[str], gap_months: int, gaps: int, *, at: dt.date | None = None
    ) -> dt.date | None:
        """Start of the continuous chain reaching `at` (default as_of) – see dates.chain_start."""
        day = at or self.as_of
        # Plain dict lookups rather than `cached`: this is asked ~5 times per person, and a
        # hit should not build closures.
        key = ("presence", types, gap_months, gaps, day)
        cache = self._cache
        if key in cache:
            start: dt.date | None = cache[key]
            return start
        spans = cache.get(("spans", types))
        if spans is None:
            spans = cache["spans", types] = self.presence_spans(types, absences=True)
        start = cache[key] = d.chain_start(spans, day, tolerated_gap_months=gap_months,
                                           tolerated_gaps=gaps)
        return start

    # ---- Duldung ------------------------------------------------------------------------
    def duldung_met_on(self, months: int) -> tuple[dt.date | None, dt.date | None]:
        """(day on which `months` of countable Duldung are reached, start of Duldung chain).

        § 60b Abs. 5 S. 1 AufenthG: Duldung for unclear identity is not Vorduldungszeit; it
        does not break the chain of Duldungen either, its days simply do not count.
        """
        key = ("duldung", months)
        found: tuple[dt.date | None, dt.date | None] | None = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._duldung_met_on(months)
        return found

    def _duldung_met_on(self, months: int) -> tuple[dt.date | None, dt.date | None]:
        if not self._any_duldung:  # most persons: no Duldung ever, nothing to merge
            return None, None
        chain = d.merge((s.span for s in self.statuses if s.type in DULDUNG_TYPES),
                        self.as_of)
        start = d.chain_start(chain, self.as_of)
        if start is None:
            return None, None
        countable = d.merge(
            (s.span for s in self.statuses
             if s.type in COUNTABLE_DULDUNG and (s.span.end is None or s.span.end >= start)),
            self.as_of)
        countable = [Span(max(c.start, start), c.end) for c in countable]
        if not countable:
            return None, start
        return d.credited_met_on(countable, self.as_of, months=months), start

    # ---- convictions --------------------------------------------------------------------
    def convictions_5090(self, jgg_only_jugendstrafe: bool = True) -> tuple[str, str]:
        """("ok" | "over" | "unknown" | "mixed", German note) under the 50/90 rule.

        Intentional offences committed in Germany: Geldstrafen up to 50 Tagessätze in total,
        or up to 90 for offences only foreigners can commit, are disregarded; any Freiheits-
        or Jugendstrafe is above; JGG measures other than Jugendstrafe are disregarded.
        Missing details are read both ways: the result is UNKNOWN if the readings differ.
        """
        found: tuple[str, str] | None = self._cache.get("c5090")
        if found is None:
            found = self._cache["c5090"] = self._convictions_5090()
        return found

    def _convictions_5090(self) -> tuple[str, str]:
        convictions = self.p.convictions
        if convictions is None:
            return "unknown", "Angaben zu Verurteilungen fehlen"
        sums = []
        for pessimistic in (True, False):
            general = foreign = 0
            custodial = False
            for c in convictions:
                if c.abroad is True or c.sanction == "JGG_MASSNAHME":
                    continue
                if c.intentional is False or (c.intentional is None and not pessimistic):
                    continue
                if c.sanction in ("FREIHEITSSTRAFE", "JUGENDSTRAFE") or (
                        c.sanction is None and pessimistic):
                    custodial = True
                    continue
                days = c.tagessaetze if c.tagessaetze is not None else (
                    10**6 if pessimistic else 0)
                if c.foreigner_specific is True or (c.foreigner_specific is None
                                                    and not pessimistic):
                    foreign += days
                else:
                    general += days
            sums.append((general, foreign, custodial))
        (pg, pf, pc), (og, of, oc) = sums
        if not pc and pg <= 50 and pf <= 90:
            if pg and pf and pg + pf > 50:
                return "mixed", (f"allgemeine Geldstrafen {pg} TS und ausländerrechtliche {pf} TS "
                                 "je unter der Grenze, zusammen darüber (Zusammenrechnung "
                                 "ungeklärt)")
            return "ok", "keine Verurteilung über 50/90 Tagessätze"
        if oc or og > 50 or of > 90:
            if oc:
                return "over", "Verurteilung zu Freiheits- oder Jugendstrafe"
            if og > 50:
                return "over", f"allgemeine Geldstrafen zusammen {og} Tagessätze (über 50)"
            return "over", f"ausländerrechtliche Geldstrafen zusammen {of} Tagessätze (über 90)"
        return "unknown", "Angaben zu Verurteilungen unvollständig (Vorsatz, Art, Tagessätze)"

    def relevant_convictions(self) -> bool | None:
        """Any conviction that could found an Ausweisungsinteresse (JGG measures excluded)."""
        if self.p.convictions is None:
            return None
        return any(c.sanction != "JGG_MASSNAHME" for c in self.p.convictions)

    # ---- language, civics ---------------------------------------------------------------
    def german(self, rank: int, *, oral: bool) -> bool | None:
        """Level `rank` (A1=1 … C2=6) reached; oral accepts ORAL or OVERALL evidence."""
        entries = self.p.german
        if entries is None:
            return None
        if oral:
            return any(r >= rank and s in ("ORAL", "OVERALL") for r, s in entries)
        if any(r >= rank and s == "OVERALL" for r, s in entries):
            return True
        return any(r >= rank and s == "ORAL" for r, s in entries) and any(
            r >= rank and s == "WRITTEN" for r, s in entries)

    def german_degree(self) -> bool:
        return any(g.type == "SCHULABSCHLUSS" and g.country == "DE" for g in self.p.degrees or ())

    def civic_knowledge(self) -> bool | None:
        """Grundkenntnisse: LiD test, Einbürgerungstest, integration course or German school."""
        p = self.p
        if p.lid_test or p.stag_test or p.integration_course or self.german_degree():
            return True
        return False if p.civics_given else None

    # ---- livelihood, education, work ----------------------------------------------------
    def in_education(self) -> bool:
        day = self.as_of
        for span, _regular in self.p.school or ():
            if span.start <= day and (span.end is None or span.end >= day):
                return True
        t = self.p.training
        if t and t.start and t.start <= day:
            end = t.completed or t.planned_end
            return end is None or end >= day
        return False

    def benefits_since(self, types: frozenset[str], since: dt.date) -> bool | None:
        """Benefits of `types` received on any day in [since, as_of]."""
        if self.p.benefits is None:
            return None
        return any(
            t in types and s.start <= self.as_of and (s.end is None or s.end >= since)
            for t, s in self.p.benefits
        )

    def last_benefit_end(self, types: frozenset[str]) -> dt.date | None:
        ends = [s.end_on(self.as_of) for t, s in self.p.benefits or () if t in types
                and s.start <= self.as_of]
        return max(ends) if ends else None

    def own_lu_secured(self) -> bool | None:
        p = self.p
        if p.own_share is not None:
            return p.own_share >= 100
        return p.lu_secured

    def lu_share(self) -> float | None:
        """Share of the need covered by own earnings: household figure first, else own."""
        p = self.p
        if p.household_share is not None:
            return float(p.household_share)
        if p.own_share is not None:
            return float(p.own_share)
        if p.lu_secured:
            return 100.0
        return None

    def employment_chain(self, min_hours: float, *, extra: Sequence[Span] = (),
                         gap_days: int = 0) -> tuple[list[Span], bool | None]:
        """Merged spans of social-insurance employment ≥ min_hours (plus `extra` spans).

        Returns (chain reaching as_of, known): known is None if hours/insurance are missing
        for a period that would matter.
        """
        jobs = self.p.employment
        if jobs is None:
            return [], None
        spans: list[Span] = list(extra)
        unknown = False
        for job in jobs:
            if job.hours is None or job.social_insurance is None:
                unknown = True
                continue
            if job.hours >= min_hours and job.social_insurance:
                spans.append(job.span)
        spans.sort(key=lambda s: s.start)
        merged = d.merge(spans, self.as_of, gap_days)
        start = d.chain_start(merged, self.as_of)
        chain = [s for s in merged if start is not None and s.start >= start]
        return chain, (None if unknown and not chain else True)

    # ---- identity, passport, employment ban ----------------------------------------------
    def identity_ok(self) -> bool | None:
        return self.p.identity_clarified

    def passport_ok(self) -> bool | None:
        p = self.p
        if p.passport_held or p.passport_unreasonable:
            return True
        if p.passport_held is None and p.passport_unreasonable is None:
            return None
        return False

    def safe_country_rejected(self) -> bool | None:
        """§ 60a Abs. 6 Nr. 3: safe-country national, asylum applied after 31.08.2015 rejected
        or withdrawn (list content at the evaluation date UNVERIFIED)."""
        p = self.p
        if p.nationalities is None:
            return None
        safe = any(since <= self.as_of for n in p.nationalities
                   for since in SAFE_SINCE.get(n, ()))
        if not safe:
            return False
        if p.asylum_applied is None or p.asylum_outcome is None:
            return None
        return p.asylum_applied > dt.date(2015, 8, 31) and p.asylum_outcome in (
            "REJECTED", "REJECTED_OU", "WITHDRAWN")

    def employment_ban(self) -> tuple[bool | None, str]:
        """§ 60a Abs. 6 AufenthG (Nr. 1 imposed ban, Nr. 2 own responsibility, Nr. 3 safe
        country); asked by several pathways, computed once."""
        if self._ban is None:
            self._ban = self._employment_ban()
        return self._ban

    def _employment_ban(self) -> tuple[bool | None, str]:
        p = self.p
        if p.employment_ban:
            return True, "Beschäftigungsverbot nach § 60a Abs. 6 verhängt"
        if p.own_deception_current or p.non_cooperation_current or (
                "DULDUNG_60B" in self.now_types()):
            return True, ("Abschiebungshindernis selbst zu vertreten (§ 60a Abs. 6 Nr. 2)")
        safe = self.safe_country_rejected()
        if safe:
            return True, "sicherer Herkunftsstaat, Asylantrag abgelehnt (§ 60a Abs. 6 Nr. 3)"
        if safe is None or p.non_cooperation_current is None:
            return None, "Angaben zu § 60a Abs. 6 fehlen"
        return False, ""

    def minor_children_in_household(self, day: dt.date) -> bool | None:
        children = self.p.children
        if children is None:
            return None
        return any(
            c.in_household and c.birth is not None and day < d.birthday(c.birth, 18)
            for c in children
        )

    def school_children_attend(self) -> tuple[bool | None, tuple[str, ...]]:
        """School-age (6–17) children in the household actually attend school."""
        children = self.p.children
        if children is None:
            return None, ("household.minor_children",)
        result: bool | None = True
        for c in children:
            if not c.in_household or c.birth is None:
                continue
            age = d.completed_years_of_life(c.birth, self.as_of)
            if 6 <= age < 18:
                if c.school_attendance_proven is False:
                    return False, ()
                if c.school_attendance_proven is None:
                    result = None
        return result, (() if result is not None else
                        ("household.minor_children.school_attendance_proven",))
