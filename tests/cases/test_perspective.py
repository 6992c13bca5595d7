"""The lotsin's Perspektivfall runs on the same case and goal machinery."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lotse.cases.models import Case, PlanVersion, Step
from lotse.pathways import services as pathways_services
from tests.people.factories import person, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def farid(personas):
    return person(
        personas["lotsin_a"],
        "Ahmadi",
        "Farid",
        2004,
        month=5,
        day=3,
        nationalities=["AF"],
        status_periods=[
            status("GESTATTUNG", "2016-02-01", "2019-03-31"),
            status("DULDUNG_60A", "2019-04-01"),
        ],
        facts={"entry_date": "2016-01-20"},
    )


def test_take_over_opens_a_perspective_case_with_the_proposed_steps_as_draft(personas, farid):
    handed = pathways_services.handover(by=personas["abh_a"], person=farid, note="")
    proposed = pathways_services.proposed_steps(farid)
    pathways_services.take_over(by=personas["lotsin_a"], case=handed)
    case = Case.objects.get(person=farid)
    assert case.kind == "PERSPEKTIVE" and case.case_manager == personas["lotsin_a"]
    assert case.access_route == "INTERNAL" and case.agreement is None
    draft = PlanVersion.objects.get(plan__case=case)
    assert draft.status == "DRAFT"
    texts = list(Step.objects.filter(objective__goal__version=draft).values_list("text", flat=True))
    assert texts == [text for _pathway, text in proposed]
    assert draft.goals.get().field == "AUFENTHALT"


def test_perspective_case_is_for_the_lotsin_not_for_abh_or_case_management(
    client_for, personas, farid
):
    handed = pathways_services.handover(by=personas["abh_a"], person=farid, note="")
    pathways_services.take_over(by=personas["lotsin_a"], case=handed)
    case = Case.objects.get(person=farid)
    url = reverse("cases:plan", args=[case.pk])
    assert client_for("lotsin_a").get(url).status_code == 200
    for name in ("abh_a", "front_a", "cm_a", "lotsin_b", "jobcenter_a"):
        assert client_for(name).get(url).status_code == 404, name
    mine = client_for("lotsin_a").get(reverse("cases:list")).content.decode()
    assert "Ahmadi" in mine


def test_lotsin_may_not_see_kim_cases(client_for, kim_case):
    assert (
        client_for("lotsin_a").get(reverse("cases:detail", args=[kim_case.pk])).status_code == 404
    )
