"""Journeys in the person registry: search, create with duplicate warning, CSV import, and a
case manager of another Kommune who must not see a person."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from lotse.people.models import Person


def _search(page: Page, text: str) -> None:
    page.get_by_label("Name und/oder Geburtsdatum").fill(text)
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_load_state("load")


def _result_names(page: Page) -> list[str]:
    return page.locator("main table tbody tr td:first-child").all_inner_texts()


@pytest.mark.browser
def test_search_tolerates_transliteration(
    page: Page, personas, make_person, log_in, axe_check, screenshot
):
    cm_a = personas["cm_a"]
    make_person(
        cm_a,
        "Al-Hassan",
        "Mohammed",
        birth_year=1990,
        birth_month=3,
        birth_day=12,
        nationalities=["SY"],
    )
    make_person(cm_a, "Hassan", "Ahmad", birth_year=1990)
    make_person(cm_a, "Haddad", "Fatima", birth_year=1998, nationalities=["IQ"])
    make_person(cm_a, "Yılmaz", "Mehmet", birth_year=1985, nationalities=["TR"])
    # The same name in another Kommune must never show up.
    make_person(personas["cm_b"], "Al-Hassan", "Mohammed", birth_year=1990)

    log_in(page, "cm_a")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Personen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen")
    expect(page.locator("main table tbody tr")).to_have_count(4)
    axe_check(page)

    _search(page, "Muhammad Alhassan")
    expect(page.get_by_role("status")).to_have_text("1 Treffer auf dieser Seite")
    assert _result_names(page) == ["Al-Hassan, Mohammed"]
    expect(page.locator("main table tbody tr").first).to_contain_text("12.03.1990")
    # The search term travels in the POST body, never in the URL.
    assert "Muhammad" not in page.url
    axe_check(page)
    screenshot(page, "02-personensuche")

    _search(page, "1990")
    expect(page.get_by_role("status")).to_have_text("2 Treffer auf dieser Seite")
    assert sorted(_result_names(page)) == ["Al-Hassan, Mohammed", "Hassan, Ahmad"]
    axe_check(page)

    _search(page, "Yilmaz 1985")
    assert _result_names(page) == ["Yılmaz, Mehmet"]
    axe_check(page)

    _search(page, "Haddad 1990")
    expect(page.get_by_role("status")).to_have_text("0 Treffer auf dieser Seite")
    expect(page.get_by_text("Keine Person gefunden.")).to_be_visible()
    axe_check(page)


@pytest.mark.browser
def test_create_warns_about_duplicates(
    page: Page, personas, make_person, log_in, axe_check, screenshot
):
    cm_a = personas["cm_a"]
    existing = make_person(cm_a, "Al-Hassan", "Mohammed", birth_year=1990)
    persons = Person.objects.filter(organisation=cm_a.organisation)

    log_in(page, "cm_a")
    page.get_by_role("link", name="Person anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Person anlegen")
    # The confirmation only appears when there is something to confirm.
    expect(page.get_by_label("Ich habe die ähnlichen Personen geprüft", exact=False)).to_have_count(
        0
    )
    axe_check(page)

    page.get_by_label("Familienname").fill("Alhasan")
    page.get_by_label("Vornamen").fill("Muhammad")
    page.get_by_label("Geburtsdatum").fill("1990")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("load")

    warning = page.locator("#dubletten")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Gibt es diese Person schon?")
    expect(warning.get_by_role("link", name="Al-Hassan, Mohammed")).to_have_attribute(
        "href", f"/personen/{existing.pk}/"
    )
    expect(page.get_by_label("Familienname")).to_have_value("Alhasan")
    assert persons.count() == 1
    axe_check(page)
    screenshot(page, "03-dublettenwarnung")

    # Saving again without the confirmation still creates nobody.
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("load")
    expect(page.locator("#dubletten")).to_be_visible()
    assert persons.count() == 1
    axe_check(page)

    page.get_by_label("Ich habe die ähnlichen Personen geprüft", exact=False).check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alhasan, Muhammad")
    expect(page.get_by_text("Die Person ist angelegt.")).to_be_visible()
    assert persons.count() == 2
    created = persons.exclude(pk=existing.pk).get()
    expect(page).to_have_url(re.compile(rf"/personen/{created.pk}/$"))
    assert (created.family_name, created.given_names, created.birth_year) == (
        "Alhasan",
        "Muhammad",
        1990,
    )
    axe_check(page)


BROKEN_CSV = (
    "familienname;vornamen;geburtsdatum;staatsangehoerigkeiten\n"
    "Al-Hassan;Mohammed;31.02.1990;SY\n"
    "Yılmaz;Mehmet;1985;SYR\n"
    "Haddad;Fatima;1998;IQ\n"
)
GOOD_CSV = (
    "familienname;vornamen;geburtsdatum;staatsangehoerigkeiten;sprachen\n"
    "Al-Hassan;Mohammed;28.02.1990;SY;ar\n"
    'Yılmaz;Mehmet;1985;TR;"tr;ku"\n'
    "Haddad;Fatima;03.1998;IQ;ar\n"
)


def _upload(page: Page, name: str, content: str) -> None:
    page.get_by_label("Art der Datei").select_option("csv")
    page.get_by_label("Datei", exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_load_state("load")


@pytest.mark.browser
def test_csv_import_all_or_nothing(
    page: Page, personas, make_person, log_in, axe_check, screenshot
):
    cm_a = personas["cm_a"]
    make_person(cm_a, "Schon", "Da", birth_year=1970)
    persons = Person.objects.filter(organisation=cm_a.organisation)

    log_in(page, "cm_a")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Import"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen importieren")
    axe_check(page)

    _upload(page, "personen-fehlerhaft.csv", BROKEN_CSV)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Imports")
    expect(page.get_by_role("alert")).to_contain_text(
        "Die Datei enthält 2 Fehler. Es wird nichts importiert."
    )
    rows = page.locator("#importfehler tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text(
        re.compile(r"^\s*2\s*geburtsdatum\s*Dieses Datum gibt es nicht\.\s*$")
    )
    expect(rows.nth(1)).to_have_text(
        re.compile(r"^\s*3\s*staatsangehoerigkeiten\s*Ungültige Codes: SYR\s*$")
    )
    expect(page.get_by_role("button", name="Jetzt importieren")).to_have_count(0)
    assert persons.count() == 1
    axe_check(page)
    screenshot(page, "04-import-fehler")

    page.get_by_role("link", name="Andere Datei hochladen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen importieren")
    axe_check(page)

    _upload(page, "personen.csv", GOOD_CSV)
    expect(page.get_by_role("status")).to_have_text(
        "Die Datei ist fehlerfrei: 3 Personen werden angelegt, 0 aktualisiert."
    )
    expect(page.locator("main table tbody tr")).to_have_count(3)
    assert persons.count() == 1  # the preview alone changes nothing
    axe_check(page)
    screenshot(page, "04-import-vorschau")

    page.get_by_role("button", name="Jetzt importieren").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"/personen/$"))
    done = page.get_by_role("status").filter(has_text="Import abgeschlossen")
    expect(done).to_contain_text(re.compile(r"\b3\b.*\b0\b"))
    expect(page.locator("main table tbody tr")).to_have_count(4)
    assert persons.count() == 4
    imported = persons.get(family_name="Yılmaz")
    assert (
        imported.given_names,
        imported.birth_year,
        imported.nationalities,
        imported.languages,
    ) == ("Mehmet", 1985, ["TR"], ["tr", "ku"])
    axe_check(page)


@pytest.mark.browser
def test_foreign_case_manager_sees_german_404(
    page: Page, personas, make_person, log_in, axe_check, screenshot
):
    person = make_person(personas["cm_a"], "Al-Hassan", "Mohammed", birth_year=1990)

    log_in(page, "cm_b")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, cm_b")

    response = page.goto(f"/personen/{person.pk}/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    expect(
        page.get_by_text("Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Zur Startseite")).to_be_visible()
    # Nothing tells the foreign user that the person exists.
    assert "Al-Hassan" not in page.content()
    axe_check(page)
    screenshot(page, "06-fremde-person-404")

    # A person that does not exist at all looks exactly the same.
    missing = Person.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    response = page.goto(f"/personen/{missing}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    axe_check(page)
