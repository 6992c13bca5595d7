"""Planners of the planning app, added to the shared personas: the Leitung and the
Statistik/Planung of ABH A, the Leitung of ABH B (another Kommune)."""

from __future__ import annotations

import pytest
from django.test import Client

from lotse.appointments.planning import services
from lotse.appointments.simulation import example_scenario, from_template, scenario_to_json
from lotse.core.models import Role
from tests.conftest import make_user

PLANNERS = {
    "leitung_a": (Role.LEITUNG, "abh_a"),
    "planung_a": (Role.STATISTIK, "abh_a"),
    "leitung_b": (Role.LEITUNG, "abh_b"),
    "leitung_ki_a": (Role.LEITUNG, "ki_a"),
}


@pytest.fixture
def planners(personas, orgs):
    made = {name: make_user(name, role, orgs[org]) for name, (role, org) in PLANNERS.items()}
    return {**personas, **made}


@pytest.fixture
def planner_client(planners):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(planners[name])
        return client

    return make


def small_definition(template: str = "heute", days: int = 5) -> dict:
    document = scenario_to_json(from_template(template, example_scenario()))
    document["days"] = days
    return document


@pytest.fixture
def scenario_a(planners):
    return services.scenario_create(
        by=planners["leitung_a"], name="Heute", definition=small_definition()
    )


@pytest.fixture
def scenario_a2(planners):
    return services.scenario_create(
        by=planners["leitung_a"],
        name="Ein Schalter mehr",
        definition=small_definition("ein_schalter_mehr"),
    )
