"""Short-lived caching of the public catalogue pages (start page, free times).

The cache is Django's default cache (per server process, locmem). A booking, cancellation,
expiry or recomputation in a process bumps that process's version for the location, so its
own pages are fresh at once; other processes see the change after at most `SECONDS`. Showing
a time that was taken a few seconds ago is harmless: the booking itself is a conditional
UPDATE and answers "this time has just been taken" (services.SLOT_TAKEN). With a shared
cache (Redis, database) the version is shared and invalidation is immediate everywhere.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

SECONDS = 10
_VERSION = "portal:version:{}"


def version(location_id: int) -> int:
    return int(cache.get(_VERSION.format(location_id), 0))


def invalidate(location_id: int) -> None:
    key = _VERSION.format(location_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def location(location_id: int) -> Any:
    """A recently read active Location (catalogue pages only; same 10 s staleness)."""
    return cache.get(f"portal:location:{location_id}")


def remember_location(location: Any) -> None:
    cache.set(f"portal:location:{location.pk}", location, SECONDS)


def forget_location(location_id: int) -> None:
    """Drop the cached row and this process's pages of a location (e.g. its texts changed)."""
    cache.delete(f"portal:location:{location_id}")
    invalidate(location_id)


def times_key(location_id: int, language: str, query: str) -> str:
    return f"portal:times:{location_id}:{version(location_id)}:{language}:{query}"


def start_key(language: str, query: str) -> str:
    return f"portal:start:{language}:{query}"
