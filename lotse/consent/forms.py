"""Forms of the consent app (KERN markup through KernForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.consent.models import Category, Consent, Purpose
from lotse.consent.services import ConsentData, LegalBasisData
from lotse.core.forms import KernForm
from lotse.core.models import Organisation


class ConsentForm(KernForm):
    given_by = forms.ChoiceField(
        label=_("Wer erklärt die Einwilligung?"),
        choices=Consent.GivenBy.choices,
        widget=forms.RadioSelect,
    )
    representative_name = forms.CharField(
        label=_("Name der gesetzlichen Vertretung"),
        max_length=200,
        required=False,
        help_text=_("Nur ausfüllen, wenn die gesetzliche Vertretung die Einwilligung erklärt."),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Empfangende Stellen"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Zwecke"), choices=Purpose.choices, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Datenarten"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    form = forms.ChoiceField(
        label=_("Form der Einwilligung"), choices=Consent.Form.choices, widget=forms.RadioSelect
    )
    scan = forms.FileField(
        label=_("Scan der unterschriebenen Einwilligung"),
        required=False,
        help_text=_("PDF, PNG oder JPEG, höchstens 10 MB."),
    )
    valid_from = forms.DateField(
        label=_("gültig ab"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("gültig bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leer lassen, wenn die Einwilligung bis zum Widerruf gilt."),
    )

    def __init__(self, *args: Any, recipients: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = recipients  # type: ignore[attr-defined]
        for name in ("given_by", "form"):
            self.fields[name].widget.attrs["class"] = "kern-form-check__radio"
        for name in ("recipients", "purposes", "categories"):
            self.fields[name].widget.attrs["class"] = "kern-form-check__checkbox"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            raise ValidationError({"valid_until": _("Das Ende liegt vor dem Beginn.")})
        return data

    def to_data(self) -> ConsentData:
        d = self.cleaned_data
        return ConsentData(
            given_by=d["given_by"],
            representative_name=d["representative_name"],
            recipient_ids=[o.pk for o in d["recipients"]],
            purposes=list(d["purposes"]),
            categories=list(d["categories"]),
            form=d["form"],
            scan=d["scan"] or None,
            valid_from=d["valid_from"],
            valid_until=d["valid_until"],
        )


def consent_initial(consent: Consent) -> dict[str, Any]:
    return {
        "given_by": consent.given_by,
        "representative_name": consent.representative_name,
        "recipients": list(consent.recipients.all()),
        "purposes": consent.purposes,
        "categories": consent.categories,
        "form": consent.form,
        "valid_from": consent.valid_from,
        "valid_until": consent.valid_until,
    }


class RevokeForm(KernForm):
    reason = forms.CharField(
        label=_("Grund (freiwillig)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectForm(ConsentForm):
    reason = forms.CharField(
        label=_("Was wird berichtigt?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class LegalBasisForm(KernForm):
    recipient = forms.ModelChoiceField(label=_("Empfänger"), queryset=Organisation.objects.none())
    norm = forms.CharField(
        label=_("Rechtsgrundlage (Norm)"),
        max_length=120,
        help_text=_("Zum Beispiel „§ 71 Abs. 2 Satz 1 Nr. 1 SGB X“."),
    )
    justification = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Warum die Übermittlung ohne Einwilligung erlaubt ist, z. B. Ersuchen vom …"),
    )
    purpose = forms.ChoiceField(label=_("Zweck"), choices=Purpose.choices)
    categories = forms.MultipleChoiceField(
        label=_("Datenarten"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(
        label=_("gültig ab"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("gültig bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, recipients: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
        self.fields["categories"].widget.attrs["class"] = "kern-form-check__checkbox"

    def to_data(self) -> LegalBasisData:
        d = self.cleaned_data
        return LegalBasisData(
            recipient_id=d["recipient"].pk,
            norm=d["norm"],
            justification=d["justification"],
            purpose=d["purpose"],
            categories=list(d["categories"]),
            valid_from=d["valid_from"],
            valid_until=d["valid_until"],
        )


class SubjectFindForm(KernForm):
    number = forms.CharField(
        label=_("Aktenzeichen oder Lotse-Nummer"),
        max_length=40,
        help_text=_("Zum Beispiel lotse-17 oder Ihr Aktenzeichen."),
    )


class RetentionRuleForm(KernForm):
    months = forms.IntegerField(
        label=_("Aufbewahrung in Monaten"),
        min_value=1,
        max_value=600,
        help_text=_("Zum Beispiel 36 für drei Jahre."),
        error_messages={
            "min_value": _("Bitte geben Sie zwischen 1 und 600 Monaten an."),
            "max_value": _("Bitte geben Sie zwischen 1 und 600 Monaten an."),
            "invalid": _("Bitte geben Sie eine ganze Zahl an."),
            "required": _("Bitte geben Sie die Zahl der Monate an."),
        },
    )
    action = forms.ChoiceField(label=_("Danach"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, actions: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lotse.consent.models import RetentionRule

        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (value, label) for value, label in RetentionRule.Action.choices if value in actions
        ]
