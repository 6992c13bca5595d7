"""Journey: switch the interface to English with the form in the footer, and back."""

from __future__ import annotations

import ast
import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english(msgid: str) -> str:
    """The English text of a German message, read from the catalogue the app uses."""
    if not CATALOGUE.exists():
        pytest.fail(f"Der englische Katalog fehlt: {CATALOGUE}")
    text = CATALOGUE.read_text(encoding="utf-8")
    quoted = '"' + msgid.replace("\\", "\\\\").replace('"', '\\"') + '"'
    pattern = rf'^msgid {re.escape(quoted)}\nmsgstr ("(?:[^"\\]|\\.)*")'
    match = re.search(pattern, text, flags=re.MULTILINE)
    assert match, f"{msgid!r} fehlt im englischen Katalog"
    translated = ast.literal_eval(match.group(1))
    assert translated and translated != msgid, f"{msgid!r} ist nicht übersetzt"
    return translated


def _switch_language(page: Page, code: str) -> None:
    page.locator("footer select#sprache").select_option(code)
    page.locator("footer form.lotse-language button[type=submit]").click()
    page.wait_for_load_state("load")


@pytest.mark.browser
def test_switch_language_to_english(page: Page, personas, axe_check, screenshot):
    page.goto("/anmelden/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    axe_check(page)

    _switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/anmelden/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Anmelden")
    # Needs lotse/locale/en/LC_MESSAGES/django.po compiled to django.mo (`make messages`).
    expect(heading).to_have_text(english("Anmelden"))
    expect(page.get_by_label(english("Sprache"), exact=True)).to_have_value("en")
    expect(page.get_by_role("button", name=english("Sprache wechseln"))).to_be_visible()
    axe_check(page)
    screenshot(page, "05-anmelden-englisch")

    # The choice holds across the log-in.
    page.get_by_label(english("Benutzername")).fill("cm_a")
    page.get_by_label(english("Passwort")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=english("Anmelden")).click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        english("Guten Tag, %(name)s") % {"name": "cm_a"}
    )
    expect(page.get_by_role("link", name=english("Personen suchen"))).to_be_visible()
    axe_check(page)
    screenshot(page, "05-startseite-englisch")

    _switch_language(page, "de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guten Tag, cm_a")
    expect(page.get_by_role("link", name="Personen suchen")).to_be_visible()
    axe_check(page)
