"""Navigation per role: each role sees the areas it works in, nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core import policy
from lotse.core.models import Organisation


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from lotse.people.models import Person

    entries: list[tuple[Any, str]] = [(_("Start"), reverse("core:home"))]
    if policy.may(user, "view", Person):
        entries.append((_("Personen"), reverse("people:list")))
    if policy.may(user, "import", Person):
        entries.append((_("Import"), reverse("people:import")))
    if policy.may(user, "view", Organisation):
        entries.append((_("Verwaltung"), reverse("core:admin_home")))
    entries.append((_("Mein Konto"), reverse("core:account")))
    path = request.path
    home = reverse("core:home")
    items = [
        NavItem(label, url, path == url if url == home else path.startswith(url))
        for label, url in entries
    ]
    return {"nav_items": items}
