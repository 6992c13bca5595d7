"""Forms of the on-site pages (front desk, kiosk, counter, devices, statistics filter)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.appointments.models import DeviceLink, OnsiteSettings
from lotse.core.forms import KernForm, KernMixin


class CheckInForm(KernForm):
    code = forms.CharField(
        label=_("Termin-Kennung"),
        max_length=40,
        help_text=_("12 Zeichen, zum Beispiel ABCD-EFGH-JKMN. Oder den QR-Code scannen."),
        # A Kennung is Latin letters and digits: typed left-to-right on an Arabic kiosk too.
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "dir": "ltr",
            }
        ),
    )


class WalkInForm(KernForm):
    service = forms.TypedChoiceField(label=_("Anliegen"), coerce=int)

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s.pk, s.name) for s in services]  # type: ignore[attr-defined]


class DeskForm(KernForm):
    desk = forms.TypedChoiceField(label=_("Ihr Schalter"), coerce=int)

    def __init__(self, *args: Any, desks: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].choices = [(d.pk, f"{d.name} ({d.number})") for d in desks]  # type: ignore[attr-defined]


class TransferForm(KernForm):
    service = forms.TypedChoiceField(label=_("Weiterleiten an"), coerce=int)

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s.pk, s.name) for s in services]  # type: ignore[attr-defined]


class DeviceLinkForm(KernForm):
    kind = forms.ChoiceField(label=_("Art des Geräts"), choices=DeviceLink.Kind.choices)
    label = forms.CharField(
        label=_("Bezeichnung"),
        max_length=80,
        help_text=_("Zum Beispiel: Bildschirm Wartebereich Erdgeschoss."),
    )


class OnsiteSettingsForm(KernMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = OnsiteSettings
        fields = ["checkin_early_minutes", "checkin_late_minutes", "walk_ins_open"]

    def clean_checkin_early_minutes(self) -> int:
        value = int(self.cleaned_data["checkin_early_minutes"])
        if value > 240:
            raise forms.ValidationError(_("Bitte höchstens 240 Minuten."))
        return value

    def clean_checkin_late_minutes(self) -> int:
        value = int(self.cleaned_data["checkin_late_minutes"])
        if value > 120:
            raise forms.ValidationError(_("Bitte höchstens 120 Minuten."))
        return value


class StatsFilterForm(KernForm):
    location = forms.TypedChoiceField(label=_("Standort"), coerce=int, required=False)
    service = forms.TypedChoiceField(label=_("Anliegen"), coerce=int, required=False)
    start = forms.DateField(
        label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, locations: list[Any], services: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("alle Standorte"))] + [  # type: ignore[attr-defined]
            (loc.pk, loc.name) for loc in locations
        ]
        self.fields["service"].choices = [("", _("alle Anliegen"))] + [  # type: ignore[attr-defined]
            (s.pk, s.name) for s in services
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - dt.timedelta(days=29)
        if start > end:
            raise forms.ValidationError(_("Der Beginn muss vor dem Ende liegen."))
        if (end - start).days > 731:
            raise forms.ValidationError(_("Bitte wählen Sie höchstens zwei Jahre."))
        data["start"], data["end"] = start, end
        return data
