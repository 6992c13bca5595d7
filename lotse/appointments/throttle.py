"""Rate limits of the public portal, shared by all server processes (a database table, not a
per-process cache). Keys (IP addresses, e-mail addresses) are stored as keyed digests only."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from lotse.appointments import config
from lotse.appointments.models import PortalThrottle


def _digest(bucket: str, key: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{bucket}:{key.strip().lower()}".encode(), hashlib.sha256
    ).hexdigest()


def throttle_exceeded(bucket: str, key: str) -> bool:
    """Whether this key has used up its requests of the bucket (does not count a request)."""
    limit = config.rate_limit(bucket)
    since = timezone.now() - dt.timedelta(seconds=limit.window_seconds)
    used = PortalThrottle.objects.filter(
        bucket=bucket, key_digest=_digest(bucket, key), at__gte=since
    ).count()
    return used >= limit.limit


def throttle_hit(bucket: str, key: str) -> None:
    PortalThrottle.objects.create(bucket=bucket, key_digest=_digest(bucket, key), at=timezone.now())


def throttle_allow(bucket: str, key: str) -> bool:
    """Count one request; False if the limit was already reached (then nothing is counted)."""
    if throttle_exceeded(bucket, key):
        return False
    throttle_hit(bucket, key)
    return True


def throttle_allow_all(checks: list[tuple[str, str]]) -> bool:
    """Count a request against several buckets (e.g. per IP and per e-mail) only if none of
    them is used up, so a refused request does not eat into the other limits."""
    if any(throttle_exceeded(bucket, key) for bucket, key in checks):
        return False
    for bucket, key in checks:
        throttle_hit(bucket, key)
    return True


def throttle_prune() -> int:
    """Delete counted requests older than the longest window."""
    longest = max(config.rate_limit(b).window_seconds for b in config.RATE_LIMITS)
    cutoff = timezone.now() - dt.timedelta(seconds=longest)
    return PortalThrottle.objects.filter(at__lt=cutoff).delete()[0]
