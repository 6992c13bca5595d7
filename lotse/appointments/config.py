"""Tunable numbers of the booking portal. Each can be set in Django settings (or the
environment for the public URL); the defaults are what an Ausländerbehörde can start with."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class RateLimit:
    limit: int
    window_seconds: int


def _get(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def confirm_minutes() -> int:
    """How long a booking waits for the click on the confirmation link before the slot is
    released again (TEVIS-style double opt-in)."""
    return _get("LOTSE_BOOKING_CONFIRM_MINUTES", 120)


def max_open_bookings_per_email() -> int:
    """Open (pending or confirmed, future) bookings one e-mail address may hold per Kommune."""
    return _get("LOTSE_BOOKING_MAX_OPEN_PER_EMAIL", 3)


def waitlist_offer_hours() -> int:
    """How long a slot offered from the waiting list is held for the person."""
    return _get("LOTSE_WAITLIST_OFFER_HOURS", 24)


def waitlist_confirm_hours() -> int:
    return _get("LOTSE_WAITLIST_CONFIRM_HOURS", 48)


def retention_months(max_months: int) -> int:
    """After how many whole months past the appointment personal data of a booking is removed
    (the default rule of the retention handlers). Counted in months like a stored rule, so the
    default and a stored rule of the same length agree to the day. Never more than
    `max_months`, the promise of the portal's privacy notice: a larger value is a configuration
    error, not something to cap silently."""
    if hasattr(settings, "LOTSE_BOOKING_RETENTION_DAYS"):
        # Replaced by the months setting; ignoring it would silently change the period.
        raise ImproperlyConfigured(
            "LOTSE_BOOKING_RETENTION_DAYS is no longer supported; "
            "use LOTSE_BOOKING_RETENTION_MONTHS (whole months)."
        )
    months = _get("LOTSE_BOOKING_RETENTION_MONTHS", max_months)
    if not 1 <= months <= max_months:
        raise ImproperlyConfigured(
            f"LOTSE_BOOKING_RETENTION_MONTHS must be between 1 and {max_months} "
            f"(the portal's privacy notice promises at most {max_months} months); got {months}."
        )
    return months


def slot_weeks() -> int:
    """How far ahead slots are precomputed (12 weeks)."""
    return _get("LOTSE_SLOT_WEEKS", 12)


# Requests per key and window: booking attempts per IP address and per e-mail address,
# look-ups of manage/confirmation links per IP (against guessing), waiting-list sign-ups,
# and the kiosks' misses and tickets.
RATE_LIMITS: dict[str, RateLimit] = {
    "book-ip": RateLimit(20, 3600),
    "book-email": RateLimit(5, 3600),
    "token-ip": RateLimit(60, 600),
    "waitlist-ip": RateLimit(10, 3600),
    "waitlist-email": RateLimit(3, 3600),
    "mailbox-ip": RateLimit(60, 600),
    # Per kiosk (device link): failed Kennung entries (against guessing) and walk-in tickets
    # (against a finger on the button). Beyond them the kiosk sends people to the desk.
    "kiosk-miss": RateLimit(10, 600),
    "kiosk-ticket": RateLimit(6, 60),
}


def rate_limit(bucket: str) -> RateLimit:
    override = getattr(settings, "LOTSE_PORTAL_RATE_LIMITS", {}).get(bucket)
    if override:
        return RateLimit(int(override[0]), int(override[1]))
    return RATE_LIMITS[bucket]


def public_base_url() -> str:
    """Base URL for links in e-mails sent by jobs (no request at hand)."""
    return str(settings.LOTSE_PUBLIC_URL).rstrip("/")


CONSENT_VERSION = "2026-12"
