"""Writes of the core app: log-in throttling, tenant administration, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from lotse.core import events, policy
from lotse.core.models import AccessibilityFeedback, ApiToken, LoginFailure, Organisation, User


def _digest(value: str) -> str:
    # Keyed with the secret key so the table does not reveal which names were tried.
    return hashlib.sha256(f"{settings.SECRET_KEY}|{value}".encode()).hexdigest()


def login_locked(*, username: str, ip: str) -> bool:
    """Too many failures for this user name or from this address within the lock window."""
    since = timezone.now() - timedelta(minutes=settings.LOTSE_LOGIN_LOCK_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOTSE_LOGIN_MAX_FAILURES
    by_name = recent.filter(username_digest=_digest(username.lower())).count()
    # An address gets more tries: an office behind one NAT address has many users.
    by_ip = recent.filter(ip_digest=_digest(ip)).count()
    return by_name >= limit or by_ip >= limit * 4


def login_failed(*, username: str, ip: str) -> None:
    LoginFailure.objects.create(username_digest=_digest(username.lower()), ip_digest=_digest(ip))
    cutoff = timezone.now() - timedelta(days=1)
    LoginFailure.objects.filter(at__lt=cutoff).delete()


def login_succeeded(*, user: User) -> None:
    LoginFailure.objects.filter(username_digest=_digest(user.username.lower())).delete()
    events.record(activity="account.logged_in", actor=user, subject=user)


def password_change(*, request: Any, form: Any) -> None:
    """Save a validated PasswordChangeForm and keep the session (Django rotates its hash)."""
    from django.contrib.auth import update_session_auth_hash

    with transaction.atomic():
        user = form.save()
        update_session_auth_hash(request, user)
        events.record(activity="account.password_changed", actor=user, subject=user)


# --- tenant administration --------------------------------------------------------------------


def organisation_create(
    *, by: User, name: str, kind: str, require_second_factor: bool
) -> Organisation:
    policy.require_may(by, "create", Organisation)
    with transaction.atomic():
        organisation = Organisation(
            kommune_id=by.organisation.kommune_id,  # type: ignore[union-attr]
            name=name,
            kind=kind,
            require_second_factor=require_second_factor,
        )
        organisation.full_clean()
        organisation.save()
        events.record(
            activity="organisation.created", actor=by, subject=organisation, data={"kind": kind}
        )
    return organisation


def organisation_update(*, by: User, organisation: Organisation, **fields: Any) -> Organisation:
    policy.require(by, "change", organisation)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save()
        events.record(
            activity="organisation.updated",
            actor=by,
            subject=organisation,
            data={"fields": sorted(fields)},
        )
    return organisation


def user_create(
    *,
    by: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    role: str,
    password: str,
) -> User:
    policy.require(by, "change", organisation)
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            organisation=organisation,
            role=role,
        )
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        events.record(activity="account.created", actor=by, subject=user, data={"role": role})
    return user


def user_update(*, by: User, user: User, **fields: Any) -> User:
    policy.require(by, "change", user)
    if "organisation" in fields:
        policy.require(by, "change", fields["organisation"])
    with transaction.atomic():
        for name, value in fields.items():
            setattr(user, name, value)
        user.full_clean()
        user.save()
        events.record(
            activity="account.updated", actor=by, subject=user, data={"fields": sorted(fields)}
        )
    return user


# --- API tokens ------------------------------------------------------------------------------

TOKEN_PREFIX = "lotse_"


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the returned secret is shown once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[:12], digest=token_digest(secret)
        )
        events.record(activity="api_token.created", actor=user, subject=token)
    return token, secret


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionError
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.record(activity="api_token.revoked", actor=user, subject=token)


def api_token_user(secret: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def accessibility_feedback_submit(
    *, message: str, page: str, contact: str
) -> AccessibilityFeedback:
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(message=message, page=page, contact=contact)
        events.record(activity="accessibility.feedback_received", subject=feedback)
    return feedback
