"""The referral API: same services and gate as the pages, problem details on errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lotse.consent import services as consent_services
from lotse.core.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas):
    def make(name: str) -> Client:
        _token, secret = api_token_create(user=personas[name], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def test_create_list_answer_and_read_shared_data(api, orgs, kim_case, referral_consent):
    cm, jc = api("cm_a"), api("jobcenter_a")
    body = {
        "case_id": kim_case.pk,
        "to_organisation_id": orgs["jobcenter_a"].pk,
        "categories": ["STAMMDATEN", "ARBEIT_EINKOMMEN"],
    }
    response = cm.post("/api/v1/referrals", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert [r["id"] for r in cm.get("/api/v1/referrals/outgoing").json()] == [pk]
    incoming = jc.get("/api/v1/referrals/incoming").json()
    assert [r["id"] for r in incoming] == [pk] and incoming[0]["case_id"] is None
    data = jc.get(f"/api/v1/referrals/{pk}/data").json()
    assert [s["category"] for s in data["sections"]] == ["STAMMDATEN", "ARBEIT_EINKOMMEN"]
    assert "Rückenschmerzen" not in json.dumps(data)
    assert jc.post(f"/api/v1/referrals/{pk}/accept").json()["status"] == "ACCEPTED"
    response = jc.post(
        f"/api/v1/referrals/{pk}/complete",
        json.dumps({"result": "Coaching läuft"}),
        content_type="application/json",
    )
    assert response.json()["status"] == "COMPLETED"


def test_missing_consent_is_a_problem_document(api, orgs, kim_case, referral_consent):
    body = {
        "case_id": kim_case.pk,
        "to_organisation_id": orgs["jobcenter_a"].pk,
        "categories": ["GESUNDHEIT"],
    }
    response = api("cm_a").post(
        "/api/v1/referrals", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "Gesundheit" in response.content.decode()


def test_revoked_consent_gives_404_on_shared_data(api, personas, referral, referral_consent):
    consent_services.consent_revoke(by=personas["cm_a"], consent=referral_consent)
    response = api("jobcenter_a").get(f"/api/v1/referrals/{referral.pk}/data")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("name", ["cm_b", "abh_a", "stat_a", "lotsin_a"])
def test_outsiders_get_404(api, referral, name):
    client = api(name)
    assert client.get(f"/api/v1/referrals/{referral.pk}").status_code == 404
    assert client.get(f"/api/v1/referrals/{referral.pk}/data").status_code == 404
    assert client.post(f"/api/v1/referrals/{referral.pk}/accept").status_code == 404


def test_sender_may_not_accept(api, referral):
    assert api("cm_a").post(f"/api/v1/referrals/{referral.pk}/accept").status_code == 403


def test_without_token_is_401(client):
    assert client.get("/api/v1/referrals/incoming").status_code == 401
