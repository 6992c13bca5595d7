"""Persona tests for every invitation URL: ABH case workers and front office may, the Leitung
tracks but does not create, everybody else (other Kommune, KI, Jobcenter, Lotsin) gets 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lotse.appointments.invitations import selectors, services
from lotse.appointments.models import Booking
from lotse.appointments.models_invitations import Invitation, InvitationRun

pytestmark = pytest.mark.django_db
OUTSIDERS = ["lotsin_b", "cm_a", "jobcenter_a", "lotsin_a", "admin_a", "land"]


@pytest.fixture
def batch(personas, location, service, make_person, make_slots, today) -> InvitationRun:
    make_person(today + dt.timedelta(weeks=7))
    make_person(today + dt.timedelta(weeks=7), languages=["uk"])
    make_slots(today + dt.timedelta(weeks=2), count=3)
    selection = selectors.Selection(weeks=8, location=location, service=service, groups=("AE",))
    return services.invitation_run_create(by=personas["abh_a"], selection=selection).run


def urls(batch: InvitationRun) -> dict[str, tuple[str, str]]:
    invitation = batch.invitations.first()
    return {
        "runs": ("get", reverse("invitations:runs")),
        "select": ("get", reverse("invitations:select")),
        "run": ("get", reverse("invitations:run", args=[batch.pk])),
        "run_pdf": ("get", reverse("invitations:run_pdf", args=[batch.pk])),
        "invitation_pdf": ("get", reverse("invitations:invitation_pdf", args=[invitation.pk])),
        "run_sent": ("post", reverse("invitations:run_sent", args=[batch.pk])),
        "run_sync": ("post", reverse("invitations:run_sync", args=[batch.pk])),
        "invitation_status": (
            "post",
            reverse("invitations:invitation_status", args=[invitation.pk]),
        ),
    }


@pytest.mark.parametrize("persona", ["abh_a", "front_a"])
def test_abh_staff_may_open_every_page(client_for, batch, persona):
    client = client_for(persona)
    for name, (method, url) in urls(batch).items():
        if method == "get":
            response = client.get(url)
            assert response.status_code == 200, name
        else:
            response = client.post(url, {"status": "ACCEPTED"})
            assert response.status_code == 302, name


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_others_get_404_everywhere(client_for, batch, persona):
    client = client_for(persona)
    for name, (method, url) in urls(batch).items():
        response = getattr(client, method)(url)
        assert response.status_code == 404, (persona, name)


def test_anonymous_is_sent_to_login(batch):
    for _name, (method, url) in urls(batch).items():
        assert getattr(Client(), method)(url).status_code == 302


def test_leitung_tracks_but_does_not_create(batch, leitung_a, location, service):
    client = Client()
    client.force_login(leitung_a)
    assert client.get(reverse("invitations:runs")).status_code == 200
    assert client.get(reverse("invitations:run", args=[batch.pk])).status_code == 200
    params = {"weeks": 8, "groups": ["AE"], "location": location.pk, "service": service.pk}
    assert client.get(reverse("invitations:select"), params).status_code == 200
    assert client.post(reverse("invitations:select"), params).status_code == 403
    invitation = batch.invitations.first()
    response = client.post(
        reverse("invitations:invitation_status", args=[invitation.pk]), {"status": "ACCEPTED"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_other_kommune_abh_cannot_see_the_batch(client_for, batch, orgs):
    from lotse.core.models import Role
    from tests.conftest import make_user

    other = make_user("abh_b_sb", Role.ABH_SB, orgs["abh_b"])
    client = Client()
    client.force_login(other)
    assert client.get(reverse("invitations:runs")).status_code == 200
    assert client.get(reverse("invitations:run", args=[batch.pk])).status_code == 404
    invitation = batch.invitations.first()
    assert (
        client.get(reverse("invitations:invitation_pdf", args=[invitation.pk])).status_code == 404
    )


def test_create_from_the_selection_page(
    client_for, location, service, make_person, make_slots, today
):
    make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=2)
    client = client_for("abh_a")
    params = {"weeks": 8, "groups": ["AE"], "location": location.pk, "service": service.pk}
    page = client.get(reverse("invitations:select"), params).content.decode()
    assert "1 Einladung erstellen" in page
    response = client.post(reverse("invitations:select"), params, follow=True)
    assert "1 Einladung mit Termin wurde angelegt." in response.content.decode()
    assert Booking.objects.filter(source=Booking.Source.INVITATION).count() == 1


def test_create_with_nothing_selected_shows_german_message(client_for, location, service):
    client = client_for("abh_a")
    params = {"weeks": 8, "groups": ["AE"], "location": location.pk, "service": service.pk}
    response = client.post(reverse("invitations:select"), params)
    assert response.status_code == 200
    assert "Es wurde nichts angelegt" in response.content.decode()
    assert InvitationRun.objects.count() == 0


def test_bad_input_is_explained(client_for, location, service):
    client = client_for("abh_a")
    params = {"weeks": 99, "groups": ["AE"], "location": location.pk, "service": service.pk}
    response = client.post(reverse("invitations:select"), params)
    assert response.status_code == 200
    assert "kleiner oder gleich 26" in response.content.decode()
    assert InvitationRun.objects.count() == 0


def test_pdf_views_return_pdf(client_for, batch):
    client = client_for("abh_a")
    response = client.get(reverse("invitations:run_pdf", args=[batch.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_run_page_query_count_is_fixed(client_for, batch, django_assert_max_num_queries):
    client = client_for("abh_a")
    with django_assert_max_num_queries(15):
        response = client.get(reverse("invitations:run", args=[batch.pk]))
    assert response.status_code == 200


def test_runs_page_query_count_is_fixed(client_for, batch, django_assert_max_num_queries):
    client = client_for("abh_a")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("invitations:runs"))
    assert response.status_code == 200


def test_run_page_shows_the_readability_of_the_german_letter(client_for, batch):
    page = client_for("abh_a").get(reverse("invitations:run", args=[batch.pk])).content.decode()
    assert "Lesbarkeit des deutschen Briefs (Flesch nach Amstad)" in page


def test_person_page_lists_the_invitations_for_abh_staff(client_for, batch):
    invitation = batch.invitations.first()
    url = reverse("people:detail", args=[invitation.person_id])
    page = client_for("abh_a").get(url).content.decode()
    assert "Einladungen zu Terminen" in page
    assert reverse("invitations:run", args=[batch.pk]) in page
    page = client_for("lotsin_a").get(url).content.decode()
    assert "Einladungen zu Terminen" not in page
