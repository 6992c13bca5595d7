"""Compare scenarios against the first one (the baseline) and write the findings in plain
German. Differences whose 95 % intervals overlap are reported as "kein belastbarer
Unterschied", never as an improvement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lotse.appointments.simulation.results import ScenarioResult
from lotse.appointments.simulation.stats import Estimate

HIGH_LOAD = 0.85
FEW_REPLICATIONS = 5


@dataclass(frozen=True)
class Change:
    """One figure of a variant against the baseline."""

    baseline: float
    value: float
    significant: bool

    @property
    def percent(self) -> float | None:
        return None if not self.baseline else (self.value - self.baseline) / self.baseline * 100


@dataclass(frozen=True)
class VariantFinding:
    scenario: str
    extra_desks: int
    wait_mean: Change
    wait_p90: Change
    left_per_day: Change
    lead_time: Change
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    baseline: str
    ranking: tuple[str, ...]  # by mean waiting time, best first
    findings: tuple[VariantFinding, ...]
    general: tuple[str, ...]  # remarks on every scenario (load, back office, few replications)
    recommendation: str


def num(value: float, digits: int = 0) -> str:
    """German number: 1.234,5."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def minutes(value: float) -> str:
    """Minutes with one decimal below ten (3,4 Minuten), whole minutes above."""
    return num(value, 1 if abs(value) < 10 else 0)


def _pct(change: Change) -> str:
    percent = change.percent
    return "" if percent is None else f" ({'+' if percent > 0 else '−'}{num(abs(percent))} %)"


def _change(base: Estimate, other: Estimate) -> Change:
    return Change(base.mean, other.mean, not base.overlaps(other))


def _wait_sentence(name: str, wait: Change, p90: Change) -> str:
    if not wait.significant:
        return (
            f"Mit „{name}“ ändert sich die mittlere Wartezeit nicht belastbar "
            f"({minutes(wait.baseline)} gegenüber {minutes(wait.value)} Minuten; die "
            "Konfidenzintervalle überlappen – kein belastbarer Unterschied)."
        )
    verb = "sinkt" if wait.value < wait.baseline else "steigt"
    return (
        f"Mit „{name}“ {verb} die mittlere Wartezeit von {minutes(wait.baseline)} auf "
        f"{minutes(wait.value)} Minuten{_pct(wait)}; 90 % der Kundinnen und Kunden warten "
        f"höchstens {minutes(p90.value)} statt {minutes(p90.baseline)} Minuten."
    )


def _staff_sentence(extra: int) -> str:
    if extra == 0:
        return "Dafür ist kein zusätzliches Personal nötig."
    word = "Schalter" if abs(extra) == 1 else "Schalter bzw. Plätze"
    return f"Dafür {'braucht es' if extra > 0 else 'entfallen'} {abs(extra)} {word}" + (
        " mehr." if extra > 0 else "."
    )


def _left_sentence(left: Change) -> str | None:
    if not left.significant or max(left.baseline, left.value) < 0.5:
        return None
    return (
        f"Bei Schließung bleiben je Tag {num(left.value, 1)} statt {num(left.baseline, 1)} "
        "Wartende unbedient."
    )


def _lead_sentence(lead: Change) -> str | None:
    if not lead.significant:
        return None
    verb = "sinkt" if lead.value < lead.baseline else "steigt"
    return (
        f"Die Vorlaufzeit für Termine {verb} von {num(lead.baseline, 1)} auf "
        f"{num(lead.value, 1)} Tage."
    )


def _finding(base: ScenarioResult, other: ScenarioResult) -> VariantFinding:
    wait = _change(base.wait_mean, other.wait_mean)
    p90 = _change(base.wait_p90, other.wait_p90)
    left = _change(base.left_per_day, other.left_per_day)
    lead = _change(base.lead_time_mean, other.lead_time_mean)
    extra = other.desks - base.desks
    optional = (_left_sentence(left), _lead_sentence(lead))
    sentences = (_wait_sentence(other.scenario_name, wait, p90), _staff_sentence(extra)) + tuple(
        s for s in optional if s
    )
    return VariantFinding(other.scenario_name, extra, wait, p90, left, lead, sentences)


def _general(results: Sequence[ScenarioResult]) -> tuple[str, ...]:
    remarks: list[str] = []
    for result in results:
        load = result.utilisation_total.mean
        if load > HIGH_LOAD:
            remarks.append(
                f"„{result.scenario_name}“: Die Schalter sind zu {num(load * 100)} % ausgelastet "
                "– bei Krankheit oder Urlaub gibt es kaum Reserve."
            )
        if result.back_office_backlog.mean >= 1:
            remarks.append(
                f"„{result.scenario_name}“: Im Backoffice bleiben am Ende eines Öffnungstages "
                f"im Mittel {num(result.back_office_backlog.mean)} Vorgänge liegen."
            )
        if result.lead_time_failed_share.mean > 0.01:
            remarks.append(
                f"„{result.scenario_name}“: {num(result.lead_time_failed_share.mean * 100)} % "
                "der Buchungswünsche finden im Buchungszeitraum keinen freien Termin."
            )
    if results and results[0].wait_mean.n < FEW_REPLICATIONS:
        remarks.append(
            "Es wurden nur wenige Wiederholungen gerechnet; die Unterschiede sind unsicher."
        )
    return tuple(remarks)


def _recommendation(findings: Sequence[VariantFinding], baseline: str) -> str:
    better = [
        f for f in findings if f.wait_mean.significant and f.wait_mean.value < f.wait_mean.baseline
    ]
    if not better:
        return (
            f"Keine der Varianten verkürzt die Wartezeit gegenüber „{baseline}“ belastbar. "
            "Prüfen Sie andere Stellschrauben (Öffnungszeiten, Terminanteil, Personal)."
        )
    neutral = [f for f in better if f.extra_desks <= 0]
    best = min(neutral or better, key=lambda f: f.wait_mean.value)
    cost = (
        "ohne zusätzliches Personal"
        if best.extra_desks <= 0
        else f"mit {best.extra_desks} zusätzlichen Schalter{'n' if best.extra_desks > 1 else ''}"
    )
    return (
        f"Empfehlung: „{best.scenario}“ verkürzt die mittlere Wartezeit {cost} am stärksten, "
        f"von {minutes(best.wait_mean.baseline)} auf {minutes(best.wait_mean.value)} Minuten"
        f"{_pct(best.wait_mean)}."
    )


def compare(results: Sequence[ScenarioResult]) -> Comparison:
    """Findings of every scenario against the first; needs at least one result."""
    base = results[0]
    findings = tuple(_finding(base, other) for other in results[1:])
    ranking = tuple(r.scenario_name for r in sorted(results, key=lambda r: r.wait_mean.mean))
    return Comparison(
        baseline=base.scenario_name,
        ranking=ranking,
        findings=findings,
        general=_general(results),
        recommendation=_recommendation(findings, base.scenario_name),
    )
