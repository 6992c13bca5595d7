"""Log-in, throttling, second factor, idle timeout, API tokens."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core import services
from lotse.core.models import ApiToken, Event
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = PASSWORD):
    return client.post("/anmelden/", {"username": username, "password": password})


def test_login_page_is_german(client):
    html = client.get("/anmelden/").content.decode()
    assert '<html lang="de"' in html and "Anmelden" in html


def test_successful_login_reaches_start_page(client, personas):
    response = _login(client, "cm_a")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Guten Tag" in client.get("/").content.decode()


def test_wrong_password_gives_one_neutral_message(client, personas):
    html = _login(client, "cm_a", "falsch").content.decode()
    assert "Benutzername oder Passwort ist falsch." in html
    html = _login(client, "gibt-es-nicht", "falsch").content.decode()
    assert "Benutzername oder Passwort ist falsch." in html


def test_login_is_locked_after_repeated_failures(client, personas, settings):
    settings.LOTSE_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "cm_a", "falsch")
    html = _login(client, "cm_a").content.decode()  # even the right password is refused now
    assert "Zu viele Fehlversuche" in html
    assert "_auth_user_id" not in client.session


def test_open_redirect_after_login_is_refused(client, personas):
    response = client.post(
        "/anmelden/?next=https://evil.example/", {"username": "cm_a", "password": PASSWORD}
    )
    assert response["Location"] == "/"


def test_second_factor_enforced_by_organisation(client, personas, orgs):
    orgs["ki_a"].require_second_factor = True
    orgs["ki_a"].save()
    response = _login(client, "cm_a")
    assert response["Location"] == "/anmelden/zweiter-faktor/"
    # Every other page redirects back to the second factor until it is done.
    assert client.get("/personen/")["Location"] == "/anmelden/zweiter-faktor/"
    html = client.get("/anmelden/zweiter-faktor/").content.decode()
    assert "Zweiten Faktor einrichten" in html
    device = TOTPDevice.objects.get(user=personas["cm_a"], confirmed=False)
    response = client.post("/anmelden/zweiter-faktor/", {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == "/"
    assert client.get("/personen/").status_code == 200
    assert Event.objects.filter(activity="account.second_factor_set_up").exists()


def test_wrong_code_is_refused_with_a_message(client, personas):
    device = TOTPDevice.objects.create(user=personas["cm_a"], confirmed=True, name="x")
    _login(client, "cm_a")
    wrong = f"{(totp(device.bin_key) + 1) % 1000000:06d}"
    html = client.post("/anmelden/zweiter-faktor/", {"token": wrong}).content.decode()
    assert "Der Einmalcode stimmt nicht" in html
    assert client.get("/")["Location"] == "/anmelden/zweiter-faktor/"


def test_confirmed_device_is_required_at_next_login(client, personas):
    device = TOTPDevice.objects.create(user=personas["cm_a"], confirmed=True, name="x")
    _login(client, "cm_a")
    assert client.get("/")["Location"] == "/anmelden/zweiter-faktor/"
    assert "Einmalcode eingeben" in client.get("/anmelden/zweiter-faktor/").content.decode()
    client.post("/anmelden/zweiter-faktor/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.get("/").status_code == 200


def test_demo_exemption_only_when_enabled(client, personas, orgs, settings):
    orgs["ki_a"].require_second_factor = True
    orgs["ki_a"].save()
    personas["cm_a"].otp_exempt = True
    personas["cm_a"].save()
    settings.LOTSE_DEMO_OTP_EXEMPT = True
    assert _login(client, "cm_a")["Location"] == "/"
    settings.LOTSE_DEMO_OTP_EXEMPT = False
    assert client.get("/")["Location"] == "/anmelden/zweiter-faktor/"


def test_idle_timeout_defaults_to_30_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_logout_needs_post(client_for):
    client = client_for("cm_a")
    assert client.get("/abmelden/").status_code == 405
    assert client.post("/abmelden/").status_code == 302
    assert client.get("/").status_code == 302


def test_api_token_is_stored_hashed_and_shown_once(client_for, personas):
    client = client_for("cm_a")
    html = client.post("/konto/", {"name": "Fachverfahren"}).content.decode()
    token = ApiToken.objects.get(user=personas["cm_a"])
    secret = html.split('id="neuer-token">', 1)[1].split("<", 1)[0]
    assert secret.startswith("lotse_") and token.digest == services.token_digest(secret)
    assert secret not in client.get("/konto/").content.decode()
    assert services.api_token_user(secret) == personas["cm_a"]


def test_revoked_token_stops_working_and_others_cannot_revoke(client_for, personas):
    token, secret = services.api_token_create(user=personas["cm_a"], name="x")
    assert client_for("cm_b").post(f"/konto/tokens/{token.pk}/widerrufen/").status_code == 404
    client_for("cm_a").post(f"/konto/tokens/{token.pk}/widerrufen/")
    assert services.api_token_user(secret) is None


def test_password_change_keeps_the_session_and_logs(client_for, personas):
    client = client_for("cm_a")
    response = client.post(
        "/konto/passwort/",
        {
            "old_password": PASSWORD,
            "new_password1": "ein-neues-langes-Passwort-7",
            "new_password2": "ein-neues-langes-Passwort-7",
        },
    )
    assert response.status_code == 302 and client.get("/").status_code == 200
    personas["cm_a"].refresh_from_db()
    assert personas["cm_a"].check_password("ein-neues-langes-Passwort-7")
    assert Event.objects.filter(activity="account.password_changed").exists()


def test_password_change_with_wrong_old_password_is_refused(client_for, personas):
    html = (
        client_for("cm_a")
        .post(
            "/konto/passwort/",
            {
                "old_password": "falsch",
                "new_password1": "ein-neues-langes-Passwort-7",
                "new_password2": "ein-neues-langes-Passwort-7",
            },
        )
        .content.decode()
    )
    assert "Das alte Passwort war falsch." in html


def test_menu_is_hidden_until_the_second_factor_is_given(client, personas, orgs):
    orgs["ki_a"].require_second_factor = True
    orgs["ki_a"].save()
    _login(client, "cm_a")
    html = client.get("/anmelden/zweiter-faktor/").content.decode()
    assert "Hauptnavigation" not in html and "Abmelden" in html


def test_only_the_most_specific_menu_item_is_current(client_for):
    html = client_for("lotsin_a").get("/personen/import/").content.decode()
    assert html.count('aria-current="page"') == 1
    assert 'href="/personen/import/" aria-current="page"' in html
