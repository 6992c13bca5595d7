"""Permanent residence and naturalisation: § 9, § 26 Abs. 3/4 AufenthG, § 10 StAG."""

from __future__ import annotations

import datetime as dt

from lotse.pathways.engine import dates as d
from lotse.pathways.engine.dates import Span, fmt
from lotse.pathways.engine.facts import LAWFUL, SGB_II_XII, Facts, is_abschnitt5, paragraph
from lotse.pathways.engine.law import GEAS_FROM, LawVersion
from lotse.pathways.engine.outcome import (
    DISCRETION,
    EXCL,
    FAIL,
    GEN,
    INFO,
    OK,
    REVIEW,
    SCOPE,
    SOFT_REVIEW,
    UNKNOWN,
    Crit,
    PathwayResult,
    assemble,
    crit,
    not_applicable,
)
from lotse.pathways.engine.pathways_bleibe import extremism_crit, time_crit

_D = dt.date.fromisoformat
# "Vollzeit" for the StAG livelihood exception (§ 10 Abs. 1 S. 1 Nr. 3 lit. b): no statutory
# hour figure found; 35 h/week is assumed (conservative; documented in the report).
FULL_TIME_HOURS = 35.0
STUDY = frozenset({"16", "16a", "16b", "16c", "16d", "16e", "16f", "17"})
# § 10 Abs. 1 S. 1 Nr. 2 StAG, statutory list per [S79] (C7: Hannover lists § 20a, omits
# § 18d and § 23 Abs. 1 – those three are flagged UNVERIFIED).
STAG_EXCLUDED = frozenset({"16a", "16b", "16d", "16e", "16f", "17", "18d", "18f", "19", "19b",
                           "19e", "20", "22", "23a", "24", "104c"})
STAG_DISPUTED = frozenset({"18d", "20a"})
PROTECTED = frozenset({"ASYLBERECHTIGT", "FLUECHTLING", "SUBSIDIAER"})
# § 10 StAG: for protected persons the asylum procedure counts. Built once: a set built per
# call would also have to be hashed afresh for the presence cache key.
STAG_PRESENCE_PROTECTED = LAWFUL | {"GESTATTUNG"}


def _worst(rule_id: str, parts: list[Crit]) -> Crit:
    """Fold sub-checks of one composite criterion into one, the most severe class first."""
    order = (EXCL, FAIL, GEN, REVIEW, UNKNOWN, SOFT_REVIEW)
    for cls in order:
        hits = [c for c in parts if c.cls == cls]
        if hits:
            unknown = tuple(u for c in hits for u in c.unknown)
            flags = tuple(fl for c in parts for fl in c.flags)
            return crit(rule_id, cls, "; ".join(c.note for c in hits if c.note),
                        unknown=unknown, flags=flags)
    return crit(rule_id, OK, "; ".join(c.note for c in parts if c.note))


def _check(rule_id: str, value: bool | None, fail: str, unknown: str, ok: str = "",
           cls: str = FAIL) -> Crit:
    if value is None:
        return crit(rule_id, UNKNOWN, f"Angabe fehlt: {unknown}", unknown=(unknown,))
    return crit(rule_id, OK, ok) if value else crit(rule_id, cls, fail)


def _safety(f: Facts, rule_id: str) -> Crit:
    """§ 9 Abs. 2 S. 1 Nr. 4: a weighing, no fixed threshold (C11) → REVIEW if convicted."""
    relevant = f.relevant_convictions()
    if relevant is None:
        return crit(rule_id, UNKNOWN, "Angaben zu Verurteilungen fehlen", unknown=("convictions",))
    if relevant:
        return crit(rule_id, SOFT_REVIEW, "Verurteilung – Abwägung nach § 9 Abs. 2 S. 1 Nr. 4",
                    flags=("conflict:C11",))
    return crit(rule_id, OK)


