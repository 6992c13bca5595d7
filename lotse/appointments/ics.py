"""The calendar file (.ics) of a booking (RFC 5545, via icalendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lotse.appointments.models import Booking, LocalizedService


def booking_ics(booking: Booking, services: Sequence[LocalizedService]) -> bytes:
    location = booking.location
    calendar = Calendar()
    calendar.add("prodid", "-//Lotse//Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.code}@lotse")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", booking.starts_at.astimezone(dt.UTC))
    event.add("dtend", booking.ends_at.astimezone(dt.UTC))
    event.add("summary", _("Termin: %(location)s") % {"location": location.name})
    event.add("location", f"{location.name}, {location.address}")
    lines = [_("Termin-Kennung: %(code)s") % {"code": booking.display_code}, ""]
    for service in services:
        lines.append(service.name)
        lines.extend(f"- {d}" for d in service.documents)
    event.add("description", "\n".join(lines))
    calendar.add_component(event)
    return bytes(calendar.to_ical())
