"""Forms of the staff set-up pages: breaks, teams, desks and work profiles of a location."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.appointments.models import Break, Desk, Team, WorkProfile, WorkProfileItem
from lotse.core.forms import KernMixin

if TYPE_CHECKING:
    _ModelForm = forms.ModelForm[Any]
else:  # ModelForm is not subscriptable at run time (no django_stubs_ext monkeypatch)
    _ModelForm = forms.ModelForm


class BreakForm(KernMixin, _ModelForm):
    class Meta:
        model = Break
        fields = ["weekday", "starts", "ends", "valid_from", "valid_to"]
        widgets = {
            "starts": forms.TimeInput(attrs={"type": "time"}),
            "ends": forms.TimeInput(attrs={"type": "time"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        # Errors go to the field to correct: it is marked invalid, and the model's check
        # constraint on it is not reported a second time in technical words.
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["starts"] >= data["ends"]:
            self.add_error("ends", _("Die Pause muss vor ihrem Ende beginnen."))
        first, last = data.get("valid_from"), data.get("valid_to")
        if first and last and first > last:
            self.add_error("valid_to", _("„gültig ab“ liegt nach „gültig bis“."))
        return data


class TeamForm(KernMixin, _ModelForm):
    """A team of one location, or of the whole office (location empty): then every location's
    desks and work profiles may use it, and it serves its Anliegen wherever they are offered."""

    THIS_LOCATION = "location"
    ALL_LOCATIONS = "office"

    scope = forms.ChoiceField(
        label=_("Wo arbeitet das Team?"),
        choices=[
            (THIS_LOCATION, _("Nur an diesem Standort")),
            (ALL_LOCATIONS, _("An allen Standorten der Behörde")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Ein Team für alle Standorte können Schalter und Arbeitsprofile jedes Standorts "
            "nutzen."
        ),
        error_messages={"required": _("Bitte wählen Sie, wo das Team arbeitet.")},
    )

    class Meta:
        model = Team
        fields = ["name", "scope", "code", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        office_wide = self.instance.pk is not None and self.instance.location_id is None
        self.fields["scope"].initial = self.ALL_LOCATIONS if office_wide else self.THIS_LOCATION

    @property
    def office_wide(self) -> bool:
        return bool(self.cleaned_data.get("scope") == self.ALL_LOCATIONS)


class DeskForm(KernMixin, _ModelForm):
    class Meta:
        model = Desk
        fields = ["name", "number", "teams", "is_active"]
        widgets = {"teams": forms.CheckboxSelectMultiple}


def staff_label(user: Any) -> str:
    """How a staff member is offered in a list: full name and user name (names repeat)."""
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


class WorkProfileForm(KernMixin, _ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = staff_label  # type: ignore[attr-defined]

    class Meta:
        model = WorkProfile
        fields = ["user", "name", "is_active"]
        labels = {"user": _("Mitarbeiterin oder Mitarbeiter")}
        error_messages = {
            "user": {
                "invalid_choice": _("Die Person gehört nicht zu der Behörde dieses Standorts.")
            }
        }


class WorkProfileItemForm(KernMixin, _ModelForm):
    """One row: a team or an Anliegen. A row without either is left out."""

    class Meta:
        model = WorkProfileItem
        fields = ["team", "service", "priority"]
        labels = {"team": _("Team"), "service": _("Anliegen")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE"):
            return data
        if data.get("team") is not None and data.get("service") is not None:
            raise forms.ValidationError(
                _("Bitte wählen Sie je Zeile genau ein Team oder ein Anliegen.")
            )
        return data

    def _get_validation_exclusions(self) -> set[str]:
        # clean() says in words what the model's team-xor-service constraint checks, and a row
        # with neither is left out (services.work_profile_save), not an error.
        return {*super()._get_validation_exclusions(), "team", "service"}  # type: ignore[misc]


class _ItemFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: _ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        # Added after the form's own __init__, so KernMixin did not style it.
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Zeile entfernen")
            form.fields["DELETE"].widget.attrs["class"] = "kern-form-check__checkbox"


WorkProfileItemFormSet = forms.inlineformset_factory(
    WorkProfile,
    WorkProfileItem,
    form=WorkProfileItemForm,
    formset=_ItemFormSet,
    extra=3,
    can_delete=True,
)
