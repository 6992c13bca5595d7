"""E-mails of the booking portal, in the language the customer used.

Outside production they are written to files in var/mail (settings.EMAIL_FILE_PATH); the demo
mailbox page reads them from there. Links carry only random tokens, never personal data."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.appointments.models import Booking, LocalizedService, WaitingListEntry


def portal_url(base_url: str, name: str, language: str, **kwargs: object) -> str:
    from lotse.appointments.config import public_base_url

    base = (base_url or public_base_url()).rstrip("/")
    return f"{base}{reverse(f'portal:{name}', kwargs=kwargs)}?lang={language}"


def _services(booking: Booking) -> list[LocalizedService]:
    return [
        bs.service.localized(booking.language)
        for bs in booking.booking_services.select_related("service")
    ]


def _send(
    *,
    to: str,
    language: str,
    subject: str,
    template: str,
    context: dict[str, object],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    with translation.override(language):
        body = render_to_string(f"appointments/mail/{template}.txt", context)
        message = EmailMessage(
            subject=str(_(subject)),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
        for name, content, mimetype in attachments or []:
            message.attach(name, content, mimetype)
        message.send()


def send_confirm_request(booking: Booking, *, confirm_token: str, base_url: str) -> None:
    link = portal_url(
        base_url, "confirm", booking.language, location_id=booking.location_id, token=confirm_token
    )
    _send(
        to=booking.email,
        language=booking.language,
        subject="Bitte bestätigen Sie Ihren Termin",
        template="confirm_request",
        context={"booking": booking, "link": link, "services": _services(booking)},
    )


def send_confirmation(booking: Booking, *, manage_token: str, base_url: str) -> None:
    from lotse.appointments.ics import booking_ics

    link = portal_url(
        base_url, "manage", booking.language, location_id=booking.location_id, token=manage_token
    )
    services = _services(booking)
    with translation.override(booking.language):
        ics = booking_ics(booking, services)
    _send(
        to=booking.email,
        language=booking.language,
        subject="Ihr Termin ist bestätigt",
        template="confirmation",
        context={"booking": booking, "link": link, "services": services},
        attachments=[("termin.ics", ics, "text/calendar")],
    )


def send_cancellation(booking: Booking, *, note: str, base_url: str) -> None:
    link = portal_url(base_url, "services", booking.language, location_id=booking.location_id)
    _send(
        to=booking.email,
        language=booking.language,
        subject="Ihr Termin wurde abgesagt",
        template="cancellation",
        context={"booking": booking, "note": note, "link": link, "services": _services(booking)},
    )


def send_waitlist_confirm_request(
    entry: WaitingListEntry, *, confirm_token: str, manage_token: str, base_url: str
) -> None:
    confirm = portal_url(
        base_url,
        "waitlist_confirm",
        entry.language,
        location_id=entry.location_id,
        token=confirm_token,
    )
    manage = portal_url(
        base_url,
        "waitlist_manage",
        entry.language,
        location_id=entry.location_id,
        token=manage_token,
    )
    _send(
        to=entry.email,
        language=entry.language,
        subject="Bitte bestätigen Sie Ihren Platz auf der Warteliste",
        template="waitlist_confirm_request",
        context={"entry": entry, "link": confirm, "manage_link": manage},
    )


def send_waitlist_offer(booking: Booking, *, confirm_token: str, base_url: str) -> None:
    link = portal_url(
        base_url, "confirm", booking.language, location_id=booking.location_id, token=confirm_token
    )
    _send(
        to=booking.email,
        language=booking.language,
        subject="Ein Termin ist frei geworden",
        template="waitlist_offer",
        context={"booking": booking, "link": link, "services": _services(booking)},
    )


def qr_data_uri(text: str) -> str:
    """A QR code as an SVG data URI (the CSP allows data: images)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
