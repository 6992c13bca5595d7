"""Journey: log in with password and TOTP second factor (set-up, log-out, log-in again)."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

MSG_TOKEN_WRONG = "Der Einmalcode stimmt nicht. Bitte geben Sie den aktuellen Code ein."


def _totp(secret: str) -> TOTP:
    """The TOTP generator for the secret shown for manual entry (base32 without padding)."""
    secret = re.sub(r"\s+", "", secret).upper()
    return TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))


def _code(totp: TOTP, drift: int = 0) -> str:
    """The code of the current time step plus `drift` steps."""
    totp.drift = drift
    try:
        return f"{totp.token():06d}"
    finally:
        totp.drift = 0


def _enter_code(page: Page, code: str) -> None:
    page.get_by_label("Einmalcode").fill(code)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_load_state("load")


@pytest.mark.browser
def test_log_in_with_second_factor(page: Page, personas, orgs, log_in, axe_check, screenshot):
    orgs["ki_a"].require_second_factor = True
    orgs["ki_a"].save(update_fields=["require_second_factor"])

    # First log-in: the password leads to the set-up page, nothing else opens.
    log_in(page, "cm_a")
    expect(page).to_have_url(re.compile(r"/anmelden/zweiter-faktor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zweiten Faktor einrichten")
    expect(
        page.get_by_role("img", name="QR-Code zum Einrichten der Authenticator-App")
    ).to_be_visible()
    screenshot(page, "01-zweiter-faktor-einrichten")
    page.goto("/personen/")
    expect(page).to_have_url(re.compile(r"/anmelden/zweiter-faktor/$"))
    axe_check(page)

    totp = _totp(page.locator(".lotse-code").inner_text())
    first_step = totp.t()
    _enter_code(page, _code(totp))
    expect(page).to_have_url(re.compile(r"/$"))
    expect(
        page.get_by_role("status").filter(has_text="Der zweite Faktor ist eingerichtet.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, cm_a")
    axe_check(page)
    screenshot(page, "01-startseite")

    page.locator("header").get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/anmelden/$"))
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    axe_check(page)

    # Second log-in: the secret is not shown again; a code from the app is asked for.
    log_in(page, "cm_a")
    expect(page).to_have_url(re.compile(r"/anmelden/zweiter-faktor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Einmalcode eingeben")
    expect(page.locator(".lotse-code")).to_have_count(0)

    valid = {_code(totp, drift) for drift in range(-3, 4)}
    wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)
    _enter_code(page, wrong)
    expect(page).to_have_url(re.compile(r"/anmelden/zweiter-faktor/$"))
    field = page.get_by_label("Einmalcode")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_token_error")).to_have_text(MSG_TOKEN_WRONG)
    axe_check(page)
    screenshot(page, "01-einmalcode-falsch")

    time.sleep(1.1)  # django-otp blocks the next attempt for one second after a wrong code
    # A fresh code: codes are single-use, so take the next time step while still in the first.
    _enter_code(page, _code(totp, drift=max(0, first_step + 1 - totp.t())))
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, cm_a")
    axe_check(page)
