"""The journey of issue 4 across organisations: a case manager's intake → assessment →
Zielvereinbarung agreed (PDF opened and checked) → referral to the Jobcenter (first refused
without a matching consent, then the consent is recorded) → a Jobcenter colleague accepts and
sees only the shared categories → review task → closure → the consent is revoked and the
Jobcenter's access ends at once. Every page is scanned with axe."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lotse.cases.models import Case
from lotse.consent.models import Consent, Disclosure
from lotse.network.models import Referral

pytestmark = pytest.mark.browser


def _go(page: Page, axe_check, url: str) -> None:
    page.goto(url)
    axe_check(page)


def _click(page: Page, axe_check, locator) -> None:
    locator.click()
    page.wait_for_load_state("load")
    axe_check(page)


def _switch_user(page: Page, log_in, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def _intake_assessment_plan(page: Page, axe_check, amina) -> Case:
    _go(page, axe_check, f"/personen/{amina.pk}/")
    _click(page, axe_check, page.get_by_role("link", name="Fall eröffnen"))
    page.get_by_label("komplexer Unterstützungsbedarf").check()
    page.get_by_label("Zustimmung jetzt neu erfassen").check()
    page.get_by_label("Jobcenter A").check()
    _click(page, axe_check, page.locator("main").get_by_role("button", name="Fall eröffnen"))
    expect(page.get_by_text("Der Fall ist eröffnet.")).to_be_visible()
    case = Case.objects.get(person=amina)

    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    _click(page, axe_check, tabs.get_by_role("link", name="Assessment"))
    _click(page, axe_check, page.get_by_role("link", name="Neues Assessment"))
    page.get_by_label("Priorität: Arbeit").select_option(label="hoch")
    page.get_by_label("Bedarfe: Arbeit").fill("Anerkennung des Abschlusses als Pflegefachfrau")
    page.get_by_label("Priorität: Gesundheit").select_option(label="mittel")
    page.get_by_label("Bedarfe: Gesundheit").fill("Behandlung der Rückenschmerzen")
    _click(page, axe_check, page.get_by_role("button", name="Assessment speichern"))

    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    _click(page, axe_check, tabs.get_by_role("link", name="Zielvereinbarung"))
    _click(page, axe_check, page.get_by_role("button", name="Zielvereinbarung anlegen"))
    review = dt.date.today() + dt.timedelta(days=1)
    page.get_by_label("Globalziel").fill("Selbstständig leben und im Beruf ankommen")
    page.get_by_label("Überprüfung am").fill(review.isoformat())
    _click(page, axe_check, page.get_by_role("button", name="Globalziel und Überprüfung speichern"))
    page.get_by_label("Handlungsfeld").select_option(label="Arbeit")
    page.get_by_label("Schwerpunktziel", exact=True).fill("Berufsabschluss anerkennen lassen")
    _click(page, axe_check, page.get_by_role("button", name="Schwerpunktziel hinzufügen"))
    page.locator("summary", has_text="Handlungsziel hinzufügen").click()
    page.get_by_label("Handlungsziel", exact=True).fill("Antrag auf Anerkennung stellen")
    page.get_by_label("Woran erkennen wir, dass es erreicht ist?").fill("Eingangsbestätigung")
    page.get_by_label("Zieldatum").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    _click(page, axe_check, page.get_by_role("button", name="Handlungsziel hinzufügen"))
    page.get_by_label("Sprache des Ausdrucks für die Person").select_option("de")
    _click(page, axe_check, page.get_by_role("button", name="Als vereinbart festhalten"))
    expect(page.get_by_text("Die Zielvereinbarung ist vereinbart.")).to_be_visible()

    pdf_url = page.get_by_role("link", name="Als PDF").get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "z.pdf"
            path.write_bytes(response.body())
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
        assert "Berufsabschluss anerkennen lassen" in text and "Haddad" in text
    return case


def _refer_with_consent(page: Page, axe_check, case: Case) -> Referral:
    _go(page, axe_check, f"/faelle/{case.pk}/")
    _click(page, axe_check, page.get_by_role("link", name="Überleitung anlegen"))
    page.get_by_label("An welche Stelle?").select_option(label="Jobcenter A")
    page.get_by_label("Zweck").select_option(label="Überleitung oder Vermittlung an ein Angebot")
    page.get_by_label("Stammdaten").check()
    page.get_by_label("Arbeit und Einkommen").check()
    _click(page, axe_check, page.get_by_role("button", name="Überleitung senden"))
    # The intake agreement names the Jobcenter only for Fallbesprechung: refused.
    expect(page.locator("main")).to_contain_text("Es gibt keine gültige Einwilligung")
    assert not Referral.objects.exists()

    _click(page, axe_check, page.locator("main").get_by_role("link", name="Einwilligung erfassen"))
    page.get_by_label("Jobcenter A").check()
    page.get_by_label("Überleitung oder Vermittlung an ein Angebot").check()
    page.get_by_label("Stammdaten").check()
    page.get_by_label("Arbeit und Einkommen").check()
    page.get_by_label("gültig ab").fill(dt.date.today().isoformat())
    _click(page, axe_check, page.get_by_role("button", name="Einwilligung speichern"))
    expect(page.get_by_text("Die Einwilligung ist erfasst.")).to_be_visible()

    _go(page, axe_check, f"/netzwerk/fall/{case.pk}/ueberleitung/")
    page.get_by_label("An welche Stelle?").select_option(label="Jobcenter A")
    page.get_by_label("Zweck").select_option(label="Überleitung oder Vermittlung an ein Angebot")
    page.get_by_label("Stammdaten").check()
    page.get_by_label("Arbeit und Einkommen").check()
    page.get_by_label("Nachricht an die Stelle").fill("Bitte um einen Termin zur Anerkennung.")
    _click(page, axe_check, page.get_by_role("button", name="Überleitung senden"))
    expect(page.get_by_text("Die Überleitung wurde gesendet.")).to_be_visible()
    return Referral.objects.get()


def test_referral_journey_across_organisations(
    page: Page, personas, orgs, make_person, log_in, axe_check, screenshot
):
    amina = make_person(
        personas["cm_a"], "Haddad", "Amina", birth_year=1990, birth_month=4, birth_day=12
    )
    log_in(page, "cm_a")
    case = _intake_assessment_plan(page, axe_check, amina)
    referral = _refer_with_consent(page, axe_check, case)
    screenshot(page, "network-01-ueberleitung")

    # The Jobcenter colleague: inbox without names, the referral with only shared categories.
    _switch_user(page, log_in, "jobcenter_a")
    _click(page, axe_check, page.locator("header nav").get_by_role("link", name="Überleitungen"))
    expect(page.locator("main")).not_to_contain_text("Haddad")
    _click(page, axe_check, page.get_by_role("link", name=f"Überleitung Nr. {referral.pk}"))
    main = page.locator("main")
    expect(main).to_contain_text("Haddad, Amina")
    expect(main).to_contain_text("12.04.1990")
    expect(main).to_contain_text("Anerkennung des Abschlusses als Pflegefachfrau")
    expect(main).not_to_contain_text("Rückenschmerzen")  # Gesundheit: not shared
    expect(main).not_to_contain_text("Berufsabschluss anerkennen lassen")  # goals: not shared
    expect(main).not_to_contain_text("Selbstständig leben")
    _click(page, axe_check, page.get_by_role("button", name="Überleitung annehmen"))
    expect(page.get_by_text("Sie haben die Überleitung angenommen.")).to_be_visible()
    screenshot(page, "network-02-jobcenter")
    assert Referral.objects.get().status == "ACCEPTED"
    assert set(Disclosure.objects.values_list("category", flat=True)) == {
        "STAMMDATEN",
        "ARBEIT_EINKOMMEN",
    }

    # Back to the case manager: status on the case page, the review task, closure.
    _switch_user(page, log_in, "cm_a")
    _go(page, axe_check, f"/faelle/{case.pk}/")
    expect(page.locator("main table", has_text="Jobcenter A")).to_contain_text("angenommen")
    _click(page, axe_check, page.locator("header nav").get_by_role("link", name="Meine Aufgaben"))
    expect(page.locator("main")).to_contain_text("Zielvereinbarung überprüfen")
    _go(page, axe_check, f"/faelle/{case.pk}/")
    _click(page, axe_check, page.get_by_role("link", name="Fall abschließen"))
    page.get_by_label("Grund des Abschlusses").select_option(label="Ziele erreicht")
    page.get_by_label("Ergebnis insgesamt").select_option(label="erreicht")
    _click(page, axe_check, page.locator("main").get_by_role("button", name="Fall abschließen"))
    expect(page.get_by_text("Der Fall ist abgeschlossen.")).to_be_visible()

    # The person revokes the consent: the Jobcenter's access ends at once.
    consent = Consent.objects.get(purposes=["UEBERLEITUNG"])
    _go(page, axe_check, f"/einwilligungen/{consent.pk}/")
    _click(page, axe_check, page.get_by_role("button", name="Einwilligung widerrufen"))
    _switch_user(page, log_in, "jobcenter_a")
    _go(page, axe_check, f"/netzwerk/ueberleitungen/{referral.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Der Zugriff auf die Daten dieser Person ist beendet")
    expect(main).not_to_contain_text("Haddad")
    expect(main).not_to_contain_text("Anerkennung des Abschlusses")
    screenshot(page, "network-03-widerruf")
