import datetime as dt

import pytest
from django.core.management import call_command

from lotse.contracts.screening_input import validate_person
from lotse.core.models import Kommune, Role, User
from lotse.demo.generator import Generator
from lotse.people.models import Person, Relation
from lotse.people.services import STRUCTURED_FACTS

TODAY = dt.date(2026, 11, 21)


def test_generator_is_deterministic():
    first = [d for d, _p in Generator(seed=7, kommune="Kreis Musterland", today=TODAY).persons(50)]
    second = [d for d, _p in Generator(seed=7, kommune="Kreis Musterland", today=TODAY).persons(50)]
    other = [d for d, _p in Generator(seed=8, kommune="Kreis Musterland", today=TODAY).persons(50)]
    assert first == second and first != other


def test_generated_facts_satisfy_the_contract():
    for data, _parent in Generator(seed=3, kommune="Stadt Beispielstadt", today=TODAY).persons(500):
        assert not set(data.facts) & STRUCTURED_FACTS
        assert validate_person({"id": "x", **data.facts}, as_of=TODAY) == [], data.facts
        periods = data.status_periods
        for a, b in zip(periods, periods[1:], strict=False):
            assert a["to"] is not None and a["to"] < b["from"]


def test_generated_population_has_a_realistic_mix():
    rows = [d for d, _p in Generator(seed=1, kommune="Kreis Musterland", today=TODAY).persons(2000)]
    current = [d.status_periods[-1]["type"] for d in rows if d.status_periods]
    share = {kind: current.count(kind) / len(current) for kind in set(current)}
    duldung = sum(v for k, v in share.items() if k.startswith("DULDUNG"))
    assert 0.1 < duldung < 0.4 and 0.05 < share["GESTATTUNG"] < 0.35 and share["AE"] > 0.25
    convicted = sum(1 for d in rows if d.facts.get("convictions")) / len(rows)
    assert 0.005 < convicted < 0.06


@pytest.mark.django_db
def test_demo_data_command_loads_once(capsys):
    call_command("demo_data", "--persons", "60", "--seed", "2", "--today", "2026-11-21")
    assert Kommune.objects.filter(name__in=["Kreis Musterland", "Stadt Beispielstadt"]).count() == 2
    assert Person.objects.count() == 120
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Relation.objects.exists()
    call_command("demo_data", "--persons", "60")
    assert Person.objects.count() == 120
    assert "schon geladen" in capsys.readouterr().out
