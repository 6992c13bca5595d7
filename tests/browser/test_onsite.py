"""Journey of the front office on site: check-in by Termin-Kennung at the front desk, a
walk-in ticket, "Nächste aufrufen" at the clerk's desk with the call display open in a second
tab (it updates without reload), a no-show, and a self check-in at the kiosk. Every page is
scanned with axe (clerk pages, kiosk, call display)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import Booking, DeviceLink, Visit
from tests.appointments.onsite.conftest import Office
from tests.browser.conftest import _VISITS, _Visits


@pytest.fixture
def office(orgs, personas) -> Office:  # noqa: ANN001
    return Office(orgs, personas)


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


@pytest.mark.browser
def test_front_office_day(page: Page, office, log_in, axe_check, screenshot):
    booking = office.book(service=office.pickup, starts_at=timezone.now() + dt.timedelta(minutes=5))
    kiosk_booking = office.book(
        service=office.pickup, starts_at=timezone.now() + dt.timedelta(minutes=10)
    )
    display_key = office.device(DeviceLink.Kind.DISPLAY)
    kiosk_key = office.device(DeviceLink.Kind.KIOSK)
    loc = office.location.pk

    # Front desk: check in by Kennung (as printed, with dashes and lower case).
    log_in(page, "front_a")
    page.goto(f"/kundensteuerung/vor-ort/{loc}/empfang/")
    axe_check(page)
    page.get_by_label("Termin-Kennung").fill(booking.display_code.lower())
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator(".onsite-ticket__number")).to_have_text("A001")
    axe_check(page)
    screenshot(page, "onsite-01-wartenummer")
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN

    # A mistyped Kennung gets a clear message and changes nothing.
    page.goto(f"/kundensteuerung/vor-ort/{loc}/empfang/")
    axe_check(page)
    page.get_by_label("Termin-Kennung").fill("ABCD")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("mit 12 Zeichen")).to_be_visible()
    axe_check(page)

    # Walk-in ticket.
    page.get_by_label("Anliegen").select_option(label="Übertrag")
    page.get_by_role("button", name="Wartenummer ausgeben").click()
    expect(page.locator(".onsite-ticket__number")).to_have_text("A002")
    axe_check(page)

    # The call display in a second tab of the waiting room.
    display = page.context.new_page()
    _VISITS[id(display)] = _Visits()
    display.goto(f"/kundensteuerung/vor-ort/geraet/{display_key}/")
    expect(display.locator("#aufrufe")).to_contain_text("Noch kein Aufruf")
    expect(display.locator("#aufrufe")).to_contain_text("2 Personen warten")
    axe_check(display)

    # The clerk chooses a desk and calls the next number.
    page.goto(f"/kundensteuerung/vor-ort/{loc}/arbeitsplatz/")
    axe_check(page)
    page.get_by_label("Ihr Schalter").select_option(label="Schalter 1 (1)")
    page.get_by_role("button", name="Schalter wählen").click()
    _status(page, "Ihr Schalter ist gespeichert.")
    axe_check(page)
    page.get_by_role("button", name="Nächste aufrufen").click()
    _status(page, "Aufgerufen: A001 an Schalter 1")
    expect(page.locator(".onsite-current__number")).to_have_text("A001")
    axe_check(page)
    screenshot(page, "onsite-02-arbeitsplatz")

    # The display shows the number without a reload.
    expect(display.locator(".onsite-calls__latest")).to_contain_text("A001", timeout=15_000)
    expect(display.locator(".onsite-calls__latest")).to_contain_text("1")
    expect(display.locator("#aufrufe")).to_contain_text("1 Person wartet")
    axe_check(display)
    screenshot(display, "onsite-03-aufrufanzeige")

    # Nobody comes: no-show.
    page.locator(".onsite-current").get_by_role("button", name="Nicht erschienen").click()
    _status(page, "A001 ist als nicht erschienen vermerkt.")
    axe_check(page)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.NO_SHOW
    assert Visit.objects.get(booking=booking).status == Visit.Status.NO_SHOW
    display.close()

    # The kiosk: self check-in with the Kennung, big number on screen.
    page.goto(f"/kundensteuerung/vor-ort/geraet/{kiosk_key}/")
    axe_check(page)
    page.get_by_label("Termin-Kennung").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte melden Sie sich am Empfang")
    axe_check(page)
    page.get_by_label("Termin-Kennung").fill(kiosk_booking.code)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator(".onsite-ticket__number")).to_have_text("A003")
    axe_check(page)
    screenshot(page, "onsite-04-kiosk")
    assert onsite.device_by_key(kiosk_key) is not None


@pytest.mark.browser
def test_leitung_devices_and_statistics(page: Page, office, log_in, axe_check, screenshot):
    import random

    from lotse.appointments import demo_onsite

    demo_onsite._history(office.location, random.Random(1), timezone.localdate())
    log_in(page, "leitung_a")
    page.goto(f"/kundensteuerung/vor-ort/{office.location.pk}/geraete/")
    axe_check(page)
    page.get_by_label("Art des Geräts").select_option(label="Aufrufanzeige")
    page.get_by_label("Bezeichnung").fill("Bildschirm Flur")
    page.get_by_role("button", name="Link anlegen").click()
    expect(page.locator(".onsite-url code")).to_contain_text("/kundensteuerung/vor-ort/geraet/")
    axe_check(page)
    page.goto("/kundensteuerung/vor-ort/statistik/")
    axe_check(page)
    expect(page.locator("svg[role=img]")).to_have_count(5)
    expect(page.get_by_role("table", name="Je Anliegen im Zeitraum")).to_contain_text(
        "eAT-Abholung"
    )
    screenshot(page, "onsite-05-statistik")
