"""The cases API: same services and policy as the UI, problem documents on errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from lotse.cases.models import Case
from lotse.core.services import api_token_create
from tests.cases.conftest import agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas):
    def make(name: str, user=None) -> Client:
        _token, secret = api_token_create(user=user or personas[name], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_open_read_list_close_reopen(api, personas, orgs, amina):
    client = api("cm_a")
    consent = agreement(personas, orgs, amina)
    created = _post(
        client,
        "/api/v1/cases",
        {
            "person_id": amina.pk,
            "access_route": "SELF",
            "indications": ["COMPLEX_NEEDS"],
            "agreement_id": consent.pk,
        },
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["kind"] == "KIM"
    assert client.get(f"/api/v1/cases/{case_id}").json()["status"] == "OPEN"
    listed = client.get("/api/v1/cases").json()
    assert [c["id"] for c in listed["items"]] == [case_id] and listed["next"] is None
    closed = _post(
        client, f"/api/v1/cases/{case_id}/close", {"reason": "MOVED", "outcome": "PARTLY"}
    )
    assert closed.json()["status"] == "CLOSED"
    again = _post(
        client, f"/api/v1/cases/{case_id}/close", {"reason": "MOVED", "outcome": "PARTLY"}
    )
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    reopened = _post(client, f"/api/v1/cases/{case_id}/reopen", {"note": "zurück"})
    assert reopened.json()["status"] == "OPEN"


def test_open_without_agreement_is_a_problem_and_writes_nothing(api, amina):
    response = _post(
        api("cm_a"),
        "/api/v1/cases",
        {"person_id": amina.pk, "access_route": "SELF", "indications": ["COMPLEX_NEEDS"]},
    )
    assert response.status_code == 422
    assert "Zustimmung" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("name", ["cm_b", "lotsin_a", "jobcenter_a", "stat_a", "land", "admin_a"])
def test_others_get_404(api, kim_case, name):
    client = api(name)
    assert client.get(f"/api/v1/cases/{kim_case.pk}").status_code == 404
    assert client.get(f"/api/v1/cases/{kim_case.pk}/plan").status_code == 404
    assert client.get(f"/api/v1/cases/{kim_case.pk}/tasks").status_code == 404
    response = _post(
        client, f"/api/v1/cases/{kim_case.pk}/tasks", {"title": "x", "due_on": "2030-01-01"}
    )
    assert response.status_code == 404


def test_leitung_reads_and_gets_403_on_writes(api, kim_case, leitung_a):
    client = api("", user=leitung_a)
    assert client.get(f"/api/v1/cases/{kim_case.pk}").status_code == 200
    response = _post(
        client, f"/api/v1/cases/{kim_case.pk}/close", {"reason": "MOVED", "outcome": "PARTLY"}
    )
    assert response.status_code == 403


def test_plan_draft_agree_and_tasks(api, kim_case):
    client = api("cm_a")
    review = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    draft = _post(
        client,
        f"/api/v1/cases/{kim_case.pk}/plan/draft",
        {
            "global_goal": "Selbstständig leben",
            "review_on": review,
            "goals": [
                {
                    "field": "WOHNEN",
                    "text": "Eigene Wohnung",
                    "objectives": [
                        {
                            "text": "Wohnberechtigungsschein beantragen",
                            "indicator": "WBS liegt vor",
                            "target_on": review,
                            "steps": [{"text": "Antrag ausfüllen", "responsible": "PERSON"}],
                        }
                    ],
                }
            ],
        },
    )
    assert draft.status_code == 200, draft.content
    assert draft.json()["status"] == "DRAFT"
    agreed = _post(client, f"/api/v1/cases/{kim_case.pk}/plan/1/agree", {"language": "de"})
    assert agreed.json()["status"] == "AGREED"
    tasks = client.get(f"/api/v1/cases/{kim_case.pk}/tasks").json()
    assert [t["kind"] for t in tasks] == ["REVIEW"]
    created = _post(
        client, f"/api/v1/cases/{kim_case.pk}/tasks", {"title": "Anruf", "due_on": review}
    )
    assert created.status_code == 201
    done = _post(client, f"/api/v1/cases/{kim_case.pk}/tasks/{created.json()['id']}/done", {})
    assert done.json()["done_at"] is not None
    versions = client.get(f"/api/v1/cases/{kim_case.pk}/plan").json()
    assert versions[0]["goals"][0]["objectives"][0]["steps"][0]["text"] == "Antrag ausfüllen"


def test_bad_plan_input_changes_nothing(api, kim_case):
    client = api("cm_a")
    response = _post(
        client,
        f"/api/v1/cases/{kim_case.pk}/plan/draft",
        {"goals": [{"field": "NONSENSE", "text": "x"}]},
    )
    assert response.status_code == 422
    assert not kim_case.__class__.objects.get(pk=kim_case.pk).__dict__.get("plan")
    from lotse.cases.models import PlanVersion

    assert not PlanVersion.objects.exists()
