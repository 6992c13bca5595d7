"""Reads of the core app."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from lotse.core import policy
from lotse.core.models import Organisation, Role, User

# What each role finds in Lotse, shown on its start page until its areas are built out.
ROLE_INTRO: dict[str, Any] = {
    Role.LOTSIN: _(
        "Sie finden Menschen mit Bleibeperspektive, vereinbaren Ziele mit ihnen und begleiten sie."
    ),
    Role.ABH_SB: _(
        "Sie bearbeiten Aufenthaltsangelegenheiten und übergeben Fälle mit Perspektive "
        "an die Integrationslotsin."
    ),
    Role.EBH_SB: _("Sie bearbeiten Einbürgerungen und beraten zu den Voraussetzungen."),
    Role.FRONTOFFICE: _(
        "Sie empfangen Kundinnen und Kunden, prüfen Termine und finden Personen im Register."
    ),
    Role.CASE_MANAGER: _("Sie begleiten Menschen über Behörden und Beratungsstellen hinweg."),
    Role.COORDINATOR: _(
        "Sie werten Hürden aus der Fallarbeit aus und bereiten die Lenkungsgruppe vor."
    ),
    Role.PARTNER: _("Sie arbeiten mit den Fällen, die Ihnen mit Einwilligung übergeben wurden."),
    Role.LEITUNG: _("Sie sehen Kennzahlen und Auslastung Ihrer Organisation."),
    Role.STATISTIK: _("Sie sehen zusammengefasste, anonymisierte Zahlen für Planung und Berichte."),
    Role.LAND: _("Sie sehen zusammengefasste Zahlen aller Kommunen, nie einzelne Personen."),
    Role.ADMIN: _(
        "Sie verwalten Organisationen und Konten Ihrer Kommune. Falldaten sehen Sie nicht."
    ),
}


def start_page(*, user: User) -> dict[str, Any]:
    # Looked up by label: core must not import the people app (people depends on core).
    Person = apps.get_model("people", "Person")
    context: dict[str, Any] = {"intro": ROLE_INTRO.get(user.role, "")}
    if policy.may(user, "view", Person):
        context["person_count"] = policy.queryset(user, "view", Person).count()
        context["may_create_person"] = policy.may(user, "create", Person)
        context["may_import"] = policy.may(user, "import", Person)
    if policy.may(user, "view", Organisation):
        context["organisation_count"] = policy.queryset(user, "view", Organisation).count()
        context["user_count"] = policy.queryset(user, "view", User).count()
    return context
