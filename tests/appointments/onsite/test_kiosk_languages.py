"""The kiosk in the portal languages (choice by ?lang=, right-to-left for Arabic and Farsi, back
to German for the next person) and the call display with its headings in every language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from lotse.appointments import languages
from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import Booking, DeviceLink
from lotse.appointments.onsite_forms import CheckInForm

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "appointments" / "templates" / "appointments" / "onsite"
TRANSLATE_TAG = re.compile(r"""{% translate (["'])(.+?)\1(?: context "([^"]+)")? %}""")


def _html_tag(page: str) -> str:
    match = re.search(r"<html[^>]*>", page)
    assert match
    return match.group(0)


@pytest.fixture
def kiosk(office):  # noqa: ANN001, ANN201
    return reverse("onsite:device", args=[office.device(DeviceLink.Kind.KIOSK)])


def test_kiosk_in_arabic_is_right_to_left_and_translated(office, client, kiosk):
    response = client.get(f"{kiosk}?lang=ar")
    page = response.content.decode()
    assert 'lang="ar"' in _html_tag(page) and 'dir="rtl"' in _html_tag(page)
    assert "أهلاً وسهلاً. يرجى تسجيل حضورك." in page
    assert "لدي موعد" in page and "تسجيل الحضور" in page
    assert "Willkommen" not in page
    # One button per language, each in its own name, script and direction.
    for code, name in (("de", "Deutsch"), ("uk", "Українська"), ("fa", "فارسی"), ("tr", "Türkçe")):
        assert f'href="{kiosk}?lang={code}" lang="{code}" hreflang="{code}"' in page
        assert f'<span class="kern-label">{name}</span>' in page
    assert f'href="{kiosk}?lang=ar" lang="ar" hreflang="ar" dir="rtl" aria-current="true"' in page
    # The forms carry the language on; the Kennung is typed left to right.
    checkin = reverse("onsite:kiosk_checkin", args=[kiosk.split("/")[-2]])
    assert f'action="{checkin}?lang=ar"' in page
    assert 'dir="ltr"' in re.search(r'<input[^>]*name="code"[^>]*>', page).group(0)
    # Nothing remembers the choice on the shared device.
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_check_in_in_arabic_then_the_next_person_gets_german(office, client, kiosk):
    key = kiosk.split("/")[-2]
    booking = office.book(starts_at=timezone.now() + dt.timedelta(minutes=10))
    response = client.post(
        reverse("onsite:kiosk_checkin", args=[key]) + "?lang=ar", {"code": booking.display_code}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "B001" in page and "رقم انتظارك" in page and 'dir="rtl"' in _html_tag(page)
    assert f'id="kiosk-fertig" href="{kiosk}"' in page  # "Fertig": the German start page
    assert 'data-idle-seconds="60" data-reset-now="1"' in page
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN
    start = client.get(kiosk).content.decode()
    assert 'lang="de" dir="ltr"' in _html_tag(start)
    assert "Willkommen. Bitte melden Sie sich an." in start
    assert "data-reset-now" not in start  # untouched German start page: nothing to reset


def test_the_kiosk_ignores_the_browser_language_and_unknown_codes(office, client, kiosk):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for query in ("", "?lang=xx", "?lang=pl"):
        page = client.get(kiosk + query, HTTP_ACCEPT_LANGUAGE="ar,en").content.decode()
        assert 'lang="de"' in _html_tag(page)
        assert "Willkommen. Bitte melden Sie sich an." in page
    revoked = client.get(kiosk.replace("geraet/", "geraet/x"), HTTP_ACCEPT_LANGUAGE="ar")
    assert revoked.status_code == 404 and 'lang="de"' in _html_tag(revoked.content.decode())


def test_errors_and_walk_in_tickets_in_the_chosen_language(office, client, kiosk):
    key = kiosk.split("/")[-2]
    wrong = client.post(
        reverse("onsite:kiosk_checkin", args=[key]) + "?lang=tr", {"code": "ZZZZZZZZZZZZ"}
    )
    assert wrong.status_code == 400
    assert "Maalesef olmadı. Lütfen danışmaya başvurun." in wrong.content.decode()
    office.pickup.translations = {"uk": {"name": "Отримання картки eAT"}}
    office.pickup.save()
    page = client.get(f"{kiosk}?lang=uk").content.decode()
    assert "Отримання картки eAT" in page
    assert "Übertrag" in page  # not translated: German
    ticket = client.post(
        reverse("onsite:kiosk_walk_in", args=[key]) + "?lang=uk", {"service": office.pickup.pk}
    ).content.decode()
    assert "A001" in ticket and "Ваш номер у черзі" in ticket


# Every OnsiteError the kiosk's views can pass on (check-in and walk-in). The kiosk itself
# answers most check-in problems with KIOSK_DESK, but the same service texts are the ones a
# person may be shown, so all of them must exist in every portal language.
KIOSK_ERRORS = [
    onsite.KIOSK_DESK,
    onsite.ALREADY_IN,
    onsite.CODE_UNKNOWN,
    onsite.CODE_FORMAT,
    onsite.OTHER_DAY,
    onsite.NOT_ACTIVE,
    onsite.SERVICE_INVALID,
    onsite.WALK_IN_NOT_ALLOWED,
    onsite.WALK_INS_CLOSED,
]


def _kiosk_messages() -> list[tuple[str | None, str]]:
    """Every text a person at the kiosk can see: the templates, the form, the answers."""
    found = [
        (context, msgid)
        for _quote, msgid, context in TRANSLATE_TAG.findall((TEMPLATES / "kiosk.html").read_text())
    ]
    form = CheckInForm()
    texts = [form.fields["code"].label, form.fields["code"].help_text]
    texts += KIOSK_ERRORS
    with translation.override("de"):
        found += [(None, str(text)) for text in texts]
    return [(context or None, msgid) for context, msgid in found]


@pytest.mark.parametrize("code", languages.TRANSLATION_LANGUAGES)
def test_every_kiosk_text_is_translated(code):
    messages = _kiosk_messages()
    assert len(messages) > 15 and (None, "Sprache wählen") in messages
    with translation.override(code):
        untranslated = [
            msgid
            for context, msgid in messages
            if (translation.pgettext(context, msgid) if context else translation.gettext(msgid))
            == msgid
        ]
    assert not untranslated, f"{code}: {untranslated}"


@pytest.mark.parametrize("code", languages.TRANSLATION_LANGUAGES)
def test_the_kiosk_form_checks_come_in_the_chosen_language(code, office, client, kiosk):
    """Besides the service messages above, the form's own checks (empty, too long) are
    shown, in the chosen language (Django's translations)."""
    key = kiosk.split("/")[-2]
    checkin = reverse("onsite:kiosk_checkin", args=[key]) + f"?lang={code}"
    for sent in ("", "X" * 41):
        page = client.post(checkin, {"code": sent}).content.decode()
        with translation.override(code):
            expected = CheckInForm({"code": sent}).errors["code"][0]
        with translation.override("de"):
            german = CheckInForm({"code": sent}).errors["code"][0]
        assert expected != german and expected in page.replace("&#x27;", "'")


def test_the_call_display_lists_the_headings_in_every_language(office, client):
    key = office.device(DeviceLink.Kind.DISPLAY)
    page = client.get(reverse("onsite:device", args=[key]) + "?lang=ar").content.decode()
    assert 'lang="de" dir="ltr"' in _html_tag(page)  # one screen for everybody: German
    assert '<th scope="col">Nummer<span class="onsite-calls__languages">' in page
    assert '<span lang="en" dir="ltr">Number</span>' in page
    assert '<span lang="ar" dir="rtl">الرقم</span>' in page
    assert '<span lang="fa" dir="rtl">باجه</span>' in page
    assert '<span lang="uk" dir="ltr">Віконце</span>' in page
    feed = client.get(reverse("onsite:display_feed", args=[key])).content.decode()
    assert "Number" in feed and "Noch kein Aufruf." in feed
