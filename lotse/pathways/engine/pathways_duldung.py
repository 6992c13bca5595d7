"""Duldung-based and work pathways: § 60c, § 16g, § 60d, § 19d Abs. 1 and 1a AufenthG."""

from __future__ import annotations

import datetime as dt

from lotse.pathways.engine import dates as d
from lotse.pathways.engine.dates import Span, fmt
from lotse.pathways.engine.facts import PUBLIC_FUNDS, Facts
from lotse.pathways.engine.law import LawVersion
from lotse.pathways.engine.outcome import (
    EXCL,
    FAIL,
    GEN,
    INFO,
    OK,
    REVIEW,
    SCOPE,
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
from lotse.pathways.engine.pathways_bleibe import (
    extremism_crit,
    fifty_ninety_crit,
    same_effect,
    time_crit,
)

_D = dt.date.fromisoformat
# § 60d: short interruptions between employments are tolerated in practice (S84, details
# UNVERIFIED); one month is assumed and flagged where it decides.
EMPLOYMENT_GAP_DAYS = 31


def _known(rule_id: str, value: bool | None, ok: str, fail_cls: str, fail: str,
           unknown: str) -> Crit:
    if value is None:
        return crit(rule_id, UNKNOWN, f"Angabe fehlt: {unknown}", unknown=(unknown,))
    return crit(rule_id, OK, ok) if value else crit(rule_id, fail_cls, fail)


def _ban(f: Facts, rule_id: str, cls: str) -> Crit:
    banned, note = f.employment_ban()
    if banned is None:
        return crit(rule_id, UNKNOWN, note, unknown=("employment_ban_60a6", "nationalities",
                                                     "asylum"))
    return crit(rule_id, cls, note) if banned else crit(rule_id, OK)


def _identity_deadline(f: Facts, rule_id: str, discretion_id: str, due: dt.date | None,
                       deadlines: list[dict[str, str]]) -> list[Crit]:
    """Identity clarified by `due`; deemed met if all reasonable steps were taken in time.
    Missed but clarified later → discretion (§ 60c Abs. 7, § 60d Abs. 4) → REVIEW."""
    p = f.p
    if due is None:
        return [crit(rule_id, UNKNOWN, "Einreisedatum fehlt", unknown=("entry_date",))]
    deadlines.append(deadline(rule_id, due, "Frist zur Identitätsklärung"))
    if p.identity_clarified and p.identity_date is not None and p.identity_date <= due:
        return [crit(rule_id, OK, f"Identität am {fmt(p.identity_date)} fristgerecht geklärt")]
    if p.identity_steps:
        return [crit(rule_id, OK, "alle zumutbaren Maßnahmen zur Identitätsklärung ergriffen")]
    if p.identity_clarified and p.identity_date is None:
        return [crit(rule_id, UNKNOWN, "Datum der Identitätsklärung fehlt",
                     unknown=("identity.clarified_date",))]
    if p.identity_clarified:
        note = f"Identität erst nach der Frist ({fmt(due)}) geklärt – Ermessen"
        return [crit(rule_id, SOFT_REVIEW, note), crit(discretion_id, SOFT_REVIEW, note)]
    if p.identity_clarified is False and p.identity_steps is False:
        return [crit(rule_id, FAIL, f"Identität nicht geklärt (Frist {fmt(due)})")]
    return [crit(rule_id, UNKNOWN, "Angaben zur Identitätsklärung fehlen",
                 unknown=("identity.clarified", "identity.all_reasonable_steps_taken"))]


def _due_60c(f: Facts, app_day: dt.date) -> dt.date | None:
    entry = f.p.entry
    if entry is None:
        return None
    if entry <= _D("2016-12-31"):
        return app_day
    if entry <= _D("2019-12-31"):
        return min(app_day, _D("2020-06-30"))
    return d.add_months(entry, 6)


def _training_scope(f: Facts) -> Crit | None:
    t = f.p.training
    if t is None:
        return crit("R60C-01", SCOPE, "keine Ausbildung angegeben")
    if t.completed is not None and t.completed <= f.as_of:
        return crit("R60C-01", SCOPE, "Ausbildung bereits abgeschlossen")
    return None


def _training_kind(f: Facts, rule_id: str) -> Crit:
    t = f.p.training
    assert t is not None
    if t.kind == "QUALIFIED":
        return crit(rule_id, OK, "qualifizierte Berufsausbildung")
    if t.kind == "ASSISTANT":
        if t.engpass and t.follow_up_commitment:
            return crit(rule_id, OK, "Helferausbildung mit Anschlusszusage (Engpassberuf)")
        if t.engpass is False or t.follow_up_commitment is False:
            return crit(rule_id, FAIL, "Helferausbildung ohne Anschlusszusage im Engpassberuf")
        return crit(rule_id, UNKNOWN, "Engpassberuf/Anschlusszusage nicht angegeben",
                    unknown=("training.engpass", "training.follow_up_commitment"))
    return crit(rule_id, UNKNOWN, "Art der Ausbildung fehlt", unknown=("training.kind",))


def _constellation(f: Facts, rule_id: str, duldung_id: str, months: int) -> list[Crit]:
    """Nr. 1: training taken up as asylum seeker; Nr. 2: Duldung (≥ 3 months at application)."""
    t = f.p.training
    geduldet = f.geduldet()
    if geduldet is None:
        return [crit(rule_id, UNKNOWN, "Status fehlt", unknown=("status_periods",))]
    if not geduldet:
        return [crit(rule_id, SCOPE, "nicht geduldet")]
    if t is not None and t.start is not None and t.start <= f.as_of and any(
            s.type == "GESTATTUNG" for s in f.status_on(t.start)):
        return [crit(rule_id, OK, "Ausbildung im Asylverfahren aufgenommen (Nr. 1)")]
    met_on, _start = f.duldung_met_on(months)
    return [crit(rule_id, OK, "geduldet (Nr. 2)"),
            time_crit(duldung_id, met_on, f.as_of, f"{months} Monate Duldung")]


def _removal(f: Facts, rule_id: str) -> Crit:
    measures = f.p.removal_measures
    if measures is None:
        return crit(rule_id, UNKNOWN, "Angaben zu Rückführungsmaßnahmen fehlen",
                    unknown=("conduct.removal_measures",))
    # Conservative reading: any recorded concrete measure counts as imminent.
    if measures:
        return crit(rule_id, EXCL, "konkrete Maßnahmen zur Aufenthaltsbeendigung")
    return crit(rule_id, OK)


# ---- § 60c ------------------------------------------------------------------------------------


def p60c(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_60C"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft (Vorgänger "
                              "§ 60a Abs. 2 S. 4 nicht modelliert)")
    scope = _training_scope(f)
    if scope is not None:
        return _no_training(f, v, scope, ("X60C-01", "X60C-02", "X60C-03", "X60C-04"))
    deadlines: list[dict[str, str]] = []
    crits = [_training_kind(f, "R60C-01")]
    crits += _constellation(f, "R60C-02", "R60C-03", v.months)
    app_day = f.application_day(pathway)
    crits += _identity_deadline(f, "R60C-04", "R60C-D1", _due_60c(f, app_day), deadlines)
    crits.append(_application_window(f, "R60C-05"))
    crits.append(_ban(f, "X60C-01", EXCL))
    crits.append(fifty_ninety_crit(f, "X60C-02"))
    crits.append(_removal(f, "X60C-03"))
    crits.append(extremism_crit(f, "X60C-04"))
    return assemble(pathway, v, crits, deadlines=deadlines)


def _no_training(f: Facts, v: LawVersion, scope: Crit, ids: tuple[str, ...]) -> PathwayResult:
    """Without a training the pathway is not applicable – unless an exclusion ground already
    bars it, which is worth telling before a training is sought (spec §7 P24)."""
    if f.geduldet() and scope.note == "keine Ausbildung angegeben":
        exclusions = [_ban(f, ids[0], EXCL), fifty_ninety_crit(f, ids[1]), _removal(f, ids[2]),
                      extremism_crit(f, ids[3])]
        if any(c.cls == EXCL for c in exclusions):
            scope.cls = FAIL
            due = _due_60c(f, f.as_of)
            extra = _identity_deadline(f, "R60C-04" if ids[0].startswith("X60C") else
                                       "R16G-04", "R60C-D1", due, []) if due else []
            return assemble(v.pathway, v, [scope, *extra, *exclusions])
    return assemble(v.pathway, v, [scope])


def _application_window(f: Facts, rule_id: str) -> Crit:
    t = f.p.training
    if t is None or t.start is None:
        return crit(rule_id, UNKNOWN, "Ausbildungsbeginn fehlt", unknown=("training.start",))
    opens = d.add_months(t.start, -7)
    if opens > f.as_of:
        return crit(rule_id, TIME, f"Antrag erst ab {fmt(opens)} (7 Monate vor Beginn)",
                    met_on=opens)
    return crit(rule_id, OK)


# ---- § 16g ------------------------------------------------------------------------------------


def p16g(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_16G"
    if v is None:
        return not_applicable(pathway, v, "", "§ 16g gilt erst seit 01.03.2024")
    scope = _training_scope(f)
    if scope is not None:
        return _no_training(f, v, crit("R16G-01", SCOPE, scope.note),
                            ("X16G-01", "X16G-02", "X16G-03", "X16G-04"))
    deadlines: list[dict[str, str]] = []
    crits = [_training_kind(f, "R16G-01")]
    crits += _constellation(f, "R16G-02", "R16G-03", v.months)
    app_day = f.application_day(pathway)
    # Identity deadlines of § 16g assumed identical to § 60c (spec R16G-04, UNVERIFIED).
    crits += _identity_deadline(f, "R16G-04", "R16G-04", _due_60c(f, app_day), deadlines)
    passport = f.passport_ok()
    crits.append(_known("R16G-05", passport, "Pass vorhanden", GEN, "Passpflicht nicht erfüllt",
                        "passport.held"))
    crits.append(_bafoeg(f))
    crits.append(_ban(f, "X16G-01", EXCL))
    crits.append(fifty_ninety_crit(f, "X16G-02"))
    crits.append(_removal(f, "X16G-03"))
    crits.append(extremism_crit(f, "X16G-04"))
    return assemble(pathway, v, crits, deadlines=deadlines, extra_flags=("conflict:C10",))


def _bafoeg(f: Facts) -> Crit:
    p = f.p
    if p.bafoeg_met or p.lu_secured:
        return crit("R16G-06", OK, "Lebensunterhalt nach BAföG-Maßstab gesichert")
    if p.bafoeg_met is False:
        return crit("R16G-06", GEN, "Lebensunterhalt unter dem BAföG-Maßstab")
    return crit("R16G-06", UNKNOWN, "BAföG-Maßstab nicht angegeben",
                unknown=("livelihood.bafoeg_benchmark_met",))


# ---- § 60d ------------------------------------------------------------------------------------


def p60d(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_60D"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    p = f.p
    geduldet = f.geduldet()
    if geduldet is False:
        return assemble(pathway, v, [crit("R60D-01", SCOPE, "nicht geduldet")])
    crits = [crit("R60D-01", OK, "geduldet") if geduldet else
             crit("R60D-01", UNKNOWN, "Status fehlt", unknown=("status_periods",))]
    deadlines: list[dict[str, str]] = []
    cutoff = v.cutoff or f.as_of
    entry = p.entry
    if entry is None:
        crits.append(crit("R60D-02", UNKNOWN, "Einreisedatum fehlt", unknown=("entry_date",)))
    elif entry > cutoff:
        crits.append(crit("R60D-02", FAIL, f"Einreise am {fmt(entry)} nach dem {fmt(cutoff)}"))
    else:
        crits.append(crit("R60D-02", OK, f"Einreise am {fmt(entry)}"))
        crits += _identity_deadline(f, "R60D-03", "R60D-D1", _due_60d(f, v), deadlines)
    met_on, _start = f.duldung_met_on(12)
    crits.append(time_crit("R60D-04", met_on, f.as_of, "12 Monate Duldung (ohne § 60b)"))
    crits.append(_employment_60d(f, v))
    crits.append(_lu_history(f))
    own = f.own_lu_secured()
    crits.append(_known("R60D-07", own, "Lebensunterhalt durch Beschäftigung gesichert", FAIL,
                        "eigener Lebensunterhalt nicht gesichert", "livelihood.secured"))
    crits.append(_known("R60D-08", f.german(2, oral=True), "mündlich A2", FAIL,
                        "A2 mündlich nicht nachgewiesen", "german"))
    crits.append(fifty_ninety_crit(f, "R60D-09"))
    crits.append(extremism_crit(f, "R60D-10"))
    order = p.expulsion_order
    crits.append(crit("R60D-11", EXCL, "Ausweisungsverfügung/Abschiebungsanordnung") if order
                 else crit("R60D-11", OK) if order is False else
                 crit("R60D-11", UNKNOWN, "Angabe fehlt", unknown=("conduct.expulsion_order",)))
    attend, unknown = f.school_children_attend()
    crits.append(crit("R60D-12", OK) if attend else
                 crit("R60D-12", FAIL, "Schulbesuch der Kinder nicht nachgewiesen")
                 if attend is False else
                 crit("R60D-12", UNKNOWN, "Angaben zu Kindern fehlen", unknown=unknown))
    # The input format does not say whether the person was obliged to attend an integration
    # course: shown as a manual check, not decisive.
    crits.append(crit("R60D-13", OK, "Integrationskurs abgeschlossen") if p.integration_course
                 else crit("R60D-13", INFO, flags=("manual_check:R60D-13",)))
    crits.append(_ban(f, "R60D-14", FAIL))
    passport = f.passport_ok()
    crits.append(crit("R60D-15", OK) if passport else
                 crit("R60D-15", REVIEW, "kein Pass – Passpflicht strittig (C17)",
                      flags=("conflict:C17",)) if passport is False else
                 crit("R60D-15", UNKNOWN, "Passangaben fehlen", unknown=("passport.held",)))
    flags = ("conflict:C5",) if _D("2024-02-27") <= f.as_of <= _D("2024-02-29") else ()
    return assemble(pathway, v, crits, deadlines=deadlines, extra_flags=flags)


def _due_60d(f: Facts, v: LawVersion) -> dt.date | None:
    entry = f.p.entry
    if entry is None:
        return None
    app_day = f.application_day("AUFENTHG_60D")
    if entry <= _D("2016-12-31"):
        return app_day
    limit = _D("2024-12-31") if v.id == "60d@2024" else _D("2020-06-30")
    return min(app_day, limit)


def _employment_60d(f: Facts, v: LawVersion) -> Crit:
    p = f.p
    hours = float(v.hours)
    if v.hours > 20 and p.partner_in_household is False and f.minor_children_in_household(
            f.as_of):
        hours = 20.0  # 60d@2020: single parents 20 h/week
    if p.employment is None:
        return crit("R60D-05", UNKNOWN, "Beschäftigungszeiten fehlen",
                    unknown=("employment_periods",))
    what = f"Beschäftigung ≥ {hours:g} Std./Woche seit {v.months} Monaten"
    chain, known = f.employment_chain(hours, gap_days=EMPLOYMENT_GAP_DAYS)
    if known is None:
        return crit("R60D-05", UNKNOWN, "Wochenstunden/Sozialversicherung fehlen",
                    unknown=("employment_periods.hours_per_week",
                             "employment_periods.social_insurance"))
    first = time_crit("R60D-05", d.credited_met_on(chain, f.as_of, months=v.months), f.as_of,
                      what)
    if not chain:
        first = crit("R60D-05", FAIL, f"keine Beschäftigung ≥ {hours:g} Std./Woche")
    t = p.training
    if t is None or t.start is None or t.start > f.as_of:
        return first
    # Whether vocational training counts as employment for § 60d is UNVERIFIED (spec P09, P14).
    extra = [Span(t.start, t.completed or t.planned_end)]
    chain2, _known2 = f.employment_chain(hours, extra=extra, gap_days=EMPLOYMENT_GAP_DAYS)
    second = time_crit("R60D-05", d.credited_met_on(chain2, f.as_of, months=v.months),
                       f.as_of, what)
    if not chain2:
        second = first
    if not same_effect(first, second):
        return crit("R60D-05", REVIEW, f"{first.note}; ob die Ausbildung als Beschäftigung "
                    "zählt, ist ungeklärt", flags=("unverified:training_as_employment",))
    return first


def _lu_history(f: Facts) -> Crit:
    """§ 60d: own livelihood secured by the employment during the last 12 months."""
    own = f.own_lu_secured()
    if own is None:
        return crit("R60D-06", UNKNOWN, "Angaben zum Lebensunterhalt fehlen",
                    unknown=("livelihood.secured",))
    if not own:
        return crit("R60D-06", FAIL, "Lebensunterhalt nicht durch die Beschäftigung gesichert")
    if f.p.own_share is not None:
        # The own share is the employee's figure; household benefits (e.g. top-up for the
        # family) do not harm – § 60d looks at the employee only [S23].
        return crit("R60D-06", OK, "eigener Lebensunterhalt durch die Beschäftigung gesichert")
    since = d.window_start(f.as_of, 12)
    if not f.benefits_since(PUBLIC_FUNDS, since):
        return crit("R60D-06", OK, "Lebensunterhalt seit 12 Monaten gesichert")
    end = f.last_benefit_end(PUBLIC_FUNDS)
    ongoing = any(t in PUBLIC_FUNDS and s.end is None for t, s in f.p.benefits or ())
    if end is None or ongoing:
        return crit("R60D-06", FAIL, "laufender Leistungsbezug")
    return time_crit("R60D-06", d.first_day_window_clear(end, 12), f.as_of,
                     "12 Monate ohne Leistungsbezug")


# ---- § 19d ------------------------------------------------------------------------------------


def _pending_training(f: Facts) -> dt.date | None:
    """Planned end of a qualified training still running on as_of."""
    t = f.p.training
    if t and t.kind == "QUALIFIED" and t.completed is None and t.start and t.start <= f.as_of \
            and t.planned_end and t.planned_end > f.as_of:
        return t.planned_end
    return None


def _qualification(f: Facts, v: LawVersion) -> Crit:
    p = f.p
    german_kinds = {"BERUFSABSCHLUSS", "HOCHSCHULE"}
    if v.id == "19d@2024":
        german_kinds.add("PFLEGEHILFE")  # since 01.03.2024 (FEG 2.0)
    for g in p.degrees or ():
        if g.type in german_kinds and g.country == "DE":
            return crit("R19D-02", OK, "inländischer Berufs- oder Hochschulabschluss")
    t = p.training
    if t and t.kind == "QUALIFIED" and t.completed and t.completed <= f.as_of and t.passed:
        return crit("R19D-02", OK, f"Ausbildung am {fmt(t.completed)} abgeschlossen")
    candidates: list[dt.date] = []
    foreign = any(g.type == "HOCHSCHULE" and g.country != "DE" and g.recognised
                  for g in p.degrees or ())
    jobs = p.employment or []
    if foreign:
        spans = d.merge((j.span for j in jobs if j.matches_qualification), f.as_of)
        start = d.chain_start(spans, f.as_of)
        if start:
            candidates.append(d.add_years(start, 2))
    spans = d.merge((j.span for j in jobs if j.qualified), f.as_of)
    start = d.chain_start(spans, f.as_of)
    if start and f.benefits_since(PUBLIC_FUNDS, d.window_start(f.as_of, 12)) is not True:
        candidates.append(d.add_years(start, 3))
    pending = _pending_training(f)
    if pending:
        candidates.append(pending)
    if candidates:
        return time_crit("R19D-02", min(candidates), f.as_of, "Qualifikation")
    if p.degrees is None and p.employment is None and t is None:
        return crit("R19D-02", UNKNOWN, "Angaben zur Qualifikation fehlen",
                    unknown=("degrees", "employment_periods", "training"))
    return crit("R19D-02", FAIL, "keine Qualifikation nach § 19d")


def _matching_job(f: Facts, rule_id: str, *, consent: bool) -> Crit:
    jobs = f.p.employment
    if jobs is None:
        return crit(rule_id, UNKNOWN, "Beschäftigung fehlt", unknown=("employment_periods",))
    current = [j for j in jobs if d.span_at([j.span], f.as_of)]
    if any(j.matches_qualification for j in current):
        if consent and f.p.ba_consent is None:
            return crit(rule_id, UNKNOWN, "Zustimmung der BA offen", unknown=("ba_consent",))
        if consent and f.p.ba_consent is False:
            return crit(rule_id, FAIL, "keine Zustimmung der BA")
        return crit(rule_id, OK, "der Qualifikation entsprechende Beschäftigung")
    if any(j.matches_qualification is None for j in current):
        return crit(rule_id, UNKNOWN, "Passung der Beschäftigung offen",
                    unknown=("employment_periods.matches_qualification",))
    return crit(rule_id, FAIL, "keine der Qualifikation entsprechende Beschäftigung")


def _common_19d(f: Facts, deferred: bool) -> list[Crit]:
    p = f.p
    crits = [
        _known("R19D-04", p.housing, "ausreichender Wohnraum", FAIL, "Wohnraum nicht "
               "ausreichend", "housing_sufficient"),
        _known("R19D-05", f.german(3, oral=False), "Deutsch B1", FAIL, "B1 nicht nachgewiesen",
               "german"),
    ]
    deception = p.own_deception
    crits.append(crit("R19D-06", EXCL, "Täuschung der Behörde") if deception else
                 crit("R19D-06", OK) if deception is False else
                 crit("R19D-06", UNKNOWN, "Angabe fehlt", unknown=("conduct.own_deception",)))
    obstruct = p.non_cooperation_current
    crits.append(crit("R19D-07", EXCL, "Behinderung aufenthaltsbeendender Maßnahmen") if obstruct
                 else crit("R19D-07", OK) if obstruct is False else
                 crit("R19D-07", UNKNOWN, "Angabe fehlt",
                      unknown=("conduct.non_cooperation_current",)))
    crits.append(extremism_crit(f, "R19D-08"))
    crits.append(fifty_ninety_crit(f, "R19D-09"))
    ident, passport = f.identity_ok(), f.passport_ok()
    secured = None if deferred else p.lu_secured
    if ident is False or passport is False or secured is False:
        crits.append(crit("R19D-10", GEN, "Lebensunterhalt, Identität oder Pass fehlt"))
    elif ident is None or passport is None or secured is None:
        crits.append(crit("R19D-10", UNKNOWN, "Lebensunterhalt/Identität/Pass offen"
                          + (" (nach Abschluss der Ausbildung zu prüfen)" if deferred else ""),
                          unknown=tuple(x for x, val in (("livelihood.secured", secured),
                                                         ("identity.clarified", ident),
                                                         ("passport.held", passport))
                                        if val is None)))
    else:
        crits.append(crit("R19D-10", OK))
    return crits


def p19d(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_19D"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    geduldet = f.geduldet()
    if geduldet is False:
        return assemble(pathway, v, [crit("R19D-01", SCOPE, "nicht geduldet")])
    crits = [crit("R19D-01", OK, "geduldet") if geduldet else
             crit("R19D-01", UNKNOWN, "Status fehlt", unknown=("status_periods",))]
    qualification = _qualification(f, v)
    crits.append(qualification)
    deferred = qualification.cls == TIME
    if deferred:
        crits.append(crit("R19D-03", UNKNOWN, "Beschäftigung nach Erwerb der Qualifikation "
                          "zu prüfen", unknown=("employment_periods", "ba_consent")))
    else:
        crits.append(_matching_job(f, "R19D-03", consent=True))
    crits += _common_19d(f, deferred)
    return assemble(pathway, v, crits)


def p19d_1a(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_19D_1A"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    if not f.ever_type("DULDUNG_60C"):
        reason = "Status fehlt" if f.p.status is None else "keine Ausbildungsduldung erteilt"
        if f.p.status is None:
            return assemble(pathway, v, [crit("R19D-1A", UNKNOWN, reason,
                                              unknown=("status_periods",))])
        return assemble(pathway, v, [crit("R19D-1A", SCOPE, reason)])
    t = f.p.training
    deferred = False
    if t is None:
        first = crit("R19D-1A", UNKNOWN, "Ausbildung nicht angegeben", unknown=("training",))
    elif _pending_training(f):
        deferred = True
        first = crit("R19D-1A", TIME, f"Ausbildung endet planmäßig am {fmt(t.planned_end)}",
                     met_on=t.planned_end)
    elif t.passed is False:
        first = crit("R19D-1A", FAIL, "Ausbildung nicht bestanden")
    elif t.passed is None or t.completed is None:
        first = crit("R19D-1A", UNKNOWN, "Abschluss der Ausbildung nicht angegeben",
                     unknown=("training.completed_date", "training.passed"))
    else:
        job = _matching_job(f, "R19D-1A", consent=False)
        first = job if job.cls != OK else crit(
            "R19D-1A", OK, f"Ausbildung am {fmt(t.completed)} bestanden, passende Beschäftigung")
    crits = [first, *_common_19d(f, deferred)]
    return assemble(pathway, v, crits)
