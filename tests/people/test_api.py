"""The person API: token auth, same policy as the UI, problem details, never 500."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lotse.core.services import api_token_create
from lotse.people.models import Person
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas):
    def make(name: str) -> Client:
        _token, secret = api_token_create(user=personas[name], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def test_openapi_is_served(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/persons" in spec["paths"]


def test_without_token_is_401_problem(client):
    response = client.get("/api/v1/persons")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_foreign_person_is_404_for_case_manager_of_other_kommune(api, personas):
    amina = person(personas["lotsin_a"])
    assert api("lotsin_a").get(f"/api/v1/persons/{amina.pk}").status_code == 200
    response = api("cm_b").get(f"/api/v1/persons/{amina.pk}")
    assert response.status_code == 404 and response.json()["title"] == "Nicht gefunden"


def test_create_read_update(api):
    client = api("lotsin_a")
    body = {
        "family_name": "Kovalenko",
        "given_names": "Olena",
        "birth_year": 1988,
        "sex": "F",
        "nationalities": ["UA"],
        "facts": {"entry_date": "2022-03-10"},
    }
    created = client.post("/api/v1/persons", body, content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    updated = client.put(
        f"/api/v1/persons/{pk}", {**body, "city": "Musterstadt"}, content_type="application/json"
    )
    assert updated.status_code == 200 and updated.json()["city"] == "Musterstadt"
    document = client.get(f"/api/v1/persons/{pk}/screening-input").json()
    assert document["entry_date"] == "2022-03-10" and document["nationalities"] == ["UA"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"family_name": ""},
        {"family_name": "X", "birth_year": "neunzehn"},
        {"family_name": "X", "facts": {"unbekannt": 1}},
        {"family_name": "X", "nationalities": ["Syrien"]},
        {"family_name": "X", "birth_year": 2000, "birth_month": 2, "birth_day": 30},
        {"family_name": "X", "postcode": "123"},
    ],
)
def test_bad_input_is_422_problem_not_500(api, body):
    response = api("lotsin_a").post("/api/v1/persons", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert Person.objects.count() == 0


def test_malformed_json_is_4xx(api):
    response = api("lotsin_a").post("/api/v1/persons", "{nope", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_search_in_body_tolerates_spelling(api, personas):
    person(personas["lotsin_a"], "Al-Hassan", "Mohammed", 1998)
    response = api("lotsin_a").post(
        "/api/v1/persons/search", {"q": "Muhammad Alhassan"}, content_type="application/json"
    )
    assert [p["family_name"] for p in response.json()["items"]] == ["Al-Hassan"]
    assert (
        api("cm_b")
        .post("/api/v1/persons/search", {"q": "Alhassan"}, content_type="application/json")
        .json()["items"]
        == []
    )


def test_roles_without_person_access_get_403(api):
    assert api("stat_a").get("/api/v1/persons").status_code == 403


def test_import_is_all_or_nothing(api):
    client = api("lotsin_a")
    bad = b"familienname;geburtsdatum\nKaya;01.01.2000\nDemir;32.01.2000\n"
    response = client.post(
        "/api/v1/persons/import", {"kind": "csv", "file": SimpleUploadedFile("p.csv", bad)}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] == 3
    assert Person.objects.count() == 0
    good = b"familienname;geburtsdatum\nKaya;01.01.2000\nDemir;1999\n"
    response = client.post(
        "/api/v1/persons/import", {"kind": "csv", "file": SimpleUploadedFile("p.csv", good)}
    )
    assert response.json() == {"created": 2, "updated": 0}


def test_export_and_json_reimport_updates_facts(api, personas):
    amina = person(personas["lotsin_a"], reference="AZ-1")
    client = api("lotsin_a")
    document = client.get("/api/v1/persons/export").json()
    document["persons"][0]["entry_date"] = "2015-09-01"
    upload = SimpleUploadedFile("s.json", json.dumps(document).encode())
    response = client.post("/api/v1/persons/import", {"kind": "json", "file": upload})
    assert response.json() == {"created": 0, "updated": 1}
    amina.refresh_from_db()
    assert amina.facts["entry_date"] == "2015-09-01" and amina.family_name == "Haddad"


def test_api_docs_are_served_without_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "https://" not in html
