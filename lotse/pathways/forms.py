"""Forms of the screening area: worklist filters, hand-over, "Was wäre, wenn"."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.contracts.screening_input import PATHWAY_IDS
from lotse.core.forms import KernForm
from lotse.pathways.engine.law import PATHWAY_NORMS
from lotse.pathways.models import WORKLIST_OUTCOMES, Outcome

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class WorklistForm(KernForm):
    horizon = forms.TypedChoiceField(
        label=_("Zeitraum für „noch nicht“"),
        coerce=int,
        initial=12,
        required=False,
        choices=[
            (3, _("3 Monate")),
            (6, _("6 Monate")),
            (12, _("12 Monate")),
            (24, _("24 Monate")),
        ],
    )
    pathway = forms.ChoiceField(
        label=_("Weg"),
        required=False,
        choices=[("", _("alle"))] + [(p, PATHWAY_NORMS[p]) for p in PATHWAY_IDS],
    )
    outcome = forms.ChoiceField(
        label=_("Ergebnis"),
        required=False,
        choices=[("", _("alle"))] + [(o.value, o.label) for o in WORKLIST_OUTCOMES],
    )
    nationality = forms.RegexField(
        label=_("Staatsangehörigkeit"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        max_length=2,
        help_text=_("Ländercode, z. B. SY"),
    )
    min_age = forms.IntegerField(label=_("Alter ab"), min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label=_("Alter bis"), min_value=0, max_value=120, required=False)
    deadline_days = forms.IntegerField(
        label=_("Frist in den nächsten … Tagen"), min_value=0, max_value=3650, required=False
    )


class HandoverForm(KernForm):
    note = forms.CharField(
        label=_("Notiz für die Integrationslotsin"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Warum hat die Person eine Perspektive? Keine Gesundheitsdaten."),
    )


class WhatIfForm(KernForm):
    """Facts staff most often ask about; each adds to (never removes from) the stored facts."""

    as_of = forms.DateField(label=_("Stichtag"), input_formats=DATE_FORMATS, widget=DATE_INPUT)
    german_level = forms.ChoiceField(
        label=_("Neuer Sprachnachweis"),
        required=False,
        choices=[("", _("keiner"))] + [(c, c) for c in ("A1", "A2", "B1", "B2", "C1", "C2")],
    )
    german_date = forms.DateField(
        label=_("Datum des Sprachnachweises"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )
    job_from = forms.DateField(
        label=_("Beschäftigung ab"), required=False, input_formats=DATE_FORMATS, widget=DATE_INPUT
    )
    job_hours = forms.IntegerField(
        label=_("Wochenstunden"), required=False, min_value=1, max_value=60
    )
    livelihood_secured = forms.BooleanField(label=_("Lebensunterhalt gesichert"), required=False)
    lid_passed = forms.DateField(
        label=_("Test „Leben in Deutschland“ bestanden am"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )
    passport = forms.BooleanField(label=_("Pass liegt vor"), required=False)
    identity_clarified = forms.DateField(
        label=_("Identität geklärt am"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("german_level") and not data.get("german_date"):
            self.add_error("german_date", _("Bitte das Datum des Sprachnachweises angeben."))
        if data.get("job_from") and not data.get("job_hours"):
            self.add_error("job_hours", _("Bitte die Wochenstunden angeben."))
        return data

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        """A changed copy of a screening-input document; the original stays untouched."""
        d = self.cleaned_data
        changed = copy.deepcopy(document)
        if d.get("german_level"):
            changed.setdefault("german", []).append(
                {"cefr": d["german_level"], "scope": "OVERALL", "date": _iso(d["german_date"])}
            )
        if d.get("job_from"):
            changed.setdefault("employment_periods", []).append(
                {
                    "from": _iso(d["job_from"]),
                    "to": None,
                    "hours_per_week": d["job_hours"],
                    "social_insurance": True,
                }
            )
        if d.get("livelihood_secured"):
            # Secured from own income: the recorded shares and benefits no longer apply.
            livelihood = changed.setdefault("livelihood", {})
            livelihood.update(secured=True, own_share_percent=100, household_share_percent=100)
            livelihood.pop("benefits", None)
        if d.get("lid_passed"):
            changed.setdefault("civics", {})["lid_test_passed"] = _iso(d["lid_passed"])
        if d.get("passport"):
            changed.setdefault("passport", {})["held"] = True
        if d.get("identity_clarified"):
            identity = changed.setdefault("identity", {})
            identity["clarified"] = True
            identity["clarified_date"] = _iso(d["identity_clarified"])
        return changed


def _iso(day: dt.date) -> str:
    return day.isoformat()


OUTCOME_LABELS = dict(Outcome.choices)