def _permitted(f: Facts, rule_id: str) -> Crit:
    # Residence permits entitle to employment unless a ban was imposed (§ 4a Abs. 1 AufenthG).
    if f.p.employment_ban:
        return crit(rule_id, FAIL, "Beschäftigung nicht erlaubt")
    return crit(rule_id, OK)


def _pension(f: Facts, rule_id: str, months: int) -> Crit:
    have = f.p.pension_months
    if have is None:
        return crit(rule_id, UNKNOWN, "Rentenbeitragsmonate fehlen",
                    unknown=("pension_contribution_months",))
    if have >= months:
        return crit(rule_id, OK, f"{have} Beitragsmonate")
    # Not a time-only gap: the count is a fact at as_of; the projection is only a hint.
    return crit(rule_id, FAIL, f"erst {have} von {months} Beitragsmonaten (bei fortlaufender "
                f"Beschäftigung voraussichtlich ab {fmt(d.add_months(f.as_of, months - have))})")


def _nine_2_to_9(f: Facts, months: int) -> list[Crit]:
    p = f.p
    return [
        _check("R9-02", p.lu_secured, "Lebensunterhalt nicht gesichert", "livelihood.secured",
               "Lebensunterhalt gesichert"),
        _pension(f, "R9-03", months),
        _safety(f, "R9-04"),
        _permitted(f, "R9-05"),
        _check("R9-06", f.german(3, oral=False), "B1 nicht nachgewiesen", "german", "Deutsch B1"),
        _check("R9-07", f.civic_knowledge(), "Grundkenntnisse nicht nachgewiesen", "civics"),
        _check("R9-08", p.housing, "Wohnraum nicht ausreichend", "housing_sufficient"),
    ]


def _ae_chain(f: Facts, kinds: frozenset[str] | None = None) -> list[Span]:
    """AE/NE/Fiktion spans of the current chain; § 85: interruptions ≤ 1 year disregarded."""
    spans = d.merge((s.span for s in f.statuses if s.type in ("AE", "NE", "FIKTION")
                     and (kinds is None or s.type != "AE" or paragraph(s.basis)[0] in kinds)),
                    f.as_of)
    start = d.chain_start(spans, f.as_of, tolerated_gap_months=12, tolerated_gaps=-1)
    return [s for s in spans if start is not None and s.start >= start]


# ---- § 9 --------------------------------------------------------------------------------------


