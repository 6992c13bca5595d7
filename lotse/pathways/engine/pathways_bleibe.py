"""Bleiberecht pathways: § 25a Abs. 1 and 2, § 25b Abs. 1 and 6, § 104c AufenthG."""

from __future__ import annotations

import datetime as dt

from lotse.pathways.engine import dates as d
from lotse.pathways.engine.dates import fmt
from lotse.pathways.engine.facts import LAWFUL_OR_TOLERATED, Facts
from lotse.pathways.engine.law import C2_FROM, C2_TO, LawVersion
from lotse.pathways.engine.outcome import (
    EXCL,
    FAIL,
    GEN,
    OK,
    REVIEW,
    SCOPE,
    SOFT_FAIL,
    SOFT_REVIEW,
    TIME,
    UNKNOWN,
    Crit,
    PathwayResult,
    assemble,
    crit,
    deadline,
    not_applicable,
)

WITHOUT_60B = LAWFUL_OR_TOLERATED - {"DULDUNG_60B"}
ONE_DAY = dt.timedelta(days=1)
C2_FLAG = "conflict:C2"


def time_crit(rule_id: str, met_on: dt.date | None, as_of: dt.date, what: str, *,
              fail: str = FAIL) -> Crit:
    """Met if `met_on` ≤ as_of; TIME if later; `fail` class if it cannot be reached."""
    if met_on is None:
        return crit(rule_id, fail, f"{what} nicht erreicht")
    if met_on <= as_of:
        return crit(rule_id, OK, f"{what} seit {fmt(met_on)} erfüllt")
    return crit(rule_id, TIME, f"{what} erst am {fmt(met_on)} erreicht", met_on=met_on)


def presence_crit(f: Facts, rule_id: str, years: int, gap_months: int, gaps: int, what: str, *,
                  fail: str = FAIL, reduced: int = 0) -> Crit:
    """Continuous presence in both readings of § 60b periods; differing readings → REVIEW.

    Whether § 60b periods interrupt the continuity required by §§ 25a, 25b is UNVERIFIED
    (spec R25A-03, R25B-02): a result that depends on it is a REVIEW case.
    """
    if f.p.status is None:
        return crit(rule_id, UNKNOWN, "Aufenthaltszeiten fehlen", unknown=("status_periods",))
    readings = []
    for types in (LAWFUL_OR_TOLERATED, WITHOUT_60B):
        start = f.presence_start(types, gap_months, gaps)
        met_on = None if start is None else _years_met_on(f, start, years, reduced)
        readings.append(time_crit(rule_id, met_on, f.as_of, what, fail=fail))
    first, second = readings
    if not same_effect(first, second):
        return crit(rule_id, REVIEW, f"{first.note}; Wirkung der § 60b-Zeiten auf die "
                    "Ununterbrochenheit ungeklärt", flags=("unverified:60b_continuity",))
    return first


def same_effect(first: Crit, second: Crit) -> bool:
    """Two readings of a criterion agree if their class (and, for TIME, the date) agree."""
    return first.cls == second.cls and (first.cls != TIME or first.met_on == second.met_on)


def _years_met_on(f: Facts, start: dt.date, years: int, reduced: int) -> dt.date:
    """§ 25b Abs. 1 S. 2 Nr. 1: the shorter period applies on days a minor unmarried child
    lives in the household; household unknown → the longer period (conservative)."""
    full = d.add_years(start, years)
    if not reduced:
        return full
    short = d.add_years(start, reduced)
    if f.minor_children_in_household(max(short, f.as_of)):
        return short
    return full


