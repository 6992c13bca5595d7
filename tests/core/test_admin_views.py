"""Tenant administration: who may, who gets 404/403."""

import pytest

from lotse.core.models import Event, Organisation, User

pytestmark = pytest.mark.django_db


def test_admin_sees_only_own_kommune(client_for, orgs):
    html = client_for("admin_a").get("/verwaltung/").content.decode()
    assert "KI A" in html and "ABH A" in html and "KI B" not in html


@pytest.mark.parametrize("name", ["cm_a", "lotsin_a", "stat_a", "land"])
def test_non_admins_get_403(client_for, name):
    assert client_for(name).get("/verwaltung/").status_code == 403
    assert client_for(name).get("/verwaltung/konten/neu/").status_code == 403


def test_admin_of_other_kommune_gets_404_for_objects(client_for, orgs, personas):
    client = client_for("admin_b")
    assert client.get(f"/verwaltung/organisationen/{orgs['abh_a'].pk}/").status_code == 404
    assert client.get(f"/verwaltung/konten/{personas['cm_a'].pk}/").status_code == 404
    assert (
        client.post(
            f"/verwaltung/konten/{personas['cm_a'].pk}/zweiter-faktor-zuruecksetzen/"
        ).status_code
        == 404
    )


def test_admin_creates_organisation_and_account(client_for, orgs):
    client = client_for("admin_a")
    response = client.post(
        "/verwaltung/organisationen/neu/",
        {"name": "Diakonie A", "kind": "WOHLFAHRT", "require_second_factor": "on"},
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="Diakonie A")
    assert org.kommune == orgs["abh_a"].kommune
    response = client.post(
        "/verwaltung/konten/neu/",
        {
            "username": "neu",
            "organisation": org.pk,
            "role": "CASE_MANAGER",
            "password": "ein-langes-Passwort-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="neu")
    assert user.organisation == org and user.check_password("ein-langes-Passwort-2026")
    assert Event.objects.filter(activity="account.created").exists()


def test_admin_cannot_put_account_into_foreign_organisation(client_for, orgs):
    response = client_for("admin_a").post(
        "/verwaltung/konten/neu/",
        {
            "username": "x",
            "organisation": orgs["ki_b"].pk,
            "role": "CASE_MANAGER",
            "password": "ein-langes-Passwort-2026",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="x").exists()


def test_weak_password_is_refused_in_german(client_for, orgs):
    html = (
        client_for("admin_a")
        .post(
            "/verwaltung/konten/neu/",
            {
                "username": "x",
                "organisation": orgs["ki_a"].pk,
                "role": "CASE_MANAGER",
                "password": "kurz",
            },
        )
        .content.decode()
    )
    assert "Dieses Passwort ist zu kurz" in html
    assert not User.objects.filter(username="x").exists()


def test_admin_edits_account_and_resets_second_factor(client_for, personas, orgs):
    client = client_for("admin_a")
    target = personas["cm_a"]
    response = client.post(
        f"/verwaltung/konten/{target.pk}/",
        {"username": "cm_a", "organisation": orgs["ki_a"].pk, "role": "COORDINATOR"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == "COORDINATOR" and not target.is_active
    assert (
        client.post(f"/verwaltung/konten/{target.pk}/zweiter-faktor-zuruecksetzen/").status_code
        == 302
    )
    assert Event.objects.filter(activity="account.second_factor_reset").exists()


def test_django_admin_is_for_operators_only(client_for):
    assert client_for("admin_a").get("/betrieb/admin/").status_code == 302
