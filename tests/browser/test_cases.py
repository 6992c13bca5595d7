"""Journey of a KIM case manager: intake with the person's agreement → assessment →
Zielvereinbarung agreed (and its PDF) → the review task in "Meine Aufgaben" → closure.
Every page is scanned with axe."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lotse.cases.models import Case, PlanVersion, Task

pytestmark = pytest.mark.browser


def _click_nav(page: Page, name: str) -> None:
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("load")


def test_case_from_intake_to_closure(
    page: Page, personas, orgs, make_person, log_in, axe_check, screenshot
):
    amina = make_person(personas["cm_a"], "Haddad", "Amina", birth_year=1990, languages=["en"])
    log_in(page, "cm_a")
    expect(page.get_by_role("heading", name="Meine Aufgaben")).to_be_visible()

    # Intake from the person page, the agreement recorded as a consent.
    page.goto(f"/personen/{amina.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Fall eröffnen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("komplexer Unterstützungsbedarf").check()
    page.get_by_label("mehrere Stellen beteiligt").check()
    page.get_by_label("Zustimmung jetzt neu erfassen").check()
    page.get_by_label("Jobcenter A").check()
    page.locator("main").get_by_role("button", name="Fall eröffnen").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Der Fall ist eröffnet.")).to_be_visible()
    axe_check(page)
    screenshot(page, "cases-01-ueberblick")
    case = Case.objects.get(person=amina)
    assert case.agreement is not None

    # Assessment.
    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    tabs.get_by_role("link", name="Assessment").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_role("link", name="Neues Assessment").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Priorität: Arbeit").select_option(label="hoch")
    page.get_by_label("Bedarfe: Arbeit").fill("Anerkennung des Abschlusses")
    page.get_by_role("button", name="Assessment speichern").click()
    page.wait_for_load_state("load")
    expect(page.locator("main table")).to_contain_text("Anerkennung des Abschlusses")
    axe_check(page)

    # Zielvereinbarung: draft, goal, objective, step, agree.
    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    tabs.get_by_role("link", name="Zielvereinbarung").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_role("button", name="Zielvereinbarung anlegen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    review = dt.date.today() + dt.timedelta(days=1)
    page.get_by_label("Globalziel").fill("Als Pflegefachfrau arbeiten")
    page.get_by_label("Überprüfung am").fill(review.isoformat())
    page.get_by_role("button", name="Globalziel und Überprüfung speichern").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Handlungsfeld").select_option(label="Arbeit")
    page.get_by_label("Schwerpunktziel", exact=True).fill("Berufsabschluss anerkennen lassen")
    page.get_by_role("button", name="Schwerpunktziel hinzufügen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.locator("summary", has_text="Handlungsziel hinzufügen").click()
    page.get_by_label("Handlungsziel", exact=True).fill("Antrag auf Anerkennung stellen")
    page.get_by_label("Woran erkennen wir, dass es erreicht ist?").fill("Eingangsbestätigung")
    page.get_by_label("Zieldatum").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Handlungsziel hinzufügen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.locator("summary", has_text="Schritt hinzufügen").click()
    page.get_by_label("Schritt", exact=True).fill("Zeugnisse übersetzen lassen")
    page.get_by_label("Wer?").select_option(label="die Person")
    axe_check(page)
    page.get_by_role("button", name="Schritt hinzufügen").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Zeugnisse übersetzen lassen")
    axe_check(page)
    page.get_by_label("Sprache des Ausdrucks für die Person").select_option("en")
    page.get_by_role("button", name="Als vereinbart festhalten").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Die Zielvereinbarung ist vereinbart.")).to_be_visible()
    axe_check(page)
    screenshot(page, "cases-02-zielvereinbarung")
    version = PlanVersion.objects.get(plan__case=case)
    assert version.status == "AGREED" and version.language == "en"

    # The printable PDF, in the person's language (English).
    pdf_url = page.get_by_role("link", name="Als PDF").get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "z.pdf"
            path.write_bytes(response.body())
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
        assert "Goal agreement" in text and "Zeugnisse übersetzen lassen" in text
        assert "Signature of the person" in text

    # The review date became a task in "Meine Aufgaben".
    assert Task.objects.filter(case=case, kind="REVIEW", due_on=review).exists()
    _click_nav(page, "Meine Aufgaben")
    axe_check(page)
    expect(page.locator("main")).to_contain_text("Zielvereinbarung überprüfen (Version 1)")

    # Closure.
    page.goto(f"/faelle/{case.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Fall abschließen").click()
    page.wait_for_load_state("load")
    axe_check(page)
    page.get_by_label("Grund des Abschlusses").select_option(label="Ziele erreicht")
    page.get_by_label("Ergebnis insgesamt").select_option(label="erreicht")
    page.locator("main").get_by_role("button", name="Fall abschließen").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Der Fall ist abgeschlossen.")).to_be_visible()
    expect(page.get_by_role("link", name="Fall wieder eröffnen")).to_be_visible()
    axe_check(page)
    _click_nav(page, "Fälle")
    axe_check(page)
    expect(page.locator("main")).not_to_contain_text("Haddad")  # only open cases by default
    assert re.search(r"/faelle/$", page.url)
