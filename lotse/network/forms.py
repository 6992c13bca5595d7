"""Forms of the network app (KERN markup through KernForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import Handlungsfeld
from lotse.consent.models import Category, Purpose
from lotse.core.forms import KernForm
from lotse.core.models import Organisation, User
from lotse.network.models import Obstacle, Offering, Referral
from lotse.network.services import ObstacleData, ReferralData, TransferData


class ReferralForm(KernForm):
    to_organisation = forms.ModelChoiceField(
        label=_("An welche Stelle?"), queryset=Organisation.objects.none()
    )
    offering = forms.ModelChoiceField(
        label=_("Angebot"),
        queryset=Offering.objects.none(),
        required=False,
        help_text=_("Optional: das Angebot der Stelle, an das Sie vermitteln."),
    )
    purpose = forms.ChoiceField(
        label=_("Zweck"), choices=Purpose.choices, initial=Purpose.UEBERLEITUNG
    )
    categories = forms.MultipleChoiceField(
        label=_("Welche Daten teilen Sie?"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Die empfangende Stelle sieht nur diese Datenarten, und nur solange eine "
            "Einwilligung sie abdeckt."
        ),
    )
    message = forms.CharField(
        label=_("Nachricht an die Stelle"), max_length=2000, required=False, widget=forms.Textarea
    )
    answer_due_on = forms.DateField(
        label=_("Antwort erbeten bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leer lassen für die übliche Frist."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        offerings: QuerySet[Offering],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["offering"].queryset = offerings  # type: ignore[attr-defined]
        self.fields["offering"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.name} ({o.organisation.name})"
        )
        self.fields["categories"].widget.attrs["class"] = "kern-form-check__checkbox"

    def to_data(self) -> ReferralData:
        d = self.cleaned_data
        return ReferralData(
            to_organisation_id=d["to_organisation"].pk,
            purpose=d["purpose"],
            categories=list(d["categories"]),
            offering_id=d["offering"].pk if d.get("offering") else None,
            message=d.get("message") or "",
            answer_due_on=d.get("answer_due_on"),
        )


class DeclineForm(KernForm):
    reason = forms.CharField(label=_("Grund der Ablehnung"), max_length=2000, widget=forms.Textarea)


class CompleteForm(KernForm):
    result = forms.CharField(
        label=_("Ergebnis"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("Kurz und ohne Einzelheiten, die die vermittelnde Stelle nicht braucht."),
    )


class TransferForm(KernForm):
    to_organisation = forms.ModelChoiceField(
        label=_("An welche Stelle?"),
        queryset=Organisation.objects.none(),
        help_text=_("Ihre eigene Stelle wählen, um den Fall an eine Kollegin zu übergeben."),
    )
    to_user = forms.ModelChoiceField(
        label=_("An welche Fachkraft?"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Bei einer anderen Stelle optional; sonst übernimmt, wer annimmt."),
    )
    message = forms.CharField(
        label=_("Nachricht"), max_length=2000, required=False, widget=forms.Textarea
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        users: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["to_user"].queryset = users  # type: ignore[attr-defined]
        self.fields["to_user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.get_full_name() or u.username} ({u.organisation.name})"
        )

    def to_data(self) -> TransferData:
        d = self.cleaned_data
        return TransferData(
            to_organisation_id=d["to_organisation"].pk,
            to_user_id=d["to_user"].pk if d.get("to_user") else None,
            message=d.get("message") or "",
        )


class ObstacleForm(KernForm):
    field = forms.ChoiceField(label=_("Handlungsfeld"), choices=Handlungsfeld.choices)
    kind = forms.ChoiceField(label=_("Art des Hindernisses"), choices=Obstacle.Kind.choices)
    concerned = forms.ModelChoiceField(
        label=_("Betroffene Stelle"), queryset=Organisation.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_(
            "Beschreiben Sie das Hindernis im System, nicht die Person: keine Namen, "
            "Geburtsdaten oder Kontaktdaten."
        ),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concerned"].queryset = organisations  # type: ignore[attr-defined]

    def to_data(self) -> ObstacleData:
        d = self.cleaned_data
        return ObstacleData(
            field=d["field"],
            kind=d["kind"],
            description=d["description"],
            concerned_id=d["concerned"].pk if d.get("concerned") else None,
        )


class ObstacleFilterForm(KernForm):
    field = forms.ChoiceField(
        label=_("Handlungsfeld"), choices=[("", _("alle"))] + Handlungsfeld.choices, required=False
    )
    concerned = forms.ModelChoiceField(
        label=_("Betroffene Stelle"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("alle"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle"))] + Obstacle.Status.choices, required=False
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concerned"].queryset = organisations  # type: ignore[attr-defined]


class ObstacleStatusForm(KernForm):
    status = forms.ChoiceField(label=_("Neuer Status"), choices=Obstacle.Status.choices)
    note = forms.CharField(label=_("Vermerk"), max_length=500, required=False)


class StatusFilterForm(KernForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle"))] + Referral.Status.choices, required=False
    )
