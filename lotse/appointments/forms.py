"""Forms of the booking portal and of the staff pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.appointments import languages
from lotse.appointments import translations as tr
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


@dataclass(frozen=True)
class TranslationRow:
    field: forms.BoundField
    original: str  # the German text, shown as reference
    hint: str


@dataclass(frozen=True)
class LanguageFieldset:
    code: str
    name: str  # in the staff language ("Arabisch")
    local_name: str  # in itself ("العربيّة")
    dir: str
    state: tr.State | None  # None: the German texts are empty, nothing to translate
    rows: list[TranslationRow]


class TranslationsForm(KernForm):
    """The translatable texts of an Anliegen or a location in every portal language: one
    fieldset per language, the German original beside each field. Empty means "show German"."""

    def __init__(self, *args: Any, instance: Service | Location, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.model = type(instance)
        stored = instance.translations if isinstance(instance.translations, dict) else {}
        for code in languages.TRANSLATION_LANGUAGES:
            given = stored.get(code) if isinstance(stored.get(code), dict) else {}
            for item in tr.translatable_fields(self.model):
                self.fields[self._name(code, item.key)] = self._field(code, item, given or {})

    @staticmethod
    def _name(code: str, key: str) -> str:
        return f"{code}_{key}"

    def _field(self, code: str, item: tr.TranslatableField, given: dict[str, Any]) -> Any:
        # lang and dir on the input itself: Arabic and Farsi are typed right-to-left, and
        # screen readers and spell checkers use the right language, on a German page.
        attrs = {"class": "kern-form-input__input", "lang": code, "dir": languages.direction(code)}
        if item.multiline:
            widget: forms.Widget = forms.Textarea(attrs={**attrs, "rows": 4})
        else:
            widget = forms.TextInput(attrs=attrs)
        original = str(getattr(self.instance, item.key) or "")
        german = self.model._meta.get_field(item.key)
        return forms.CharField(
            label=getattr(german, "verbose_name", item.key),
            required=False,
            max_length=tr.max_length(self.model, item.key),
            # Links the hint (German original) to the input via aria-describedby.
            help_text=original or _("Im deutschen Text leer."),
            widget=widget,
            initial=str(given.get(item.key) or ""),
            # The value as the page showed it goes back as a hidden input, so `changed_data`
            # compares with what this user saw, not with what others saved meanwhile.
            show_hidden_initial=True,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in languages.TRANSLATION_LANGUAGES:
            for item in tr.translatable_fields(self.model):
                name = self._name(code, item.key)
                if name in data:
                    data[name] = tr.normalise(item, data[name] or "")
        return data

    def translations(self) -> dict[str, dict[str, str]]:
        """The texts this user changed, per language and key ("" where emptied). Only these
        are merged: a save must not undo what a colleague changed in other fields after this
        page was opened (lost update)."""
        changed = set(self.changed_data)
        result: dict[str, dict[str, str]] = {}
        for code in languages.TRANSLATION_LANGUAGES:
            for item in tr.translatable_fields(self.model):
                name = self._name(code, item.key)
                if name in changed:
                    result.setdefault(code, {})[item.key] = self.cleaned_data.get(name, "")
        return result

    def fieldsets(self) -> list[LanguageFieldset]:
        status = tr.translation_status(self.instance)
        result = []
        for code in languages.TRANSLATION_LANGUAGES:
            rows = []
            for item in tr.translatable_fields(self.model):
                rows.append(
                    TranslationRow(
                        field=self[self._name(code, item.key)],
                        original=str(getattr(self.instance, item.key) or ""),
                        hint=str(_("Ein Punkt pro Zeile.")) if item.one_item_per_line else "",
                    )
                )
            result.append(
                LanguageFieldset(
                    code=code,
                    name=languages.staff_name(code),
                    local_name=languages.local_name(code),
                    dir=languages.direction(code),
                    state=status.state(code) if status.has_text else None,
                    rows=rows,
                )
            )
        return result
