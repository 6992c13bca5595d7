"""Proposed steps for a Zielvereinbarung, per rule, in plain German (data beside the rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lotse.pathways.engine.dates import fmt

STEPS: dict[str, str] = {
    "R25A-04": "Regelmäßigen Schulbesuch oder einen Schulabschluss nachweisen",
    "R25A-08": "Lebensunterhalt sichern oder Schule/Ausbildung nachweisen",
    "R25A-09": "Pass beschaffen und Identität klären",
    "R25B-03": "Test Leben in Deutschland bestehen und Bekenntnis zur FDGO abgeben",
    "R25B-04": "Lebensunterhalt überwiegend durch Erwerbstätigkeit sichern",
    "R25B-05": "A2-Nachweis (mündlich) erbringen",
    "R25B-06": "Schulbesuch der Kinder nachweisen",
    "R25B-08": "Pass beschaffen und Identität klären",
    "R25B-F2": "Beschäftigung mit mindestens 20 Wochenstunden fortführen",
    "R104C-03": "Bekenntnis zur freiheitlichen demokratischen Grundordnung abgeben",
    "R60C-01": "Ausbildungsvertrag in einem anerkannten Ausbildungsberuf abschließen",
    "R60C-04": "Identität klären (Pass oder andere Dokumente vorlegen)",
    "R16G-01": "Ausbildungsvertrag in einem anerkannten Ausbildungsberuf abschließen",
    "R16G-04": "Identität klären (Pass oder andere Dokumente vorlegen)",
    "R16G-05": "Pass beschaffen",
    "R16G-06": "Lebensunterhalt nach BAföG-Maßstab sichern (z. B. Berufsausbildungsbeihilfe)",
    "R60D-03": "Identität klären (Pass oder andere Dokumente vorlegen)",
    "R60D-05": "Beschäftigung mit mindestens 20 Wochenstunden aufnehmen",
    "R60D-06": "Lebensunterhalt ohne Sozialleistungen durch die Beschäftigung sichern",
    "R60D-07": "Lebensunterhalt durch die Beschäftigung sichern",
    "R60D-08": "A2-Nachweis (mündlich) erbringen",
    "R60D-12": "Schulbesuch der Kinder nachweisen",
    "R60D-13": "Integrationskurs abschließen, falls verpflichtet",
    "R60D-15": "Pass beschaffen",
    "R19D-02": "Qualifizierte Berufsausbildung abschließen oder Abschluss anerkennen lassen",
    "R19D-03": "Der Qualifikation entsprechende Stelle finden und Zustimmung der BA einholen",
    "R19D-04": "Ausreichenden Wohnraum nachweisen",
    "R19D-05": "B1-Nachweis erbringen",
    "R19D-10": "Lebensunterhalt sichern, Pass beschaffen und Identität klären",
    "R19D-1A": "Ausbildung abschließen und eine passende Stelle finden",
    "R9-02": "Lebensunterhalt vollständig sichern",
    "R9-03": "Rentenbeiträge für 60 Monate nachweisen",
    "R9-06": "B1-Nachweis erbringen",
    "R9-07": "Test Leben in Deutschland bestehen oder Integrationskurs abschließen",
    "R9-08": "Ausreichenden Wohnraum nachweisen",
    "R9-10": "Pass beschaffen und Identität klären",
    "R26-3-03": "Lebensunterhalt überwiegend sichern",
    "R26-3-04": "A2-Nachweis erbringen",
    "R26-3-05": "Test Leben in Deutschland bestehen und ausreichenden Wohnraum nachweisen",
    "R26-3-06": "Identität klären",
    "R26-3C-03": "Lebensunterhalt weit überwiegend sichern",
    "R26-3C-04": "C1-Nachweis erbringen",
    "R26-4-02": "Lebensunterhalt sichern, B1 und Grundkenntnisse nachweisen, "
                "60 Beitragsmonate erreichen",
    "R26-4-03": "Pass beschaffen",
    "R10-03": "Identität klären",
    "R10-04": "Bekenntnis zur freiheitlichen demokratischen Grundordnung abgeben",
    "R10-05": "Bekenntnis nach § 10 Abs. 1 S. 1 Nr. 1a StAG abgeben",
    "R10-07": "Lebensunterhalt ohne Bürgergeld/Sozialhilfe sichern (oder Vollzeit arbeiten)",
    "R10-09": "B1-Nachweis erbringen",
    "R10-10": "Einbürgerungstest bestehen",
}

_TIME_STEP = "Erforderliche Zeit abwarten (frühestens am {date})"


def missing_steps(result: dict[str, Any]) -> list[str]:
    """Proposed steps derived from a pathway result's missing and unknown criteria.

    Works on full results and on stored ones without the criteria list: the missing rule ids
    alone name the steps.
    """
    steps: list[str] = []
    rule_ids = list(result.get("missing") or ())
    rule_ids += [str(c.get("rule_id")) for c in result.get("criteria") or ()
                 if c.get("status") == "UNKNOWN"]
    for rule_id in rule_ids:
        text = STEPS.get(rule_id)
        if text and text not in steps:
            steps.append(text)
    earliest = result.get("earliest_date")
    if result.get("outcome") == "NOT_YET" and earliest:
        steps.append(_TIME_STEP.format(date=fmt(dt.date.fromisoformat(earliest))))
    if result.get("unknown"):
        steps.append("Fehlende Angaben erheben: " + ", ".join(result["unknown"]))
    return steps