def deception_crit(f: Facts, rule_id: str, *, non_cooperation: bool) -> Crit:
    """Own deception (and, for § 25b Abs. 2 Nr. 1, non-cooperation): current → excluded,
    only past → evaluative REVIEW."""
    p = f.p
    current = p.own_deception_current is True or (
        non_cooperation and p.non_cooperation_current is True)
    if current:
        return crit(rule_id, EXCL, "gegenwärtige Täuschung oder fehlende Mitwirkung")
    if p.own_deception is True:
        if p.own_deception_current is None:
            return crit(rule_id, UNKNOWN, "unklar, ob die Täuschung fortdauert",
                        unknown=("conduct.own_deception_current",))
        return crit(rule_id, SOFT_REVIEW, "frühere Täuschung – Würdigung erforderlich")
    if p.own_deception is None and p.own_deception_current is None:
        return crit(rule_id, UNKNOWN, "Angaben zum Verhalten fehlen",
                    unknown=("conduct.own_deception",))
    if non_cooperation and p.non_cooperation_current is None:
        return crit(rule_id, UNKNOWN, "Angaben zur Mitwirkung fehlen",
                    unknown=("conduct.non_cooperation_current",))
    return crit(rule_id, OK)


def extremism_crit(f: Facts, rule_id: str) -> Crit:
    value = f.p.extremism
    if value is None:
        return crit(rule_id, UNKNOWN, "Angaben zu Extremismusbezügen fehlen",
                    unknown=("conduct.extremism",))
    return crit(rule_id, EXCL, "Extremismus-/Terrorbezug") if value else crit(rule_id, OK)


def identity_passport_crit(f: Facts, rule_id: str, cls: str = GEN) -> Crit:
    ident, passport = f.identity_ok(), f.passport_ok()
    if ident is False:
        return crit(rule_id, cls, "Identität nicht geklärt")
    if passport is False:
        return crit(rule_id, cls, "kein Pass")
    if ident is None or passport is None:
        return crit(rule_id, UNKNOWN, "Angaben zu Identität/Pass fehlen",
                    unknown=tuple(x for x, v in (("identity.clarified", ident),
                                                 ("passport.held", passport)) if v is None))
    return crit(rule_id, OK, "Identität geklärt, Pass vorhanden")


def conviction_gen_crit(f: Facts, rule_id: str) -> Crit:
    relevant = f.relevant_convictions()
    if relevant is None:
        return crit(rule_id, UNKNOWN, "Angaben zu Verurteilungen fehlen", unknown=("convictions",))
    if relevant:
        return crit(rule_id, GEN, "Verurteilung: Ausweisungsinteresse nach § 5 Abs. 1 Nr. 2 "
                    "möglich")
    return crit(rule_id, OK)


def fifty_ninety_crit(f: Facts, rule_id: str) -> Crit:
    state, note = f.convictions_5090()
    if state == "ok":
        return crit(rule_id, OK)
    if state == "over":
        return crit(rule_id, EXCL, note)
    if state == "mixed":
        return crit(rule_id, REVIEW, note, flags=("unverified:50_90_combination",))
    return crit(rule_id, UNKNOWN, note, unknown=("convictions",))


# ---- § 25a Abs. 1 -----------------------------------------------------------------------------


