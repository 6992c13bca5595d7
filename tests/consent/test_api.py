"""The consent API: same services and rules as the web UI, problem details on errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lotse.consent.models import Consent
from lotse.core.services import api_token_create
from tests.consent.factories import consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas):
    def make(name: str) -> Client:
        _token, secret = api_token_create(user=personas[name], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def _body(orgs, person, **extra):
    body = {
        "person_id": person.pk,
        "recipients": [orgs["jobcenter_a"].pk],
        "purposes": ["UEBERLEITUNG"],
        "categories": ["STAMMDATEN"],
        "form": "ELECTRONIC",
        "valid_from": "2026-01-01",
    }
    body.update(extra)
    return json.dumps(body)


def test_owner_lists_gives_and_revokes(api, orgs, amina):
    client = api("cm_a")
    created = client.post("/api/v1/consents", _body(orgs, amina), content_type="application/json")
    assert created.status_code == 201
    cid = created.json()["id"]
    assert created.json()["recipients"] == [orgs["jobcenter_a"].pk]
    listed = client.get(f"/api/v1/consents?person_id={amina.pk}").json()
    assert [c["id"] for c in listed] == [cid]
    revoked = client.post(
        f"/api/v1/consents/{cid}/revoke", json.dumps({}), content_type="application/json"
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    again = client.post(
        f"/api/v1/consents/{cid}/revoke", json.dumps({}), content_type="application/json"
    )
    assert again.status_code == 422 and again["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("name", ["cm_b", "jobcenter_a", "abh_a", "stat_a", "admin_a"])
def test_other_organisations_get_404(api, personas, orgs, amina, name):
    c = consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    client = api(name)
    assert client.get(f"/api/v1/consents?person_id={amina.pk}").status_code == 404
    body = _body(orgs, amina)
    assert client.post("/api/v1/consents", body, content_type="application/json").status_code == 404
    response = client.post(
        f"/api/v1/consents/{c.pk}/revoke", json.dumps({}), content_type="application/json"
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert Consent.objects.get().revoked_at is None


def test_invalid_consent_is_a_problem_document(api, orgs, amina):
    response = api("cm_a").post(
        "/api/v1/consents",
        _body(orgs, amina, recipients=[orgs["ki_b"].pk], purposes=["IRGENDWAS"]),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"recipient_ids", "purposes"} <= fields


def test_without_token_is_401(client):
    assert client.get("/api/v1/consents?person_id=1").status_code == 401
