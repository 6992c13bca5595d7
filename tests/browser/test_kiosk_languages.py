"""Journey at the kiosk in Arabic: choose the language by its own name, the page turns
right-to-left, check in with the Termin-Kennung, "Fertig" brings German back for the next
person; Farsi chosen and left alone goes back to German after a warning with "more time".
The call display lists its headings in every language. Every page is scanned with axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lotse.appointments.models import Booking, DeviceLink
from tests.appointments.onsite.conftest import Office


@pytest.fixture
def office(orgs, personas) -> Office:  # noqa: ANN001
    return Office(orgs, personas)


@pytest.mark.browser
def test_kiosk_in_arabic_then_german_again(page: Page, office, axe_check, screenshot):
    booking = office.book(service=office.pickup, starts_at=timezone.now() + dt.timedelta(minutes=5))
    kiosk = f"/kundensteuerung/vor-ort/geraet/{office.device(DeviceLink.Kind.KIOSK)}/"
    html = page.locator("html")

    page.goto(kiosk)
    expect(html).to_have_attribute("lang", "de")
    axe_check(page)
    page.get_by_role("link", name="العربيّة").click()
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("أهلاً وسهلاً. يرجى تسجيل حضورك.")
    axe_check(page)
    screenshot(page, "kiosk-arabisch")

    page.get_by_label("رمز الموعد").fill(booking.display_code)
    page.get_by_role("button", name="تسجيل الحضور").click()
    expect(page.locator(".onsite-ticket__number")).to_have_text("A001")
    expect(page.get_by_role("heading", level=1)).to_have_text("رقم انتظارك")
    axe_check(page)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN

    page.get_by_role("link", name="تم").click()
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Willkommen. Bitte melden Sie sich an."
    )
    axe_check(page)


@pytest.mark.browser
def test_an_idle_kiosk_goes_back_to_german(page: Page, office, axe_check):
    kiosk = f"/kundensteuerung/vor-ort/geraet/{office.device(DeviceLink.Kind.KIOSK)}/"
    page.clock.install()
    page.goto(kiosk + "?lang=fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    axe_check(page)
    warning = page.get_by_role("alert")
    expect(warning).to_be_hidden()
    page.clock.run_for(71_000)
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("صفحه به‌زودی به ابتدا برمی‌گردد.")
    axe_check(page)
    page.get_by_role("button", name="به زمان بیشتری نیاز دارم").click()
    expect(warning).to_be_hidden()
    page.clock.run_for(60_000)
    expect(page.locator("html")).to_have_attribute("lang", "fa")  # more time was given
    page.clock.run_for(31_000)
    page.wait_for_url(lambda url: url.endswith(kiosk))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    axe_check(page)


@pytest.mark.browser
def test_call_display_headings_in_every_language(page: Page, office, axe_check, screenshot):
    display = f"/kundensteuerung/vor-ort/geraet/{office.device(DeviceLink.Kind.DISPLAY)}/"
    page.goto(display)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    headings = page.locator(".onsite-calls thead")
    expect(headings).to_contain_text("Nummer")
    expect(headings).to_contain_text("الرقم")
    expect(headings).to_contain_text("Віконце")
    expect(headings.locator('[lang="fa"]').first).to_have_attribute("dir", "rtl")
    axe_check(page)
    screenshot(page, "aufrufanzeige-sprachen")
