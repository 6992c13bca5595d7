"""Shared pieces of the Kundensteuerung services: errors shown to customers, tokens, retry."""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import OperationalError, connection
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.appointments.models import (
    Booking,
)

# Crockford-like alphabet without 0/O, 1/I/L: the Kennung is read aloud and typed at the kiosk.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
LOCK_RETRIES = 40
T = TypeVar("T")

SLOT_TAKEN = _("Diese Zeit ist leider gerade vergeben worden. Bitte wählen Sie eine andere Zeit.")
SLOT_INVALID = _("Diese Zeit kann nicht gebucht werden. Bitte wählen Sie eine andere Zeit.")
SERVICES_INVALID = _("Bitte wählen Sie mindestens ein Anliegen dieses Standorts.")
TOO_LONG = _(
    "Diese Anliegen dauern zusammen zu lange für einen Online-Termin. "
    "Bitte buchen Sie weniger Anliegen oder rufen Sie uns an."
)
TOO_MANY_OPEN = _(
    "Mit dieser E-Mail-Adresse sind schon zu viele Termine gebucht. "
    "Bitte sagen Sie zuerst einen Termin ab, den Sie nicht brauchen."
)
NOT_CHANGEABLE = _("Dieser Termin kann nicht mehr geändert werden.")


class BookingError(Exception):
    """A booking request that cannot be fulfilled; the message is shown to the customer."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class SlotSync:
    created: int
    updated: int
    deleted: int


@dataclass(frozen=True)
class BookingTokens:
    booking: Booking
    manage_token: str
    confirm_token: str


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _retry_when_locked(action: Callable[[], T]) -> T:
    """SQLite reports lock contention as an error ("database is locked" after the busy timeout,
    "database table is locked" in shared-cache mode) instead of waiting; the booking is retried
    a few times with jitter, and then answers "taken" like PostgreSQL would. Only outside an
    outer transaction, where a retry starts a fresh one."""
    for attempt in range(LOCK_RETRIES):
        try:
            return action()
        except OperationalError as error:
            if "locked" not in str(error) or connection.in_atomic_block:
                raise
            if attempt == LOCK_RETRIES - 1:
                raise BookingError(SLOT_TAKEN) from error
            time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
    raise BookingError(SLOT_TAKEN)
