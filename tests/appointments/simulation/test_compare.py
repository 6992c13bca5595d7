"""Templates, comparison and the recommendation text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lotse.appointments.simulation import (
    TEMPLATES,
    compare,
    example_scenario,
    from_template,
    simulate,
)
from lotse.appointments.simulation.compare import num
from lotse.appointments.simulation.stats import Estimate

from .helpers import small_office


def test_templates_change_what_their_names_say():
    base = example_scenario()
    assert from_template("heute", base).desks == base.desks
    assert from_template("ein_schalter_mehr", base).desk_count() == base.desk_count() + 1
    servicepoint = from_template("servicepoint", base)
    assert servicepoint.desk_count() == base.desk_count()
    point = next(g for g in servicepoint.desks if g.name == "Servicepoint")
    short = {a.key for a in base.anliegen if a.service.mean <= 12}
    assert set(point.serves) == short
    split = from_template("front_backoffice", base)
    assert split.desk_count() == base.desk_count()
    assert {g.stage for g in split.desks} == {"front", "back"}
    assert all(a.back_office for a in split.anliegen if a.service.mean > 10)


def test_every_template_gives_a_valid_scenario():
    from lotse.appointments.simulation import parse_scenario, scenario_to_json

    base = small_office()
    for key in TEMPLATES:
        variant = from_template(key, base)
        assert parse_scenario(scenario_to_json(variant)) == variant


def test_one_more_desk_shortens_the_wait_and_says_so():
    base = replace(example_scenario(), days=10, replications=5)
    results = [simulate(base), simulate(from_template("ein_schalter_mehr", base))]
    comparison = compare(results)
    finding = comparison.findings[0]
    assert finding.wait_mean.significant and finding.wait_mean.value < finding.wait_mean.baseline
    assert finding.sentences[0].startswith("Mit „Ein Schalter mehr“ sinkt die mittlere Wartezeit")
    assert "Dafür braucht es 1 Schalter mehr." in finding.sentences
    assert comparison.recommendation.startswith("Empfehlung: „Ein Schalter mehr“")
    assert comparison.ranking[0] == "Ein Schalter mehr"


def test_the_same_scenario_twice_shows_no_reliable_difference():
    base = replace(small_office(), days=5, replications=5)
    twin = replace(base, name="Zwilling", seed=99)
    comparison = compare([simulate(base), simulate(twin)])
    if comparison.findings[0].wait_mean.significant:
        pytest.skip("a 5 % chance of a spurious difference; seeds are fixed, so never here")
    assert "kein belastbarer Unterschied" in comparison.findings[0].sentences[0]
    assert comparison.recommendation.startswith("Keine der Varianten")


def test_estimate_overlap():
    assert Estimate(10, 2, 5).overlaps(Estimate(13, 2, 5))
    assert not Estimate(10, 1, 5).overlaps(Estimate(13, 1, 5))
    assert Estimate(10, None, 1).overlaps(Estimate(30, 1, 5))


def test_german_numbers():
    assert num(1234.56, 1) == "1.234,6"
    assert num(0.5) == "0"
