"""Form rendering in KERN UX markup, and the forms of the core app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Organisation, Role, User


class KernRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


_WIDGET_CLASSES = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
    "checkboxselectmultiple": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
}


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:  # the mixin sits before the real form class at run time
    _FormBase = object


class KernMixin(_FormBase):
    """Adds KERN classes and links errors and hints to inputs for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = self[name].widget_type
            css = _WIDGET_CLASSES.get(widget_type, "kern-form-input__input")
            field.widget.attrs.setdefault("class", css)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                described = [f"{self[name].auto_id}_error"]
                if field.help_text:
                    described.append(f"{self[name].auto_id}_helptext")
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = " ".join(described)


class KernForm(KernMixin, forms.Form):
    pass


class PasswordForm(KernMixin, PasswordChangeForm):
    pass


class LoginForm(KernForm):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(KernForm):
    token = forms.CharField(
        label=_("Einmalcode"),
        max_length=8,
        min_length=6,
        help_text=_("Sechs Ziffern aus Ihrer Authenticator-App."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class FeedbackForm(KernForm):
    message = forms.CharField(
        label=_("Welche Barriere haben Sie gefunden?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    page = forms.CharField(label=_("Auf welcher Seite?"), max_length=300, required=False)
    contact = forms.CharField(
        label=_("Wie können wir Sie erreichen?"),
        max_length=200,
        required=False,
        help_text=_("Nur wenn Sie eine Antwort wünschen."),
    )


class OrganisationForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=Organisation.Kind.choices)
    require_second_factor = forms.BooleanField(
        label=_("Zweiter Faktor verpflichtend"), required=False, initial=True
    )
    is_active = forms.BooleanField(label=_("aktiv"), required=False, initial=True)


class UserForm(KernForm):
    username = forms.CharField(label=_("Benutzername"), max_length=150)
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=[r for r in Role.choices if r[0] != Role.LAND]
    )
    is_active = forms.BooleanField(label=_("Konto aktiv"), required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("Erstes Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 12 Zeichen. Die Person kann es unter „Mein Konto“ ändern."),
    )


class ApiTokenForm(KernForm):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür nutzen Sie den Token? Zum Beispiel „Fachverfahren“."),
    )


def user_initial(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organisation": user.organisation,
        "role": user.role,
        "is_active": user.is_active,
    }


def add_validation_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors at their fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
