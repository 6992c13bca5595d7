"""Screening of one person or a whole input document against all pathways."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

from lotse.contracts.screening_input import FieldError, persons_of, validate_document
from lotse.pathways.engine import dates as d
from lotse.pathways.engine.facts import Facts
from lotse.pathways.engine.law import PATHWAY_NORMS, LawVersion, versions_on
from lotse.pathways.engine.model import parse_person
from lotse.pathways.engine.outcome import PathwayResult, result_to_dict
from lotse.pathways.engine.pathways_bleibe import (
    cannot_apply_25a,
    p25a,
    p25a_parents,
    p25b,
    p25b_60d,
    p104c,
)
from lotse.pathways.engine.pathways_duldung import p16g, p19d, p19d_1a, p60c, p60d
from lotse.pathways.engine.pathways_permanent import p9, p26_3, p26_4, stag10, stag10_3
from lotse.pathways.engine.rules import RULE_BASE_VERSION

OUTPUT_FORMAT = "lotse.screening-output/1"

NOT_EVALUATED = (
    ("AUFENTHG_25_5", "§ 25 Abs. 5 AufenthG",
     "Ausreise aus rechtlichen oder tatsächlichen Gründen unmöglich – Soll-Erteilung nach "
     "18 Monaten Duldung; bitte manuell prüfen."),
    ("AUFENTHG_23A", "§ 23a AufenthG",
     "Härtefallersuchen an die Härtefallkommission NRW; bitte manuell prüfen."),
    ("AUFENTHG_19C_18A_18B", "§ 19c, § 18a, § 18b AufenthG",
     "Wechsel in einen Aufenthaltstitel zur Erwerbstätigkeit („Spurwechsel“); bitte manuell "
     "prüfen."),
)


class ScreeningInputError(ValueError):
    """The input document does not match lotse.screening-input/1."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


Versions = dict[str, LawVersion | None]
_SIMPLE: tuple[tuple[str, Callable[[Facts, LawVersion | None], PathwayResult]], ...] = (
    ("AUFENTHG_25A", p25a),
    ("AUFENTHG_25B", p25b),
    ("AUFENTHG_104C", p104c),
    ("AUFENTHG_60C", p60c),
    ("AUFENTHG_16G", p16g),
    ("AUFENTHG_60D", p60d),
    ("AUFENTHG_19D", p19d),
    ("AUFENTHG_19D_1A", p19d_1a),
    ("AUFENTHG_9", p9),
    ("AUFENTHG_26_4", p26_4),
    ("STAG_10", stag10),
    ("STAG_10_3", stag10_3),
)


def _evaluate(f: Facts, versions: Versions, children: dict[str, str],
              skip: frozenset[str] | set[str] = frozenset()) -> dict[str, PathwayResult]:
    """All pathways' results, except those in `skip` (certainly NOT_APPLICABLE, bulk only)."""
    results = {pathway: run(f, versions[pathway]) for pathway, run in _SIMPLE
               if pathway not in skip}
    results["AUFENTHG_26_3"] = p26_3(f, versions["AUFENTHG_26_3"], c1=False)
    results["AUFENTHG_26_3_C1"] = p26_3(f, versions["AUFENTHG_26_3_C1"], c1=True)
    results["AUFENTHG_25A_PARENTS"] = p25a_parents(f, versions["AUFENTHG_25A_PARENTS"],
                                                   children)
    results["AUFENTHG_25B_60D"] = p25b_60d(f, versions["AUFENTHG_25B_60D"])
    _rank_training(results)
    return results


def _rank_training(results: dict[str, PathwayResult]) -> None:
    """Spec P5 (d): if § 16g and § 60c are both met, § 16g (a title) is shown first."""
    eligible = ("ELIGIBLE_CLAIM", "ELIGIBLE_SOLL")
    if results["AUFENTHG_16G"].outcome in eligible and \
            results["AUFENTHG_60C"].outcome in eligible:
        results["AUFENTHG_16G"].flags.append("preferred_over:AUFENTHG_60C")
        results["AUFENTHG_60C"].justification += " § 16g ist vorrangig (Titel statt Duldung)."


def _not_evaluated(f: Facts) -> list[dict[str, str]]:
    items = []
    for key, norm, hint in NOT_EVALUATED:
        item = {"pathway": key, "norm": norm, "hint": hint}
        if key == "AUFENTHG_25_5" and f.geduldet():
            _met, start = f.duldung_met_on(18)
            if start is not None and d.add_months(start, 18) <= f.as_of:
                item["hint"] += f" Seit {d.fmt(start)} geduldet."
        items.append(item)
    return items


