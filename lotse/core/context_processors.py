"""Navigation per role: each role sees the areas it works in, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core import policy
from lotse.core.models import Organisation
from lotse.core.twofactor import needs_second_factor

# Feature apps add their areas (AppConfig.ready) so core imports none of them: a provider
# takes the user and returns (label, url) pairs, in the order they appear after "Start".
NavProvider = Callable[[Any], list[tuple[Any, str]]]
NAV_PROVIDERS: list[NavProvider] = []


def register_navigation(provider: NavProvider) -> None:
    if provider not in NAV_PROVIDERS:
        NAV_PROVIDERS.append(provider)


# Feature apps may also put a block on the start page of the roles they serve (e.g. "Meine
# Aufgaben" for case managers): a provider takes the request and returns (template, context)
# or None; blocks appear in registration order above the standard cards.
StartBlock = Callable[[HttpRequest], tuple[str, dict[str, Any]] | None]
START_BLOCKS: list[StartBlock] = []


def register_start_block(block: StartBlock) -> None:
    if block not in START_BLOCKS:
        START_BLOCKS.append(block)


def start_blocks(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """The start-page blocks for this request (the view includes each with `block`)."""
    return [b for b in (block(request) for block in START_BLOCKS) if b]


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_languages": settings.STAFF_LANGUAGES}
    if needs_second_factor(user) and not user.is_verified():
        # Nothing to navigate to before the second factor is given.
        return {"staff_languages": settings.STAFF_LANGUAGES}
    entries: list[tuple[Any, str]] = [(_("Start"), reverse("core:home"))]
    for provider in NAV_PROVIDERS:
        entries += provider(user)
    if policy.may(user, "view", Organisation):
        entries.append((_("Verwaltung"), reverse("core:admin_home")))
    entries.append((_("Mein Konto"), reverse("core:account")))
    # The current item is the longest one whose address starts the path ("/" only exactly).
    path = request.path
    matches = [
        url for _label, url in entries if path == url or (url != "/" and path.startswith(url))
    ]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [NavItem(label, url, url == current) for label, url in entries],
        "staff_languages": settings.STAFF_LANGUAGES,
    }
