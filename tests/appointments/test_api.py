"""The Kundensteuerung API: catalogue and free times for ABH staff, nothing for others."""

from __future__ import annotations

import pytest
from django.test import Client

from lotse.core.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas):  # noqa: ANN001, ANN201
    def make(name: str) -> Client:
        _token, secret = api_token_create(user=personas[name], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def test_abh_staff_read_catalogue_and_free_times(api, location, service):
    client = api("front_a")
    assert [row["id"] for row in client.get("/api/v1/appointments/locations").json()] == [
        location.pk
    ]
    services = client.get("/api/v1/appointments/services").json()
    assert services[0]["documents"] == ["Reisepass", "Foto"]
    assert services[0]["locations"] == [location.pk]
    times = client.get(
        f"/api/v1/appointments/locations/{location.pk}/free-times",
        {"services": [service.pk], "channel": "INTERNAL", "limit": 3},
    ).json()
    assert len(times) == 3


def test_others_see_nothing(api, location, service):
    assert api("cm_a").get("/api/v1/appointments/locations").status_code == 403
    assert api("lotsin_b").get("/api/v1/appointments/locations").json() == []
    url = f"/api/v1/appointments/locations/{location.pk}/free-times"
    assert api("lotsin_b").get(url, {"services": [service.pk]}).status_code == 404
    assert Client().get("/api/v1/appointments/locations").status_code == 401


def test_bad_input_is_a_problem_not_a_crash(api, location):
    url = f"/api/v1/appointments/locations/{location.pk}/free-times"
    response = api("front_a").get(url, {"services": [999999]})
    assert response.status_code == 400
    assert api("front_a").get(url, {"services": ["x"]}).status_code in (400, 422)