def p25a(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_25A"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    p = f.p
    crits: list[Crit] = []
    deadlines = []
    app_day = f.application_day(pathway)
    last: dt.date | None = None
    if p.birth is None:
        crits.append(crit("R25A-01", UNKNOWN, "Geburtsdatum fehlt", unknown=("date_of_birth",)))
    else:
        age = d.completed_years_of_life(p.birth, app_day)
        last = d.last_day_before_completing(p.birth, v.max_age)
        deadlines.append(deadline("R25A-05", last, "Letzter Antragstag nach § 25a"))
        # Lower bound 14 from municipal guidance (S09), not from the statute: UNVERIFIED.
        crits.append(crit("R25A-01", SCOPE, f"Alter {age} Jahre (unter 14)") if age < 14
                     else crit("R25A-01", OK, f"Alter {age} Jahre"))
        if app_day > last:
            crits.append(crit("R25A-05", SCOPE, f"{v.max_age}. Lebensjahr am "
                              f"{fmt(last + ONE_DAY)} vollendet"))
        else:
            crits.append(crit("R25A-05", OK, f"Antrag bis {fmt(last)} möglich"))
    status = _duldung_25a(f, v)
    crits.append(status)
    if any(c.cls == SCOPE for c in crits):
        # Personal scope not met: the remaining criteria cannot change the outcome.
        return assemble(pathway, v, crits, deadlines=deadlines)
    crits.append(presence_crit(f, "R25A-03", v.years, 0, 0,
                               f"{v.years} Jahre ununterbrochener Aufenthalt"))
    crits.append(_school_25a(f, v))
    if f.relevant_convictions() or p.absences:
        crits.append(crit("R25A-06", SOFT_REVIEW, "Integrationsprognose wegen Verurteilung "
                          "oder Auslandsaufenthalt zu prüfen"))
    else:
        crits.append(crit("R25A-06", OK, "Integrationsprognose von der ABH zu bestätigen"))
    crits.append(extremism_crit(f, "R25A-07"))
    crits.append(_livelihood_education(f, "R25A-08"))
    crits.append(identity_passport_crit(f, "R25A-09"))
    crits.append(conviction_gen_crit(f, "R25A-10"))
    if f.holds_104c():
        crits.append(crit("R25A-11", REVIEW, "Übergang § 104c → § 25a: Fortgeltung der "
                          "Sonderregeln ungeklärt (C2)", flags=(C2_FLAG,)))
    crits.append(deception_crit(f, "X25A-01", non_cooperation=False))
    crits.append(extremism_crit(f, "X25A-02"))  # § 5 Abs. 4: same fact as Nr. 5, mandatory
    result = assemble(pathway, v, crits, abschnitt5=True, deadlines=deadlines,
                      extra_flags=_c2(f, v))
    if result.outcome == "NOT_YET" and last is not None and result.earliest is not None \
            and result.earliest > last:
        crits.append(crit("R25A-05", SCOPE, f"Voraussetzungen erst am {fmt(result.earliest)}, "
                          f"Antrag aber nur bis {fmt(last)} möglich"))
        result = assemble(pathway, v, crits, abschnitt5=True, deadlines=deadlines)
    return result


def cannot_apply_25a(f: Facts, v: LawVersion | None) -> bool:
    """True if `p25a` certainly comes out NOT_APPLICABLE: for the bulk job, which stores no
    such result, and most persons (not geduldet) are such. A SCOPE criterion always decides
    NOT_APPLICABLE (outcome._decide), so the status criterion alone tells."""
    return v is None or _duldung_25a(f, v).cls == SCOPE


def _c2(f: Facts, v: LawVersion) -> tuple[str, ...]:
    """C2 matters only for § 104c holders; other persons get the same result in both readings."""
    if f.holds_104c() and C2_FROM <= f.as_of <= C2_TO:
        return (C2_FLAG,)
    return ()


def _duldung_25a(f: Facts, v: LawVersion) -> Crit:
    if f.holds_104c():
        if v.id == "25a@2022":
            return crit("R25A-02", OK, "Inhaber einer AE nach § 104c")
        return crit("R25A-02", REVIEW, "§ 104c-Alternative nach Art. 5 ggf. entfallen (C2)",
                    flags=(C2_FLAG,))
    geduldet = f.geduldet()
    if geduldet is None:
        return crit("R25A-02", UNKNOWN, "Status fehlt", unknown=("status_periods",))
    if not geduldet:
        return crit("R25A-02", SCOPE, "nicht geduldet")
    if not v.months:
        return crit("R25A-02", OK, "geduldet")
    met_on, _start = f.duldung_met_on(v.months)
    return time_crit("R25A-02", met_on, f.as_of,
                     f"{v.months} Monate anrechenbare Duldung (ohne § 60b)")


def _school_25a(f: Facts, v: LawVersion) -> Crit:
    p = f.p
    for g in p.degrees or ():
        if g.type in ("SCHULABSCHLUSS", "BERUFSABSCHLUSS", "HOCHSCHULE") and (
                g.country == "DE" or g.recognised):
            return crit("R25A-04", OK, "anerkannter Schul- oder Berufsabschluss")
    if p.school is None:
        return crit("R25A-04", UNKNOWN if p.degrees is None else SOFT_FAIL,
                    "Angaben zum Schulbesuch fehlen", unknown=("school_periods", "degrees"))
    if any(regular is None for _s, regular in p.school):
        return crit("R25A-04", UNKNOWN, "regelmäßiger Schulbesuch nicht angegeben",
                    unknown=("school_periods.regular_attendance",))
    spans = d.merge((s for s, regular in p.school if regular), f.as_of)
    met_on = d.credited_met_on(spans, f.as_of, years=v.years)
    return time_crit("R25A-04", met_on, f.as_of, f"{v.years} Jahre erfolgreicher Schulbesuch",
                     fail=SOFT_FAIL)


def _livelihood_education(f: Facts, rule_id: str) -> Crit:
    # § 25a Abs. 1 S. 2: public benefits during school, training or study do not harm.
    if f.in_education():
        return crit(rule_id, OK, "Leistungsbezug während Schule/Ausbildung unschädlich")
    secured = f.p.lu_secured
    if secured is None:
        return crit(rule_id, UNKNOWN, "Angaben zum Lebensunterhalt fehlen",
                    unknown=("livelihood.secured",))
    return crit(rule_id, OK) if secured else crit(rule_id, GEN, "Lebensunterhalt nicht gesichert")


# ---- § 25a Abs. 2 (parents) -------------------------------------------------------------------


def p25a_parents(f: Facts, v: LawVersion | None, children: dict[str, str]) -> PathwayResult:
    """`children` maps the ids in guardian_of to the child's § 25a outcome ("" if unknown)."""
    pathway = "AUFENTHG_25A_PARENTS"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    if not f.p.guardian_of:
        return not_applicable(pathway, v, "", "kein minderjähriges Kind mit § 25a verknüpft")
    outcomes = [children.get(child, "") for child in f.p.guardian_of]
    crits: list[Crit] = []
    if any(o in ("ELIGIBLE_SOLL", "ELIGIBLE_CLAIM", "HOLDER") for o in outcomes):
        p = f.p
        if p.own_deception_current or p.non_cooperation_current:
            crits.append(crit("R25A-P1", FAIL, "eigene Täuschung oder fehlende Mitwirkung"))
        elif p.lu_secured is False:
            crits.append(crit("R25A-P1", FAIL, "Lebensunterhalt nicht gesichert"))
        elif p.lu_secured is None or p.non_cooperation_current is None:
            crits.append(crit("R25A-P1", UNKNOWN, "Angaben zu Mitwirkung/Lebensunterhalt fehlen",
                              unknown=("livelihood.secured", "conduct.non_cooperation_current")))
        else:
            crits.append(crit("R25A-P1", OK, "Kind nach § 25a berechtigt"))
    elif all(o == "" for o in outcomes):
        crits.append(crit("R25A-P1", UNKNOWN, "Kinder nicht in derselben Datei",
                          unknown=("guardian_of",)))
    else:
        crits.append(crit("R25A-P1", SCOPE, "kein Kind erfüllt § 25a Abs. 1"))
    state, note = f.convictions_5090()
    crits.append(crit("R25A-P4", EXCL, note) if state == "over" else
                 crit("R25A-P4", UNKNOWN, note, unknown=("convictions",)) if state == "unknown"
                 else crit("R25A-P4", OK))
    return assemble(pathway, v, crits, abschnitt5=True)


# ---- § 25b Abs. 1 -----------------------------------------------------------------------------


def p25b(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_25B"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    crits: list[Crit] = []
    if f.holds_104c():
        if v.id == "25b@2022":
            crits.append(crit("R25B-01", OK, "Inhaber einer AE nach § 104c"))
        else:
            crits.append(crit("R25B-01", REVIEW, "Übergang § 104c → § 25b ungeklärt (C2)",
                              flags=(C2_FLAG,)))
    else:
        geduldet = f.geduldet()
        if geduldet is None:
            crits.append(crit("R25B-01", UNKNOWN, "Status fehlt", unknown=("status_periods",)))
        elif not geduldet:
            return assemble(pathway, v, [crit("R25B-01", SCOPE, "nicht geduldet (kein "
                                              "Duldungsinhaber)")])
        else:
            crits.append(crit("R25B-01", OK, "geduldet"))
    what = f"{v.years} Jahre Voraufenthalt"
    if f.minor_children_in_household(f.as_of):
        what = f"{v.years_reduced} Jahre Voraufenthalt (minderjähriges Kind im Haushalt)"
    stay = presence_crit(f, "R25B-02", v.years, 3, 1, what, fail=SOFT_FAIL,
                         reduced=v.years_reduced)
    if stay.cls == OK:
        stay = _c14(f, stay)
    if f.minor_children_in_household(f.as_of) is None and stay.cls == TIME:
        stay.flags = (*stay.flags, "household_unknown")
    crits.append(stay)
    crits.extend(common_25b(f))
    return assemble(pathway, v, crits, abschnitt5=True, extra_flags=_c2(f, v))


def _c14(f: Facts, stay: Crit) -> Crit:
    """C14: BMI – a Voraufenthalt spent mostly with an AE contradicts the purpose → REVIEW."""
    start = f.presence_start(LAWFUL_OR_TOLERATED, 3, 1)
    if start is None:
        return stay
    total = (f.as_of - start).days + 1
    ae_days = 0
    for s in f.statuses:
        if s.type == "AE" and s.span.start <= f.as_of:
            lo, hi = max(s.span.start, start), s.span.end_on(f.as_of)
            ae_days += max(0, (hi - lo).days + 1)
    if ae_days * 2 > total:
        return crit("R25B-02", SOFT_REVIEW, "Voraufenthalt überwiegend mit AE (C14)",
                    flags=("conflict:C14",))
    return stay


def common_25b(f: Facts) -> list[Crit]:
    """§ 25b Abs. 1 S. 2 Nr. 2–5, § 5 and Abs. 2 – shared by Abs. 1 and Abs. 6."""
    p = f.p
    crits: list[Crit] = []
    civic = f.civic_knowledge()
    if p.fdgo_signed is False or civic is False:
        crits.append(crit("R25B-03", SOFT_FAIL, "Grundkenntnisse (Test Leben in Deutschland) "
                          "oder Bekenntnis zur FDGO fehlen"))
    elif p.fdgo_signed is None or civic is None:
        crits.append(crit("R25B-03", UNKNOWN, "Angaben zu Bekenntnis/Grundkenntnissen fehlen",
                          unknown=tuple(x for x, val in (("declarations.fdgo_signed",
                                                          p.fdgo_signed),
                                                         ("civics", civic)) if val is None)))
    else:
        crits.append(crit("R25B-03", OK, "Bekenntnis und Grundkenntnisse nachgewiesen"))
    # § 25b Abs. 3: Nr. 3 and 4 do not apply if not possible because of age (benchmark:
    # regular pension age 67 [S14]); illness/disability are not in the input format.
    old = p.birth is not None and d.completed_years_of_life(p.birth, f.as_of) >= 67
    if old:
        crits.append(crit("R25B-07", OK, "Alter: Nr. 3 und 4 entfallen"))
    crits.append(_lu_25b(f, old))
    german = f.german(2, oral=True)
    if old:
        crits.append(Crit(crit("R25B-05", OK).rule, OK, "wegen Alters entbehrlich", waived=True))
    elif german is None:
        crits.append(crit("R25B-05", UNKNOWN, "Angaben zu Deutschkenntnissen fehlen",
                          unknown=("german",)))
    else:
        crits.append(crit("R25B-05", OK, "mündliche Deutschkenntnisse A2") if german else
                     crit("R25B-05", SOFT_FAIL, "A2 mündlich nicht nachgewiesen"))
    attend, unknown = f.school_children_attend()
    crits.append(crit("R25B-06", OK) if attend else
                 crit("R25B-06", SOFT_FAIL, "Schulbesuch der Kinder nicht nachgewiesen")
                 if attend is False else
                 crit("R25B-06", UNKNOWN, "Angaben zu Kindern fehlen", unknown=unknown))
    crits.append(identity_passport_crit(f, "R25B-08"))
    x2 = _serious_conviction(f)
    crits.append(x2)
    crits.append(conviction_gen_crit(f, "R25B-09") if x2.cls == OK else
                 crit("R25B-09", OK))
    crits.append(deception_crit(f, "X25B-01", non_cooperation=True))
    crits.append(extremism_crit(f, "X25B-03"))
    return crits


def _lu_25b(f: Facts, old: bool) -> Crit:
    p = f.p
    if old:
        return Crit(crit("R25B-04", OK).rule, OK, "wegen Alters entbehrlich", waived=True)
    share = f.lu_share()
    if share is not None and share > 50:
        return crit("R25B-04", OK, f"Lebensunterhalt zu {share:g} % durch Erwerbstätigkeit")
    # § 25b Abs. 1 S. 3: temporary benefits harmless for students/trainees and single parents
    # for whom work is unreasonable (child under 3, § 10 Abs. 1 Nr. 3 SGB II).
    if f.in_education():
        return Crit(crit("R25B-04", OK).rule, OK, "Leistungsbezug in Ausbildung unschädlich",
                    waived=True)
    if p.partner_in_household is False and any(
            c.in_household and c.birth and d.completed_years_of_life(c.birth, f.as_of) < 3
            for c in p.children or ()):
        return Crit(crit("R25B-04", OK).rule, OK, "alleinerziehend mit Kind unter 3 Jahren "
                    "(Abs. 1 S. 3)", waived=True)
    if share is not None or p.lu_secured is False:
        return crit("R25B-04", SOFT_FAIL, "Lebensunterhalt nicht überwiegend durch Arbeit "
                    "gesichert")
    return crit("R25B-04", UNKNOWN, "Angaben zum Lebensunterhalt fehlen",
                unknown=("livelihood.household_share_percent",))


def _serious_conviction(f: Facts) -> Crit:
    """§ 25b Abs. 2 Nr. 2 with § 54 Abs. 1 Nr. 1 (≥ 2 years) and Abs. 2 Nr. 1, 2 (≥ 6 months
    Freiheitsstrafe; ≥ 1 year Jugendstrafe without probation – thresholds UNVERIFIED)."""
    convictions = f.p.convictions
    if convictions is None:
        return crit("X25B-02", UNKNOWN, "Angaben zu Verurteilungen fehlen",
                    unknown=("convictions",))
    for c in convictions:
        if c.sanction not in ("FREIHEITSSTRAFE", "JUGENDSTRAFE") or c.intentional is False:
            continue
        if c.months is None:
            return crit("X25B-02", UNKNOWN, "Strafmaß fehlt", unknown=("convictions.months",))
        if c.months >= 24 or (c.sanction == "FREIHEITSSTRAFE" and c.months >= 6) or (
                c.sanction == "JUGENDSTRAFE" and c.months >= 12 and not c.suspended):
            return crit("X25B-02", EXCL, f"Verurteilung zu {c.months} Monaten "
                        "(Ausweisungsinteresse § 54)")
    return crit("X25B-02", OK)


# ---- § 25b Abs. 6 -----------------------------------------------------------------------------


def still_employed_60d(f: Facts) -> bool | None:
    """The § 60d employment and livelihood conditions are still met."""
    chain, _known = f.employment_chain(20.0)
    own = f.own_lu_secured()
    return None if own is None or f.p.employment is None else bool(chain) and own


def p25b_60d(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_25B_60D"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    spans = d.merge((s.span for s in f.statuses if s.type == "DULDUNG_60D"), f.as_of)
    start = d.chain_start(spans, f.as_of)
    if start is None:
        return not_applicable(pathway, v, "", "keine Beschäftigungsduldung; frühestens "
                              "30 Monate nach ihrer Erteilung")
    # Only now, for holders of a Beschäftigungsduldung, is the employment chain needed.
    employment_ok = still_employed_60d(f)
    if employment_ok is False:
        first = crit("R25B-F2", FAIL, "Voraussetzungen der Beschäftigungsduldung entfallen")
    elif employment_ok is None:
        first = crit("R25B-F2", UNKNOWN, "Fortbestehen der § 60d-Voraussetzungen unklar",
                     unknown=("employment_periods", "livelihood"))
    else:
        first = time_crit("R25B-F2", d.add_months(start, v.months), f.as_of,
                          f"{v.months} Monate Beschäftigungsduldung")
    crits = [first, *(c for c in common_25b(f) if c.rule.id not in ("R25B-04",))]
    return assemble(pathway, v, crits, abschnitt5=True)


# ---- § 104c -----------------------------------------------------------------------------------


def p104c(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_104C"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    if v.id == "104c@2025":
        return _104c_transition(f, v)
    crits: list[Crit] = []
    geduldet = f.geduldet()
    if geduldet is False:
        return assemble(pathway, v, [crit("R104C-01", SCOPE, "nicht geduldet")])
    crits.append(crit("R104C-01", OK, "geduldet") if geduldet else
                 crit("R104C-01", UNKNOWN, "Status fehlt", unknown=("status_periods",)))
    cutoff = v.cutoff or f.as_of
    if f.p.status is None:
        crits.append(crit("R104C-02", UNKNOWN, "Aufenthaltszeiten fehlen",
                          unknown=("status_periods",)))
    else:
        # § 104c Abs. 1 S. 3: § 60b periods count here.
        start = f.presence_start(LAWFUL_OR_TOLERATED, 0, 0, at=cutoff)
        needed = d.add_years(start, v.years) if start else None
        crits.append(crit("R104C-02", OK, f"am {fmt(cutoff)} fünf Jahre Aufenthalt") if
                     needed and needed <= cutoff else
                     crit("R104C-02", FAIL, f"am {fmt(cutoff)} keine fünf Jahre "
                          "ununterbrochener Aufenthalt"))
    signed = f.p.fdgo_signed
    crits.append(crit("R104C-03", OK) if signed else
                 crit("R104C-03", FAIL, "Bekenntnis zur FDGO fehlt") if signed is False else
                 crit("R104C-03", UNKNOWN, "Bekenntnis zur FDGO nicht angegeben",
                      unknown=("declarations.fdgo_signed",)))
    crits.append(fifty_ninety_crit(f, "R104C-04"))
    deception = f.p.own_deception
    crits.append(crit("R104C-05", EXCL, "Täuschung über Identität") if deception else
                 crit("R104C-05", OK) if deception is False else
                 crit("R104C-05", UNKNOWN, "Angaben fehlen", unknown=("conduct.own_deception",)))
    return assemble(pathway, v, crits)


def _104c_transition(f: Facts, v: LawVersion) -> PathwayResult:
    end = v.valid_from
    deadlines = []
    for s in f.now():
        if s.type == "AE" and s.span.end and "104c" in s.basis:
            deadlines.append(deadline("R104C-T3", s.span.end, "Ablauf der AE nach § 104c"))
            deadlines.append(deadline("R104C-T3", d.add_months(s.span.end, -3),
                                      "Antrag nach § 25a/§ 25b rechtzeitig stellen"))
    app = f.application("AUFENTHG_104C")
    pending = app is not None and app.decided is None and app.outcome in (None, "PENDING")
    if app is not None and app.filed is not None and pending:
        if app.filed < end:
            crits = [crit("R104C-T2", REVIEW, f"Antrag vom {fmt(app.filed)} vor dem Ende der "
                          "Norm gestellt und unbeschieden – keine Übergangsregel (C3)",
                          flags=("conflict:C3",))]
            return assemble("AUFENTHG_104C", v, crits, deadlines=deadlines)
        if app.filed == end:
            crits = [crit("R104C-T1", REVIEW, f"Antrag am {fmt(app.filed)} – letzter "
                          "Antragstag strittig (C1)", flags=("conflict:C1",))]
            return assemble("AUFENTHG_104C", v, crits, deadlines=deadlines)
    result = not_applicable("AUFENTHG_104C", v, "", "§ 104c seit 31.12.2025 durch eine "
                            "Übergangsregelung ersetzt; keine Neuerteilung")
    result.deadlines = deadlines
    return result