def screen_facts(f: Facts, children: dict[str, str] | None = None,
                 criteria: bool = True) -> dict[str, Any]:
    results = _evaluate(f, versions_on(f.as_of), children or {})
    return {
        "id": f.p.id,
        "results": [result_to_dict(results[pathway], PATHWAY_NORMS[pathway], criteria)
                    for pathway in PATHWAY_NORMS],
        "not_evaluated": _not_evaluated(f),
    }


def screen_person(document: dict[str, Any], as_of: dt.date,
                  criteria: bool = True) -> dict[str, Any]:
    """One validated screening-input person object → the screening-output person object
    (with `criteria=False` each result's criteria list is left empty, for bulk jobs)."""
    return screen_facts(Facts(parse_person(document), as_of), criteria=criteria)


# Cheap tests that a pathway certainly comes out NOT_APPLICABLE, for `screen_applicable` (only
# where evaluating up to the scope decision is costly; tests/pathways check they never err).
_CANNOT_APPLY: dict[str, Callable[[Facts, LawVersion | None], bool]] = {
    "AUFENTHG_25A": cannot_apply_25a,
}


def screen_applicable(document: dict[str, Any], as_of: dt.date) -> list[dict[str, Any]]:
    """The results of one person other than NOT_APPLICABLE, without the `criteria` key: what
    the nightly job stores. Skips building the output of the pathways that do not apply (most
    of them)."""
    f = Facts(parse_person(document), as_of)
    versions = versions_on(as_of)
    skip = {pathway for pathway, cannot in _CANNOT_APPLY.items() if cannot(f, versions[pathway])}
    results = _evaluate(f, versions, {}, skip)
    applicable = []
    for pathway, norm in PATHWAY_NORMS.items():
        result = results.get(pathway)
        if result is not None and result.outcome != "NOT_APPLICABLE":
            stored = result_to_dict(result, norm, False)
            del stored["criteria"]
            applicable.append(stored)
    return applicable


# Set before the worker processes fork: they read their chunk from the inherited memory, so
# the inputs are never pickled.
_BATCH: list[Any] = []


def _screen_chunk(bounds: tuple[int, int]) -> Any:
    documents, as_of, reduce, criteria = _BATCH
    outputs = [screen_person(document, as_of, criteria)
               for document in documents[bounds[0]:bounds[1]]]
    if reduce is not None:
        return reduce(outputs)
    # JSON text crosses the process boundary much faster than pickled nested dicts.
    return json.dumps(outputs)


Reducer = Callable[[list[dict[str, Any]]], Any]


def screen_batch(
    documents: Sequence[dict[str, Any]], as_of: dt.date, *, processes: int = 1,
    chunksize: int = 1000, reduce: Reducer | None = None, criteria: bool = True,
) -> list[Any]:
    """Screen many validated person objects, optionally in worker processes (nightly job).

    Without `reduce`: the output person objects in input order. With `reduce` (a module-level
    function, run inside the worker on each chunk's outputs, e.g. one that stores them): the
    list of its return values per chunk – the fast path, since ~14 KB of output per person
    need not cross process boundaries. § 25a Abs. 2 links across persons need
    `screen_document`.
    """
    if processes <= 1:
        outputs = [screen_person(document, as_of, criteria) for document in documents]
        if reduce is None:
            return outputs
        return [reduce(outputs[i:i + chunksize]) for i in range(0, len(outputs), chunksize)]
    bounds = [(i, min(i + chunksize, len(documents)))
              for i in range(0, len(documents), chunksize)]
    _BATCH[:] = [documents, as_of, reduce, criteria]
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_screen_chunk, bounds)
    finally:
        _BATCH.clear()
    if reduce is not None:
        return results
    return [person for text in results for person in json.loads(text)]


def screen_document(document: Any, as_of: dt.date) -> dict[str, Any]:
    """Validate and screen a whole input document (one person or the wrapped list)."""
    errors = validate_document(document, as_of=as_of)
    if errors:
        raise ScreeningInputError(errors)
    persons, _errors = persons_of(document)
    facts = [Facts(parse_person(doc), as_of) for doc in persons]
    output = [screen_facts(f) for f in facts]
    guardians = [i for i, f in enumerate(facts) if f.p.guardian_of]
    if guardians:
        children = {}
        for f, out in zip(facts, output, strict=True):
            outcome = out["results"][0]["outcome"]
            ae = f.current_ae()
            if ae is not None and "25a" in ae.basis:
                outcome = "HOLDER"
            minor = f.p.birth is not None and d.completed_years_of_life(f.p.birth, as_of) < 18
            children[f.p.id] = outcome if minor else "ADULT"
        for index in guardians:
            output[index] = screen_facts(facts[index], children)
    return {"format": OUTPUT_FORMAT, "as_of": as_of.isoformat(), "rule_base": RULE_BASE_VERSION,
            "persons": output}
