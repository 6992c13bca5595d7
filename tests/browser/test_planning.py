"""Journey of a team leader in the Personalplanung: two scenarios from templates, the
comparison with its charts and recommendation, and the Gutachten as PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect

from lotse.core.models import Role
from tests.conftest import make_user


def _create(page: Page, axe_check, screenshot, name: str, template: str) -> None:
    page.get_by_role("link", name="Neues Szenario").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Name des neuen Szenarios").fill(name)
    page.get_by_label("Vorlage").select_option(label=template)
    page.get_by_role("button", name="Anlegen").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Szenario: {name}")
    axe_check(page)
    screenshot(page, f"planung-00-{template.split()[0].lower()}")
    page.get_by_role("link", name="Zurück zur Übersicht").first.click()
    page.wait_for_load_state("load")
    axe_check(page)


@pytest.mark.browser
def test_leitung_compares_staffing_scenarios_and_prints_the_gutachten(
    page: Page, orgs, settings, log_in, axe_check, screenshot
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("leitung_abh", Role.LEITUNG, orgs["abh_a"])
    log_in(page, "leitung_abh")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Personalplanung"
    ).click()
    page.wait_for_load_state("load")
    axe_check(page)

    _create(page, axe_check, screenshot, "Heute", "Heute")
    _create(page, axe_check, screenshot, "Ein Schalter mehr", "Ein Schalter mehr")
    table = page.get_by_role("table", name="Gespeicherte Szenarien Ihrer Ausländerbehörde")
    expect(table.get_by_role("rowheader")).to_have_text(["Ein Schalter mehr", "Heute"])
    screenshot(page, "planung-01-liste")

    page.get_by_role("link", name="Szenarien vergleichen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Heute").check()
    page.get_by_label("Ein Schalter mehr").check()
    page.get_by_label("Ausgangslage").select_option(label="Heute")
    page.get_by_label("Simulierte Öffnungstage").fill("10")
    page.get_by_label("Wiederholungen").fill("3")
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Empfehlungen")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Mit „Ein Schalter mehr“")
    expect(page.get_by_role("img", name="Mittlere Wartezeit je Szenario")).to_be_visible()
    axe_check(page)
    screenshot(page, "planung-02-vergleich")

    pdf_link = page.get_by_role("link", name="Gutachten zur Kundensteuerung (PDF)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=body, capture_output=True, check=True
        ).stdout.decode()
        assert "Gutachten zur Kundensteuerung" in text
        assert "Ein Schalter mehr" in text
