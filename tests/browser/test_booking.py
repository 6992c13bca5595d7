"""A citizen books an appointment in Arabic on a phone: chooses an Anliegen and a time,
confirms through the link in the e-mail (read in the demo mailbox), sees the confirmation with
Termin-Kennung and QR code, and cancels. Every page is scanned with axe (right-to-left too)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lotse.appointments import services
from lotse.appointments.models import Booking
from tests.appointments.conftest import make_location, make_service

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def portal(orgs, settings, tmp_path):  # noqa: ANN001, ANN201
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.LOTSE_DEMO = True
    location = make_location(orgs["abh_a"], name="Ausländerbehörde A – Kreishaus")
    services.slots_compute(location=location, first_day=timezone.localdate(), weeks=1)
    make_service(orgs["abh_a"], location)
    return location


@pytest.mark.browser
def test_booking_in_arabic_on_a_phone(page: Page, portal, axe_check, screenshot):
    page.set_viewport_size(PHONE)
    page.goto("/termine/")
    axe_check(page)
    page.locator("a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    axe_check(page)
    page.get_by_role("link", name="Ausländerbehörde A – Kreishaus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ماذا تريد أن تنجز؟")
    axe_check(page)
    page.get_by_label("تمديد").check()
    page.get_by_role("button", name="عرض الأوقات المتاحة").click()
    axe_check(page)
    screenshot(page, "termine-zeiten-arabisch")
    page.locator("a.portal-time").first.click()
    axe_check(page)
    page.get_by_label("اسمك").fill("أمينة حداد")
    page.get_by_label("عنوان بريدك الإلكتروني").fill("amina@example.org")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="طلب الموعد").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("يرجى التحقق من بريدك الإلكتروني")
    assert "amina" not in page.url
    axe_check(page)
    # The demo mailbox shows the e-mail with the confirmation link.
    page.get_by_role("link", name="فتح صندوق البريد التجريبي").click()
    axe_check(page)
    page.get_by_label("عنوان البريد الإلكتروني").fill("amina@example.org")
    page.get_by_role("button", name="عرض الرسائل").click()
    axe_check(page)
    link = page.locator(".portal-mail__body a", has_text="/bestaetigen/").first
    link.click()
    axe_check(page)
    page.get_by_role("button", name="نعم، تأكيد الموعد").click()
    booking = Booking.objects.get()
    expect(page.get_by_text(booking.display_code)).to_be_visible()
    expect(page.locator("img.lotse-qr")).to_be_visible()
    assert booking.status == Booking.Status.CONFIRMED
    axe_check(page)
    screenshot(page, "termine-bestaetigung-arabisch")
    manage_url = page.url
    assert re.search(r"/termine/\d+/termin/[\w-]+/", manage_url)
    page.get_by_role("link", name="إلغاء الموعد").click()
    axe_check(page)
    page.get_by_role("button", name="نعم، إلغاء الموعد").click()
    expect(page.get_by_text("تم إلغاء هذا الموعد.")).to_be_visible()
    axe_check(page)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    page.get_by_role("link", name="حماية البيانات").click()
    axe_check(page)


@pytest.mark.browser
def test_portal_pages_in_german_and_farsi_are_accessible(page: Page, portal, axe_check):
    from tests.appointments.conftest import book

    service = portal.services.first()
    tokens = book(portal, service, confirmed=True)
    for lang in ("de", "fa"):
        for path in (
            f"/termine/{portal.pk}/zeiten/?a={service.pk}",
            f"/termine/{portal.pk}/termin/{tokens.manage_token}/verschieben/",
            f"/termine/{portal.pk}/warteliste/?a={service.pk}",
            f"/termine/{portal.pk}/termin/ungueltig/",
        ):
            page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
            axe_check(page)
