"""Forms of the invitation pages (KERN markup)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.appointments.invitations import selectors
from lotse.appointments.models import Location, Service
from lotse.appointments.models_invitations import Invitation
from lotse.core.forms import KernForm
from lotse.core.models import User

GROUP_CHOICES = [
    ("AE", _("Aufenthaltserlaubnis")),
    ("FIKTION", _("Fiktionsbescheinigung")),
    ("DULDUNG", _("Duldung (alle Arten)")),
    ("GESTATTUNG", _("Aufenthaltsgestattung")),
]


class SelectionForm(KernForm):
    weeks = forms.IntegerField(
        label=_("Läuft ab innerhalb von Wochen"),
        min_value=1,
        max_value=26,
        initial=8,
        help_text=_("Gezählt ab heute; der letzte Tag gehört dazu."),
    )
    groups = forms.MultipleChoiceField(
        label=_("Aufenthaltsstatus"),
        choices=GROUP_CHOICES,
        initial=["AE", "FIKTION"],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
    )
    location = forms.ModelChoiceField(
        label=_("Standort"), queryset=Location.objects.none(), empty_label=None
    )
    service = forms.ModelChoiceField(
        label=_("Anliegen für den Termin"),
        queryset=Service.objects.none(),
        empty_label=None,
        help_text=_("Zum Beispiel „Aufenthaltserlaubnis verlängern“."),
    )
    per_day = forms.IntegerField(
        label=_("Höchstens Einladungen pro Tag"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leer lassen, um alle freien internen Zeiten zu nutzen."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = selectors.locations_for(user)  # type: ignore[attr-defined]
        self.fields["service"].queryset = selectors.services_for(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        location, service = data.get("location"), data.get("service")
        if location and service and not service.locations.filter(pk=location.pk).exists():
            self.add_error("service", _("Dieses Anliegen wird an diesem Standort nicht angeboten."))
        return data

    def selection(self) -> selectors.Selection:
        data = self.cleaned_data
        return selectors.Selection(
            weeks=data["weeks"],
            location=data["location"],
            service=data["service"],
            groups=tuple(data["groups"]),
            per_day=data.get("per_day"),
        )


class StatusForm(KernForm):
    status = forms.ChoiceField(label=_("Neuer Stand"), choices=Invitation.Status.choices)
    reason = forms.ChoiceField(
        label=_("Grund der Absage"),
        choices=[("", _("– nur bei Absage –")), *Invitation.DeclineReason.choices],
        required=False,
    )
