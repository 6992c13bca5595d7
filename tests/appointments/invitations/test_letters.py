"""The invitation letters as PDF: German always, a second page in the person's language
(Arabic right to left), the Mitbringliste, one PDF for a whole batch. Text checked with
pdftotext (poppler-utils)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from lotse.appointments.invitations import letters, selectors, services
from lotse.appointments.models_invitations import Invitation
from lotse.letters.readability import analyse
from lotse.letters.services import LetterHead, render_letter_pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed"),
]


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    # Drop bidi control characters that pdftotext adds around right-to-left runs.
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())


def pages(pdf: bytes) -> int:
    return pdf_text(pdf).count("\f")


@pytest.fixture
def invited(personas, location, service, make_person, make_slots, today):
    make_person(today + dt.timedelta(weeks=7), languages=["ar", "de"])
    make_person(today + dt.timedelta(weeks=7, days=1), languages=["de"])
    make_person(today + dt.timedelta(weeks=7, days=2), languages=["ku"])
    make_slots(today + dt.timedelta(weeks=2), count=3)
    selection = selectors.Selection(weeks=8, location=location, service=service, groups=("AE",))
    services.invitation_run_create(by=personas["abh_a"], selection=selection)
    return list(Invitation.objects.select_related("person", "booking").order_by("expires_on"))


def test_german_letter_has_time_place_mitbringliste_and_cancel_hints(invited):
    german = invited[1]
    text = pdf_text(letters.invitations_pdf([german]))
    booking = german.booking
    assert "Einladung: Ihr Termin bei der Ausländerbehörde" in text
    assert booking.display_code in text
    assert "Kreishaus" in text and "Kreishausstraße 1" in text
    assert f"{german.expires_on:%d.%m.%Y}" in text
    for item in ("Pass", "Biometrisches Foto", "Nachweis über Einkommen"):
        assert item in text
    assert "0000 123456" in text
    assert "Wenn Sie nicht kommen und nicht absagen" in text
    assert "§ 81 Abs. 4 AufenthG" in text  # AE: hint on the Fiktionswirkung
    assert "/termine/" in text  # the manage link
    assert pages(letters.invitations_pdf([german])) == 1


def test_arabic_person_gets_german_and_arabic_page(invited):
    arabic = invited[0]
    assert arabic.language == "ar"
    pdf = letters.invitations_pdf([arabic])
    text = pdf_text(pdf)
    assert pages(pdf) == 2
    assert "Einladung: Ihr Termin" in text
    assert "Arabisch" in text  # German page says that a translation follows
    assert "دعوة" in text  # Arabic heading
    assert "تمديد تصريح" in text  # service name from the Anliegen's translation
    assert "جواز السفر" in text  # Mitbringliste from the translation


def test_arabic_page_is_right_to_left(invited):
    context = letters.letter_for(invited[0]).context
    assert context["translated"]["direction"] == "rtl"
    from lotse.letters.services import render_letter_html

    html = render_letter_html(letters.TEMPLATE, context)
    assert 'lang="ar" dir="rtl"' in html


def test_language_without_letter_falls_back_to_german_only(invited):
    kurdish = invited[2]
    assert kurdish.language == "de"
    assert pages(letters.invitations_pdf([kurdish])) == 1


def test_batch_pdf_holds_every_letter(invited):
    pdf = letters.invitations_pdf(invited)
    assert pages(pdf) == 4
    text = pdf_text(pdf)
    for invitation in invited:
        assert invitation.booking.display_code in text


def test_letter_base_renders_din5008_parts():
    head = LetterHead(
        sender_name="Ausländerbehörde Test",
        sender_lines=["Rathaus"],
        return_line="Ausländerbehörde Test · Rathausplatz 1 · 10000 Test",
        recipient_lines=["Alex Muster", "Weg 1", "12345 Musterstadt"],
        info=[("Datum", "01.02.2027")],
        subject="Betreff",
    )
    text = pdf_text(render_letter_pdf("letters/base.html", {"head": head}))
    for part in ("Ausländerbehörde Test", "Alex Muster", "12345 Musterstadt", "Datum", "Betreff"):
        assert part in text


def test_german_letter_text_is_easy_to_read(invited):
    text = pdf_text(letters.invitations_pdf([invited[1]]))
    body = text.split("Einladung: Ihr Termin bei der Ausländerbehörde", 1)[1]
    result = analyse(body)
    assert result.amstad >= 60  # "mittel" or easier (target for citizen texts)
