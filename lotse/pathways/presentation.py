"""Turn engine output into what the panel and lists show: labels, badges, rule texts."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lotse.pathways import engine
from lotse.pathways.models import OUTCOME_RANK, Outcome
from lotse.pathways.services import result_date

BADGE = {
    Outcome.ELIGIBLE_CLAIM: "success",
    Outcome.ELIGIBLE_SOLL: "success",
    Outcome.DISCRETION: "info",
    Outcome.NOT_YET: "info",
    Outcome.REVIEW: "warning",
    Outcome.UNKNOWN: "warning",
    Outcome.NOT_MET: "danger",
    Outcome.EXCLUDED: "danger",
    Outcome.NOT_APPLICABLE: "info",
}
LABEL = dict(Outcome.choices)


@lru_cache(maxsize=1)
def rule_texts() -> dict[str, str]:
    return {rule.id: rule.description for rule in engine.rules()}


def present_result(result: dict[str, Any]) -> dict[str, Any]:
    texts = rule_texts()
    criteria = [
        {**c, "text": texts.get(c["rule_id"], c["rule_id"])} for c in result.get("criteria", [])
    ]
    deadlines = []
    for item in result.get("deadlines", []):
        if isinstance(item, dict):
            deadlines.append(
                {
                    "date": result_date(item.get("date")),
                    "label": item.get("label") or item.get("kind", ""),
                }
            )
        else:
            deadlines.append({"date": result_date(item), "label": ""})
    return {
        **result,
        "label": LABEL.get(result["outcome"], result["outcome"]),
        "badge": BADGE.get(result["outcome"], "info"),
        "earliest": result_date(result.get("earliest_date")),
        "deadline_list": deadlines,
        "met": [c for c in criteria if c["status"] in ("MET", "WAIVED")],
        "not_met": [c for c in criteria if c["status"] == "NOT_MET"],
        "open": [c for c in criteria if c["status"] == "UNKNOWN"],
        "steps": engine.missing_steps(result),
    }


def present_output(output: dict[str, Any]) -> list[dict[str, Any]]:
    """Results best first (met, then near, then the rest), as the panel lists them."""
    results = [present_result(r) for r in output["results"]]
    return sorted(results, key=lambda r: (OUTCOME_RANK.get(r["outcome"], 9), r["pathway"]))
