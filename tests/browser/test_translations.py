"""Journey: the Leitung of the Ausländerbehörde translates an Anliegen into Arabic on the
staff page "Übersetzungen" (right-to-left input) and sees it on the Arabic portal page; Farsi,
left empty, still shows German. Every page is scanned with axe."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lotse.appointments import services
from lotse.appointments.models import Service
from lotse.core.models import Role
from tests.appointments.conftest import make_location, make_service
from tests.conftest import make_user


@pytest.fixture
def office(orgs):  # noqa: ANN001, ANN201
    location = make_location(orgs["abh_a"], name="Ausländerbehörde A – Kreishaus")
    services.slots_compute(location=location, first_day=timezone.localdate(), weeks=1)
    service = make_service(orgs["abh_a"], location)
    Service.objects.filter(pk=service.pk).update(translations={})
    service.refresh_from_db()
    make_user("leitung_a", Role.LEITUNG, orgs["abh_a"])
    return location, service


@pytest.mark.browser
def test_leitung_translates_an_anliegen_into_arabic(
    page: Page, office, log_in, axe_check, screenshot
):
    location, service = office
    log_in(page, "leitung_a")
    page.goto("/kundensteuerung/")
    axe_check(page)
    row = page.get_by_role("row", name=re.compile(service.name))
    expect(row).to_contain_text("Fehlt: EN, AR, UK, TR, FA, RU")
    row.get_by_role("link", name=re.compile(f"^Übersetzungen bearbeiten.*{service.name}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Übersetzungen: {service.name}")
    axe_check(page)

    arabic = page.get_by_role("group", name=re.compile("^Arabisch"))
    name = arabic.get_by_label("Bezeichnung")
    expect(name).to_have_attribute("dir", "rtl")
    expect(name).to_have_attribute("lang", "ar")
    expect(arabic.get_by_text(f"Deutsch: {service.name}")).to_be_visible()
    name.fill("تمديد تصريح الإقامة")
    arabic.get_by_label("Beschreibung in einfacher Sprache").fill("تقدم طلب تمديد تصريح إقامتك.")
    arabic.get_by_label("Mitbringliste").fill("جواز السفر\nصورة")
    screenshot(page, "termine-uebersetzungen-arabisch")
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(page.get_by_text("Die Übersetzungen sind gespeichert.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(service.name))).to_contain_text(
        "Übersetzt: AR · Fehlt: EN, UK, TR, FA, RU"
    )
    axe_check(page)
    assert Service.objects.get(pk=service.pk).translations["ar"]["documents"] == "جواز السفر\nصورة"

    page.goto(f"/termine/{location.pk}/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_label("تمديد تصريح الإقامة")).to_be_visible()
    axe_check(page)
    page.goto(f"/termine/{location.pk}/?lang=fa")
    expect(page.get_by_label(service.name)).to_be_visible()  # Farsi left empty: German
    axe_check(page)
