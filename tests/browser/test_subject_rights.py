"""Journeys for data-subject rights: a case manager generates the Art. 15 answer from the person
page and checks the PDF; the ADMIN changes a retention period. Every page is axe-scanned."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect

from lotse.consent.models import RetentionRule


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_case_manager_generates_the_art15_pdf(
    page: Page, personas, make_person, log_in, axe_check, screenshot, tmp_path
):
    amina = make_person(personas["cm_a"], "Haddad", "Amina", birth_year=1995, phone="0201 4711")
    log_in(page, "cm_a")
    page.goto(f"/personen/{amina.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Auskunft nach Art. 15 DSGVO").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auskunft nach Art. 15 DSGVO")
    axe_check(page)
    screenshot(page, "auskunft-art15")

    link = page.get_by_role("link", name="Auskunft als PDF erstellen")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "auskunft.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Auskunft über Ihre Daten" in text and "Ihre Rechte" in text
    assert "Amina Haddad" in text and "0201 4711" in text
    assert "Wer hat Ihre Daten aufgerufen?" in text

    json_link = page.get_by_role("link", name="Auskunft als JSON herunterladen")
    document = page.request.get(json_link.get_attribute("href")).json()
    assert document["sections"]["person"]["data"]["phone"] == "0201 4711"


@pytest.mark.browser
def test_admin_changes_a_retention_period(page: Page, personas, log_in, axe_check):
    log_in(page, "admin_a")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Aufbewahrung"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aufbewahrung und Löschung")
    axe_check(page)
    page.get_by_role("link", name="Abgeschlossene Fälle").click()
    axe_check(page)
    page.get_by_label("Aufbewahrung in Monaten").fill("0")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("zwischen 1 und 600 Monaten")
    axe_check(page)
    page.get_by_label("Aufbewahrung in Monaten").fill("48")
    page.get_by_label("anonymisieren").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("48 Monate")
    axe_check(page)
    assert RetentionRule.objects.get(record_type="cases.closed_case").months == 48


@pytest.mark.browser
def test_rectification_on_request_then_leitung_answers(
    page: Page, personas, orgs, make_person, log_in, axe_check
):
    from lotse.core.models import Role
    from tests.conftest import make_user

    amina = make_person(personas["cm_a"], "Hadad", "Amina", birth_year=1995)
    log_in(page, "cm_a")
    page.goto(f"/personen/{amina.pk}/bearbeiten/")
    page.get_by_label("Familienname").fill("Haddad")
    page.get_by_label("Berichtigung auf Antrag der Person (Art. 16 DSGVO)").check()
    page.get_by_label("Bemerkung zur Berichtigung").fill("Schreibweise laut Pass")
    axe_check(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haddad")
    axe_check(page)

    make_user("leitung_a", Role.LEITUNG, orgs["ki_a"])
    page.context.clear_cookies()
    log_in(page, "leitung_a")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Auskunft"
    ).click()
    axe_check(page)
    page.get_by_label("Aktenzeichen oder Lotse-Nummer").fill(f"lotse-{amina.pk}")
    page.get_by_role("button", name="Person suchen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auskunft nach Art. 15 DSGVO")
    axe_check(page)
    link = page.get_by_role("link", name="Auskunft als JSON herunterladen")
    document = page.request.get(link.get_attribute("href")).json()
    rectification = document["sections"]["person"]["data"]["rectifications"][0]
    assert rectification == {
        "at": rectification["at"],
        "fields": ["family_name"],
        "note": "Schreibweise laut Pass",
    }
