"""Second factor (TOTP via django-otp): who needs it, setting it up, verifying it."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core import events


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_second_factor(user: Any) -> bool:
    """Organisations enforce TOTP; demo accounts may be exempt outside production."""
    if confirmed_device(user) is not None:
        return True
    if user.otp_exempt and settings.LOTSE_DEMO_OTP_EXEMPT:
        return False
    if user.organisation_id is None:
        return bool(settings.PRODUCTION)
    return bool(user.organisation.require_second_factor)


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device for set-up; one per user, reused until confirmed."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Lotse"}
    )
    return device


def qr_code_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def verify(request: Any, token: str) -> bool:
    """Check a code against the user's confirmed device, or confirm a pending one."""
    token = "".join(token.split())
    if not token.isdigit():
        return False
    user = request.user
    device = confirmed_device(user)
    confirming = device is None
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    with transaction.atomic():
        if confirming:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            events.record(activity="account.second_factor_set_up", actor=user, subject=user)
    otp_login(request, device)
    return True


def reset(*, user: Any, by: Any) -> None:
    """An administrator removes a lost second factor; the user sets up a new one at log-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        events.record(activity="account.second_factor_reset", actor=by, subject=user)
