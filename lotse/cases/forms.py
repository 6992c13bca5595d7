"""Forms of the cases app (KERN markup through KernForm)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import (
    Attainment,
    Case,
    Handlungsfeld,
    Note,
    Step,
    Task,
)
from lotse.cases.services import Intake, ItemData
from lotse.consent.models import Category, Consent
from lotse.consent.services import ConsentData
from lotse.core.forms import KernForm
from lotse.core.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEW = "new"


class CaseOpenForm(KernForm):
    access_route = forms.ChoiceField(
        label=_("Zugangsweg"), choices=Case.AccessRoute.choices, widget=forms.RadioSelect
    )
    referred_by = forms.ModelChoiceField(
        label=_("Vermittelnde Stelle"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Nur bei Vermittlung durch eine Stelle."),
    )
    indications = forms.MultipleChoiceField(
        label=_("Indikation"),
        choices=Case.Indication.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opened_on = forms.DateField(label=_("Eröffnet am"), widget=DATE)
    agreement = forms.ChoiceField(
        label=_("Zustimmung der Person zum Case Management"),
        widget=forms.RadioSelect,
        required=False,
    )
    agreement_recipients = forms.ModelMultipleChoiceField(
        label=_("Mit welchen Stellen darf die Fachkraft über den Fall sprechen?"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agreement_form = forms.ChoiceField(
        label=_("Form der Zustimmung"),
        choices=Consent.Form.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=Consent.Form.WRITTEN,
    )
    agreement_until = forms.DateField(
        label=_("Zustimmung gültig bis (freiwillig)"), widget=DATE, required=False
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        recipients: Any,
        consents: list[Consent],
        needs_agreement: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needs_agreement = needs_agreement
        referred_by = cast("forms.ModelChoiceField[Organisation]", self.fields["referred_by"])
        referred_by.queryset = organisations
        agreement_recipients = cast(
            "forms.ModelMultipleChoiceField[Organisation]", self.fields["agreement_recipients"]
        )
        agreement_recipients.queryset = recipients
        choices: list[tuple[str, StrOrPromise]] = [
            (
                str(c.pk),
                _("Einwilligung vom %(date)s (%(recipients)s)")
                % {
                    "date": c.valid_from.strftime("%d.%m.%Y"),
                    "recipients": ", ".join(o.name for o in c.recipients.all()),
                },
            )
            for c in consents
        ]
        choices.append((NEW, _("Zustimmung jetzt neu erfassen")))
        if not needs_agreement:
            choices.insert(0, ("", _("ohne Einwilligung (Perspektivfall in der ABH)")))
        cast(forms.ChoiceField, self.fields["agreement"]).choices = choices
        if not needs_agreement:
            for name in ("indications",):
                self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agreement") == NEW and not data.get("agreement_recipients"):
            self.add_error(
                "agreement_recipients",
                _("Bitte nennen Sie die Stellen, mit denen Sie über den Fall sprechen dürfen."),
            )
        if self.needs_agreement and not data.get("agreement"):
            self.add_error("agreement", _("Case Management braucht die Zustimmung der Person."))
        return data

    def to_intake(self) -> Intake:
        d = self.cleaned_data
        agreement = d.get("agreement") or ""
        return Intake(
            access_route=d["access_route"],
            indications=list(d.get("indications") or []),
            referred_by_id=d["referred_by"].pk if d.get("referred_by") else None,
            agreement_id=int(agreement) if agreement.isdigit() else None,
            opened_on=d["opened_on"],
        )

    def new_agreement(self) -> ConsentData | None:
        d = self.cleaned_data
        if d.get("agreement") != NEW:
            return None
        return ConsentData(
            given_by=Consent.GivenBy.PERSON,
            recipient_ids=[o.pk for o in d["agreement_recipients"]],
            purposes=["FALLBESPRECHUNG"],
            categories=[Category.STAMMDATEN, Category.FALLVERLAUF],
            form=d.get("agreement_form") or Consent.Form.WRITTEN,
            valid_from=d["opened_on"],
            valid_until=d.get("agreement_until"),
        )


class CaseCloseForm(KernForm):
    reason = forms.ChoiceField(label=_("Grund des Abschlusses"), choices=Case.ClosureReason.choices)
    outcome = forms.ChoiceField(label=_("Ergebnis insgesamt"), choices=Attainment.choices)
    on = forms.DateField(label=_("Abgeschlossen am"), widget=DATE)
    note = forms.CharField(
        label=_("Bemerkung (freiwillig)"), widget=forms.Textarea, max_length=2000, required=False
    )


class CaseReopenForm(KernForm):
    note = forms.CharField(
        label=_("Warum wird der Fall wieder eröffnet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class CaseFilterForm(KernForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("OPEN", _("offen")), ("CLOSED", _("abgeschlossen")), ("ALL", _("alle"))],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle")), *Case.Kind.choices], required=False
    )
    scope = forms.ChoiceField(
        label=_("Fälle"),
        choices=[("mine", _("nur meine")), ("org", _("alle meiner Organisation"))],
        required=False,
    )


class AssessmentForm(KernForm):
    """One row of fields per Handlungsfeld (priority, resources, needs)."""

    on = forms.DateField(label=_("Datum des Assessments"), widget=DATE)
    summary = forms.CharField(
        label=_("Zusammenfassung (freiwillig)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lotse.cases.models import AssessmentItem

        for code, label in Handlungsfeld.choices:
            self.fields[f"{code}_priority"] = forms.TypedChoiceField(
                label=_("Priorität: %(field)s") % {"field": label},
                choices=AssessmentItem.Priority.choices,
                coerce=int,
                initial=0,
                required=False,
                empty_value=None,
            )
            self.fields[f"{code}_resources"] = forms.CharField(
                label=_("Ressourcen: %(field)s") % {"field": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
            )
            self.fields[f"{code}_needs"] = forms.CharField(
                label=_("Bedarfe: %(field)s") % {"field": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
            )
        for name, field in self.fields.items():
            if name.endswith("_priority"):
                field.widget.attrs["class"] = "kern-form-input__select"
            else:
                field.widget.attrs.setdefault("class", "kern-form-input__input")

    def groups(self) -> list[tuple[str, str, list[Any]]]:
        return [
            (
                code,
                str(label),
                [self[f"{code}_{part}"] for part in ("priority", "resources", "needs")],
            )
            for code, label in Handlungsfeld.choices
        ]

    def items(self) -> list[ItemData]:
        d = self.cleaned_data
        return [
            ItemData(
                field=code,
                resources=d.get(f"{code}_resources", ""),
                needs=d.get(f"{code}_needs", ""),
                priority=d.get(f"{code}_priority") or 0,
            )
            for code, _label in Handlungsfeld.choices
            if d.get(f"{code}_priority") or d.get(f"{code}_resources") or d.get(f"{code}_needs")
        ]


class PlanForm(KernForm):
    global_goal = forms.CharField(
        label=_("Globalziel"),
        help_text=_("Wohin soll es gehen? In den Worten der Person."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    review_on = forms.DateField(label=_("Überprüfung am"), widget=DATE, required=False)


class GoalForm(KernForm):
    field = forms.ChoiceField(label=_("Handlungsfeld"), choices=Handlungsfeld.choices)
    text = forms.CharField(label=_("Schwerpunktziel"), max_length=500)


class ObjectiveForm(KernForm):
    text = forms.CharField(label=_("Handlungsziel"), max_length=500)
    indicator = forms.CharField(
        label=_("Woran erkennen wir, dass es erreicht ist?"), max_length=500
    )
    target_on = forms.DateField(label=_("Zieldatum"), widget=DATE)


class StepForm(KernForm):
    text = forms.CharField(label=_("Schritt"), max_length=500)
    responsible = forms.ChoiceField(label=_("Wer?"), choices=Step.Responsible.choices)
    organisation = forms.TypedChoiceField(
        label=_("Stelle (wenn eine Stelle den Schritt übernimmt)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    due_on = forms.DateField(label=_("Bis wann?"), widget=DATE, required=False)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        # A plain list of choices: the editor shows one form per Handlungsziel, and a queryset
        # would be read again for each of them.
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        organisation = cast(forms.ChoiceField, self.fields["organisation"])
        organisation.choices = [("", "–")] + [(o.pk, o.name) for o in organisations]

    def to_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "text": d["text"],
            "responsible": d["responsible"],
            "organisation": self.organisations.get(d.get("organisation") or 0),
            "due_on": d.get("due_on"),
        }


class AttainmentForm(KernForm):
    attainment = forms.ChoiceField(label=_("Zielerreichung"), choices=Attainment.choices)
    reason = forms.CharField(label=_("Begründung"), max_length=1000, required=False)


class AgreeForm(KernForm):
    language = forms.ChoiceField(label=_("Sprache des Ausdrucks für die Person"))

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = languages


class TaskForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=[
            (Task.Kind.TASK, Task.Kind.TASK.label),
            (Task.Kind.APPOINTMENT, Task.Kind.APPOINTMENT.label),
        ],
    )
    due_on = forms.DateField(label=_("Fällig am"), widget=DATE)


class NoteForm(KernForm):
    kind = forms.ChoiceField(label=_("Art"), choices=Note.Kind.choices)
    on = forms.DateField(label=_("Datum"), widget=DATE)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


class DocumentForm(KernForm):
    file = forms.FileField(
        label=_("Datei"), help_text=_("PDF, PNG, JPEG oder reiner Text, höchstens 10 MB.")
    )
    description = forms.CharField(
        label=_("Beschreibung (freiwillig)"), max_length=300, required=False
    )
