"""Forms of the booking portal and of the staff pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.appointments.models import Closure, Location, OpeningHours, Service
from lotse.core.forms import KernForm, KernMixin

if TYPE_CHECKING:
    _ModelForm = forms.ModelForm[Any]
else:  # ModelForm is not subscriptable at run time (no django_stubs_ext monkeypatch)
    _ModelForm = forms.ModelForm


class ContactForm(KernForm):
    """Name and address for a booking or the waiting list; nothing else is asked."""

    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Wir schicken Ihnen einen Link. Mit dem Link bestätigen Sie den Termin."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefonnummer"),
        required=False,
        max_length=40,
        help_text=_("Freiwillig. Nur für Rückfragen zu Ihrem Termin."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden: Die Ausländerbehörde speichert meine Angaben für diesen "
            "Termin. Sie löscht sie spätestens 6 Monate nach dem Termin."
        ),
        error_messages={
            "required": _("Bitte stimmen Sie zu. Sonst können wir keinen Termin speichern.")
        },
    )

    def __init__(self, *args: Any, with_phone: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_phone:
            del self.fields["phone"]


class MailboxForm(KernForm):
    email = forms.EmailField(label=_("E-Mail-Adresse"))


class ServiceForm(KernMixin, _ModelForm):
    documents = forms.CharField(
        label=_("Mitbringliste"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ein Punkt pro Zeile."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "duration_minutes",
            "documents",
            "fee_note",
            "locations",
            "teams",
            "leika_key",
            "ozg_id",
            "walk_in_allowed",
            "bookable_online",
            "is_active",
            "sort_order",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "locations": forms.CheckboxSelectMultiple,
            "teams": forms.CheckboxSelectMultiple,
        }


class LocationForm(KernMixin, _ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "note",
            "slot_minutes",
            "horizon_days",
            "min_lead_minutes",
            "max_booking_minutes",
            "observe_holidays",
            "bookable_online",
            "is_active",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class OpeningHoursForm(KernMixin, _ModelForm):
    class Meta:
        model = OpeningHours
        fields = [
            "weekday",
            "opens",
            "closes",
            "desks_online",
            "desks_phone",
            "desks_internal",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}),
            "closes": forms.TimeInput(attrs={"type": "time"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens") and data.get("closes") and data["opens"] >= data["closes"]:
            raise forms.ValidationError(_("Die Öffnungszeit muss vor dem Ende beginnen."))
        return data


class ClosureForm(KernMixin, _ModelForm):
    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["starts_on"] > data["ends_on"]:
            raise forms.ValidationError(_("Der erste Tag liegt nach dem letzten Tag."))
        return data
