"""The invitation letter: German (always) plus a page in the person's language where we have
one, with date, time and place first, the Mitbringliste of the Anliegen, how to cancel or move
the appointment (manage link, QR code, phone) and what happens if nobody comes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from lotse.appointments import slots as slot_calc
from lotse.appointments.invitations.services import manage_token
from lotse.appointments.mail import portal_url, qr_data_uri
from lotse.appointments.models import PORTAL_LANGUAGES, Booking
from lotse.appointments.models_invitations import Invitation
from lotse.letters.readability import Readability, analyse
from lotse.letters.services import Letter, LetterHead, direction, render_letters_pdf
from lotse.people.models import StatusType

TEMPLATE = "appointments/invitations/letter/letter.html"
WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "uk": ["понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
}
CODE_LABEL = {
    "de": "Termin-Kennung",
    "en": "Appointment code",
    "ar": "رمز الموعد",
    "uk": "Код терміну",
    "tr": "Randevu kodu",
    "fa": "کد وقت ملاقات",
    "ru": "Код записи",
}
# The name of the language in German, for the hint on the German page.
LANGUAGE_NAMES_DE = {
    "en": "Englisch",
    "ar": "Arabisch",
    "uk": "Ukrainisch",
    "tr": "Türkisch",
    "fa": "Persisch (Farsi)",
    "ru": "Russisch",
}
# § 81 Abs. 4 AufenthG: an extension applied for before expiry keeps the title in force
# (Fiktionswirkung). Only a hint in the letter; staff check the case at the appointment.
FIKTION_TYPES = frozenset({StatusType.AE, StatusType.FIKTION})
STATUS_NAMES_DE: dict[str, str] = {
    StatusType.AE: "Aufenthaltserlaubnis",
    StatusType.FIKTION: "Fiktionsbescheinigung",
    StatusType.GESTATTUNG: "Aufenthaltsgestattung",
    StatusType.DULDUNG_60A: "Duldung",
    StatusType.DULDUNG_60B: "Duldung",
    StatusType.DULDUNG_60C: "Ausbildungsduldung",
    StatusType.DULDUNG_60D: "Beschäftigungsduldung",
}


def _appointment(
    invitation: Invitation, language: str, *, manage_url: str, qr: str
) -> dict[str, Any]:
    booking: Booking = invitation.booking  # type: ignore[assignment]
    person = invitation.person
    location = booking.location
    service = invitation.run.service.localized(language)
    local = booking.starts_at.astimezone(slot_calc.BERLIN)
    return {
        "language": language,
        "direction": direction(language),
        "template": f"appointments/invitations/letter/body_{language}.html",
        "name": f"{person.given_names} {person.family_name}".strip(),
        "weekday": WEEKDAYS.get(language, WEEKDAYS["de"])[local.weekday()],
        "date": f"{local:%d.%m.%Y}",
        "time": f"{local:%H:%M}",
        "location_name": location.name,
        "location_address": location.address,
        "code": booking.display_code,
        "code_label": CODE_LABEL.get(language, CODE_LABEL["de"]),
        "status_name": STATUS_NAMES_DE.get(invitation.status_type, invitation.status_type),
        "expires": f"{invitation.expires_on:%d.%m.%Y}",
        "service_name": service.name,
        "documents": service.documents,
        "manage_url": manage_url,
        "qr": qr,
        "phone": location.phone,
        "fiktion": invitation.status_type in FIKTION_TYPES,
        "organisation": invitation.run.organisation.name,
        "other_language": LANGUAGE_NAMES_DE.get(invitation.language, "")
        if language == "de"
        else "",
    }


def letter_for(invitation: Invitation, *, base_url: str = "") -> Letter:
    booking = invitation.booking
    assert booking is not None
    person = invitation.person
    location = booking.location
    link_language = invitation.language if invitation.language in PORTAL_LANGUAGES else "de"
    manage_url = portal_url(
        base_url,
        "manage",
        link_language,
        location_id=location.pk,
        token=manage_token(invitation),
    )
    qr = qr_data_uri(manage_url)
    german = _appointment(invitation, "de", manage_url=manage_url, qr=qr)
    translated = (
        _appointment(invitation, invitation.language, manage_url=manage_url, qr=qr)
        if invitation.language != "de"
        else None
    )
    organisation = invitation.run.organisation
    head = LetterHead(
        sender_name=organisation.name,
        sender_lines=[location.name, location.street, f"{location.postcode} {location.city}"]
        + ([f"Telefon {location.phone}"] if location.phone else [])
        + ([location.email] if location.email else []),
        return_line=" · ".join(
            [organisation.name, location.street, f"{location.postcode} {location.city}"]
        ),
        recipient_lines=[
            f"{person.given_names} {person.family_name}".strip(),
            person.street,
            f"{person.postcode} {person.city}".strip(),
        ],
        info=[
            ("Ihr Zeichen", person.reference or "–"),
            ("Termin-Kennung", booking.display_code),
            ("Telefon", location.phone or "–"),
            ("Datum", f"{timezone.localdate(invitation.run.created_at):%d.%m.%Y}"),
        ],
        subject="Einladung: Ihr Termin bei der Ausländerbehörde",
    )
    return Letter(
        template=TEMPLATE,
        context={"head": head, "de": german, "translated": translated},
        language="de",
    )


def invitations_pdf(invitations: Sequence[Invitation], *, base_url: str = "") -> bytes:
    """All letters of the given invitations as one PDF (one or two sheets per person)."""
    return render_letters_pdf([letter_for(i, base_url=base_url) for i in invitations])


def german_readability(invitation: Invitation) -> Readability:
    """Readability of the German letter text (a hint for whoever maintains the template)."""
    from django.template.loader import render_to_string
    from django.utils.html import strip_tags

    context = letter_for(invitation).context
    html = render_to_string("appointments/invitations/letter/body_de.html", {"a": context["de"]})
    # Each line of the letter is a sentence or a list item of its own.
    text = strip_tags(html.replace("<br>", ".\n").replace("</li>", ".\n"))
    return analyse(text)