def p9(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_9"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    if "NE" in f.now_types():
        return assemble(pathway, v, [crit("R9-01", SCOPE, "bereits Niederlassungserlaubnis")])
    ae = f.current_ae()
    if ae is None:
        if f.p.status is None:
            return assemble(pathway, v, [crit("R9-01", UNKNOWN, "Status fehlt",
                                              unknown=("status_periods",))])
        return assemble(pathway, v, [crit("R9-01", SCOPE, "keine Aufenthaltserlaubnis")])
    chain = _ae_chain(f)
    # § 9 Abs. 4 Nr. 3: study/vocational-training periods count half (earlier spans only).
    credit = 0
    for s in chain[:-1]:
        days = (s.end_on(f.as_of) - s.start).days + 1
        study = any(st.type == "AE" and paragraph(st.basis)[0] in STUDY and st.span.start <=
                    s.start <= st.span.end_on(f.as_of) for st in f.statuses)
        credit += days // 2 if study else days
    met_on = (d.add_years(chain[-1].start, v.years) - dt.timedelta(days=credit)) if chain \
        else None
    crits = [time_crit("R9-01", met_on, f.as_of, f"{v.years} Jahre Aufenthaltserlaubnis")]
    crits += _nine_2_to_9(f, v.months)
    crits.append(_worst("R9-10", [
        _check("R9-10", f.identity_ok(), "Identität nicht geklärt", "identity.clarified",
               cls=GEN),
        _check("R9-10", f.passport_ok(), "kein Pass", "passport.held", cls=GEN)]))
    result = assemble(pathway, v, crits)
    if is_abschnitt5(ae) and result.outcome in ("ELIGIBLE_CLAIM", "NOT_YET", "UNKNOWN"):
        # Whether holders of humanitarian titles may rely on § 9 directly (besides § 26 Abs. 4)
        # is UNVERIFIED: § 26 Abs. 4 is the primary route, § 9 a REVIEW case.
        crits.append(crit("R9-01", REVIEW, "§ 9 neben § 26 Abs. 4 für humanitäre Titel "
                          "ungeklärt", flags=("unverified:9_for_abschnitt5",)))
        result = assemble(pathway, v, crits)
    return result


# ---- § 26 Abs. 3 ------------------------------------------------------------------------------


def p26_3(f: Facts, v: LawVersion | None, *, c1: bool) -> PathwayResult:
    pathway = "AUFENTHG_26_3_C1" if c1 else "AUFENTHG_26_3"
    ids = ("R26-3C-0" if c1 else "R26-3-0")
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    flags = ("unverified:geas",) if f.as_of >= GEAS_FROM else ()
    if "NE" in f.now_types():
        return assemble(pathway, v, [crit(ids + "1", SCOPE, "bereits Niederlassungserlaubnis")])
    ae = f.current_ae()
    status = f.p.protection
    para, absatz = paragraph(ae.basis) if ae else ("", "")
    refugee = status in ("ASYLBERECHTIGT", "FLUECHTLING") or (
        status is None and para == "25" and (absatz == "1" or "Alt. 1" in (ae.basis if ae
                                                                          else "")))
    if ae is None or not refugee:
        reason = "keine AE als Asylberechtigter oder Flüchtling"
        if status == "SUBSIDIAER":
            reason = "subsidiärer Schutz fällt nicht unter Abs. 3"
        return assemble(pathway, v, [crit(ids + "1", SCOPE, reason)])
    chain = _ae_chain(f)
    start = chain[0].start if chain else None
    if start is not None and f.p.asylum_applied is not None:
        start = min(start, f.p.asylum_applied)  # asylum procedure counts (Abs. 3 S. 1 Nr. 1)
    years = v.years
    crits = [time_crit(ids + "1", d.add_years(start, years) if start else None, f.as_of,
                       f"{years} Jahre AE einschließlich Asylverfahren")]
    notice = f.p.bamf_notice
    crits.append(_check(ids + "2", None if notice is None else not notice,
                        "Mitteilung des BAMF nach § 73b Abs. 3 AsylG", "protection."
                        "bamf_revocation_notice"))
    share = f.lu_share()
    need = 75.0 if c1 else 50.0
    crits.append(_check(ids + "3", None if share is None else share > need if not c1
                        else share >= need,
                        f"Lebensunterhalt nur zu {share:g} % gesichert" if share is not None
                        else "", "livelihood.own_share_percent",
                        f"Lebensunterhalt zu {share:g} % gesichert" if share is not None
                        else ""))
    german = f.german(5, oral=False) if c1 else f.german(2, oral=True)
    crits.append(_check(ids + "4", german, "C1 nicht nachgewiesen" if c1 else
                        "A2 nicht nachgewiesen", "german", "Deutsch C1" if c1 else "Deutsch A2"))
    crits.append(_worst(ids + "5", [
        _safety(f, ids + "5"), _permitted(f, ids + "5"),
        _check(ids + "5", f.civic_knowledge(), "Grundkenntnisse fehlen", "civics"),
        _check(ids + "5", f.p.housing, "Wohnraum nicht ausreichend", "housing_sufficient"),
    ]))
    crits.append(_check(ids + "6", f.identity_ok(), "Identität nicht geklärt",
                        "identity.clarified", cls=GEN))
    return assemble(pathway, v, crits, abschnitt5=True, extra_flags=flags)


# ---- § 26 Abs. 4 ------------------------------------------------------------------------------


def p26_4(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "AUFENTHG_26_4"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    flags = ("unverified:geas",) if f.as_of >= GEAS_FROM else ()
    if "NE" in f.now_types():
        return assemble(pathway, v, [crit("R26-4-01", SCOPE, "bereits Niederlassungserlaubnis")])
    ae = f.current_ae()
    if ae is None or not is_abschnitt5(ae):
        return assemble(pathway, v, [crit("R26-4-01", SCOPE, "keine AE nach Abschnitt 5")])
    if f.p.protection in ("ASYLBERECHTIGT", "FLUECHTLING"):
        return assemble(pathway, v, [crit("R26-4-01", SCOPE, "Weg nach § 26 Abs. 3")])
    crits: list[Crit] = []
    if paragraph(ae.basis)[0] == "24":
        crits.append(crit("R26-4-05", REVIEW, "Anwendbarkeit auf § 24 ungeklärt",
                          flags=("unverified:26_4_for_24",)))
    chain = d.merge((s.span for s in f.statuses if is_abschnitt5(s)), f.as_of)
    start = d.chain_start(chain, f.as_of)
    if start is not None:
        # An asylum procedure directly preceding the title is counted (§ 26 Abs. 4 S. 3).
        for s in f.statuses:
            if s.type == "GESTATTUNG" and s.span.end is not None and s.span.end < start and \
                    d.gap_within(s.span.end + d.ONE_DAY, start, 3):
                start = min(f.p.asylum_applied or s.span.start, s.span.start)
    crits.append(time_crit("R26-4-01", d.add_years(start, v.years) if start else None, f.as_of,
                           f"{v.years} Jahre AE nach Abschnitt 5"))
    parts = _nine_2_to_9(f, v.months)
    crits.append(_worst("R26-4-02", parts))
    crits.append(_check("R26-4-03", f.passport_ok(), "Passpflicht nicht erfüllt", "passport.held",
                        cls=GEN))
    p = f.p
    if p.birth and p.entry and d.completed_years_of_life(p.birth, p.entry) < 18:
        crits.append(crit("R26-4-04", INFO, "als Minderjährige eingereist: § 35 entsprechend",
                          flags=("hint:35",)))
    return assemble(pathway, v, crits, abschnitt5=True, extra_flags=flags)


# ---- § 10 StAG --------------------------------------------------------------------------------


def stag_convictions(f: Facts) -> tuple[str, str]:
    """§ 12a StAG: ("ok" | "slight" | "over" | "hate" | "unknown", note)."""
    convictions = f.p.convictions
    if convictions is None:
        return "unknown", "Angaben zu Verurteilungen fehlen"
    total, over, unknown, hate = 0, False, False, False
    for c in convictions:
        if c.sanction == "JGG_MASSNAHME":
            continue
        if c.hate_motive:
            hate = True
        elif c.hate_motive is None:
            unknown = True
        if c.sanction == "GELDSTRAFE":
            if c.tagessaetze is None:
                unknown = True
            else:
                total += c.tagessaetze
        elif c.sanction in ("FREIHEITSSTRAFE", "JUGENDSTRAFE"):
            if c.months is None or c.suspended is None or c.remitted is None:
                unknown = True
            elif c.months <= 3 and c.suspended and c.remitted:
                total += 30 * c.months  # 1 Tagessatz = 1 day of Freiheitsstrafe
            else:
                over = True
        else:
            unknown = True
    if hate:
        return "hate", "Verurteilung mit antisemitischem, rassistischem oder sonst " \
                       "menschenverachtendem Beweggrund (§ 12a Abs. 1 S. 2)"
    if over or total > 111:
        return "over", "Verurteilung über der Bagatellgrenze"
    if unknown:
        return "unknown", "Angaben zu Verurteilungen unvollständig"
    if total > 90:
        return "slight", f"Bagatellgrenze um {total - 90} Tage überschritten – Einzelfall"
    return "ok", ""


def _title_crit(f: Facts, v: LawVersion) -> Crit:
    if "NE" in f.now_types():
        return crit("R10-06", OK, "Niederlassungserlaubnis")
    ae = f.current_ae()
    if ae is None:
        if "FIKTION" in f.now_types():
            return crit("R10-06", UNKNOWN, "Fiktionsbescheinigung – Titel nach Entscheidung "
                        "maßgeblich", unknown=("status_periods.legal_basis",))
        if f.p.status is None:
            return crit("R10-06", UNKNOWN, "Status fehlt", unknown=("status_periods",))
        return crit("R10-06", FAIL, "kein Aufenthaltsrecht nach § 10 Abs. 1 S. 1 Nr. 2")
    para, absatz = paragraph(ae.basis)
    if not para:
        return crit("R10-06", UNKNOWN, "Rechtsgrundlage der AE fehlt",
                    unknown=("status_periods.legal_basis",))
    excluded = para in STAG_EXCLUDED or (para == "25" and absatz in ("3", "4", "5")) or (
        para == "23" and absatz == "1")
    flags = ("unverified:C7",) if para in STAG_DISPUTED or (para, absatz) == ("23", "1") else ()
    if excluded:
        return crit("R10-06", FAIL, f"AE nach § {para} ist von der Einbürgerung ausgeschlossen",
                    flags=flags)
    return crit("R10-06", OK, f"AE nach § {para} nicht ausgeschlossen", flags=flags)


def _lu_stag(f: Facts, v: LawVersion) -> Crit:
    p = f.p
    sgb = f.benefits_since(SGB_II_XII, f.as_of)
    if sgb is False or (sgb is None and p.lu_secured):
        return crit("R10-07", OK, "kein Bezug von SGB II/XII")
    if sgb is None and p.lu_secured is None:
        return crit("R10-07", UNKNOWN, "Angaben zum Lebensunterhalt fehlen",
                    unknown=("livelihood.benefits",))
    if v.id == "10@pre2024":
        return crit("R10-07", SOFT_REVIEW, "Leistungsbezug – ob nicht zu vertreten, ist zu prüfen")
    # § 10 Abs. 1 S. 1 Nr. 3 lit. b (since 27.06.2024): full-time now and for at least 20 of
    # the last 24 months.
    chain, known = f.employment_chain(FULL_TIME_HOURS)
    spans = d.merge((j.span for j in p.employment or () if (j.hours or 0) >= FULL_TIME_HOURS),
                    f.as_of)
    if chain and d.month_slices_covered(spans, f.as_of, 24) >= 20:
        return crit("R10-07", OK, "Vollzeit in mindestens 20 der letzten 24 Monate "
                    "(Ausnahme Nr. 3 Buchst. b)")
    if known is None:
        return crit("R10-07", UNKNOWN, "Beschäftigungsangaben fehlen",
                    unknown=("employment_periods",))
    return crit("R10-07", FAIL, "Bezug von SGB II/XII ohne Vollzeit-Ausnahme")


def stag10(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "STAG_10"
    if v is None:
        return not_applicable(pathway, v, "", "Norm am Stichtag nicht in Kraft")
    p = f.p
    types = STAG_PRESENCE_PROTECTED if p.protection in PROTECTED else LAWFUL
    years = v.years
    if v.years_reduced and p.integration_course:
        years = v.years_reduced  # pre-2024: 7 years with integration course certificate
    if p.status is None:
        crits = [crit("R10-01", UNKNOWN, "Aufenthaltszeiten fehlen", unknown=("status_periods",))]
    else:
        # § 12b StAG: stays abroad up to 6 months do not interrupt (UNVERIFIED, S71).
        start = f.presence_start(types, 6, -1)
        crits = [time_crit("R10-01", d.add_years(start, years) if start else None, f.as_of,
                           f"{years} Jahre rechtmäßiger gewöhnlicher Aufenthalt")]
    crits.append(crit("R10-02", OK))
    crits.append(_check("R10-03", f.identity_ok(), "Identität nicht geklärt",
                        "identity.clarified", "Identität geklärt"))
    decl = p.stag_declarations
    crits.append(_check("R10-04", decl, "Bekenntnis fehlt", "declarations.stag_declarations"))
    if v.valid_from >= _D("2024-06-27"):
        crits.append(_check("R10-05", decl, "Bekenntnis Nr. 1a fehlt",
                            "declarations.stag_declarations"))
    crits.append(_title_crit(f, v))
    crits.append(_lu_stag(f, v))
    crits.append(_conviction_stag(f))
    crits.append(_check("R10-09", f.german(3, oral=False), "B1 nicht nachgewiesen", "german",
                        "Deutsch B1"))
    test = bool(p.stag_test) or f.german_degree()
    crits.append(_check("R10-10", True if test else (False if p.civics_given else None),
                        "Einbürgerungstest fehlt", "civics.einbuergerungstest_passed",
                        "Einbürgerungstest bestanden"))
    crits.append(crit("R10-11", INFO, flags=("manual_check:R10-11",)))
    crits.append(extremism_crit(f, "R10-13"))
    return assemble(pathway, v, crits)


def _conviction_stag(f: Facts) -> Crit:
    if f.p.pending_investigation:
        return crit("R10-08", SOFT_REVIEW, "laufendes Ermittlungsverfahren: Entscheidung wird "
                    "ausgesetzt (§ 12a Abs. 3)")
    state, note = stag_convictions(f)
    cls = {"ok": OK, "slight": DISCRETION, "over": EXCL, "hate": EXCL, "unknown": UNKNOWN}[state]
    return crit("R10-08", cls, note, unknown=("convictions",) if cls == UNKNOWN else ())


def stag10_3(f: Facts, v: LawVersion | None) -> PathwayResult:
    pathway = "STAG_10_3"
    if v is None:
        app = f.application(pathway)
        if app and app.filed and app.filed < _D("2025-10-30") and app.decided is None \
                and f.as_of >= _D("2025-10-30"):
            version = LawVersion("10-3@2024", pathway, "§ 10 Abs. 3 StAG", _D("2024-06-27"),
                                 _D("2025-10-29"), "KANN", "StARModG (L8)")
            return assemble(pathway, version, [crit(
                "R10-FT", REVIEW, f"Antrag vom {fmt(app.filed)} vor der Streichung – keine "
                "Übergangsregel gefunden", flags=("unverified:10_3_pending",))])
        return not_applicable(pathway, v, "", "§ 10 Abs. 3 StAG mit Wirkung vom 30.10.2025 "
                              "gestrichen" if f.as_of >= _D("2025-10-30") else
                              "Norm am Stichtag nicht in Kraft")
    p = f.p
    types = STAG_PRESENCE_PROTECTED if p.protection in PROTECTED else LAWFUL
    start = f.presence_start(types, 6, -1) if p.status is not None else None
    parts = [
        time_crit("R10-FT", d.add_years(start, v.years) if start else None, f.as_of,
                  f"{v.years} Jahre Aufenthalt"),
        _check("R10-FT", f.german(5, oral=False), "C1 nicht nachgewiesen", "german"),
        _check("R10-FT", p.lu_secured, "Lebensunterhalt nicht gesichert", "livelihood.secured"),
    ]
    fails = [c for c in parts if c.cls in (FAIL, UNKNOWN)]
    first = fails[0] if fails else next((c for c in parts if c.cls != OK), None)
    if first is None:
        first = crit("R10-FT", SOFT_REVIEW, "besondere Integrationsleistungen zu würdigen")
    crits = [first, _title_crit(f, v), _conviction_stag(f), extremism_crit(f, "R10-13")]
    return assemble(pathway, v, crits)
