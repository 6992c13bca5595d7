"""Forms of the planning app: the scenario as a plain form (general settings, one row per
Anliegen, one row per desk group), creation from a template or a JSON file, comparison.

The forms only collect values; the simulation's parser validates the assembled scenario and
its German messages name the field (`anliegen[1].booked_share: …`).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.appointments.planning import comparing
from lotse.appointments.planning.models import SavedScenario
from lotse.appointments.simulation import TEMPLATES
from lotse.appointments.simulation.model import WEEKDAYS
from lotse.core.forms import KernForm

MAX_UPLOAD_BYTES = 200_000
EXAMPLE_BASE = "beispiel"
WEEKDAY_LABELS = {
    "mo": _("Montag"),
    "di": _("Dienstag"),
    "mi": _("Mittwoch"),
    "do": _("Donnerstag"),
    "fr": _("Freitag"),
    "sa": _("Samstag"),
    "so": _("Sonntag"),
}
WINDOWS_HELP = _("Zeiträume wie „08:00-12:00, 14:00-16:00“; leer = geschlossen.")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _numbers(text: str) -> list[Any]:
    values: list[Any] = []
    for part in _split(text):
        try:
            values.append(float(part.replace(",", ".")))
        except ValueError:
            values.append(part)  # the parser names the bad entry
    return values


class ScenarioForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    days = forms.IntegerField(
        label=_("Simulierte Öffnungstage"),
        min_value=1,
        max_value=366,
        initial=20,
        help_text=_("Für den Vergleich im Browser gilt die Zahl im Vergleichsformular."),
    )
    replications = forms.IntegerField(
        label=_("Wiederholungen (Kommandozeile)"), min_value=1, max_value=200, initial=10
    )
    seed = forms.IntegerField(label=_("Startwert des Zufalls"), min_value=0, initial=1)
    capacity_share = forms.FloatField(
        label=_("Online buchbarer Anteil der Schalterzeit (%)"),
        min_value=0,
        max_value=100,
        initial=70,
    )
    slots_per_day = forms.IntegerField(
        label=_("Buchbare Termine je Tag"),
        min_value=0,
        required=False,
        help_text=_("Leer lassen: aus Schalterzeit und buchbarem Anteil berechnet."),
    )
    min_lead_days = forms.IntegerField(
        label=_("Frühester Termin (Öffnungstage ab Buchung)"),
        min_value=0,
        max_value=365,
        initial=1,
    )
    max_lead_days = forms.IntegerField(
        label=_("Buchungszeitraum (Öffnungstage)"), min_value=1, max_value=365, initial=60
    )
    early_min = forms.FloatField(
        label=_("Terminkundschaft kommt bis zu … Minuten früher"),
        min_value=0,
        max_value=120,
        initial=10,
    )
    late_min = forms.FloatField(
        label=_("… oder bis zu … Minuten später"), min_value=0, max_value=120, initial=5
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in WEEKDAYS:
            self.fields[f"hours_{key}"] = forms.CharField(
                label=_("Öffnungszeiten %(day)s") % {"day": WEEKDAY_LABELS[key]},
                required=False,
                max_length=200,
                help_text=WINDOWS_HELP,
                widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
            )

    def document(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "description": d["description"],
            "days": d["days"],
            "replications": d["replications"],
            "seed": d["seed"],
            "opening_hours": {key: _split(d[f"hours_{key}"]) for key in WEEKDAYS},
            "booking": {
                "capacity_share": d["capacity_share"] / 100,
                "slots_per_day": d["slots_per_day"],
                "min_lead_days": d["min_lead_days"],
                "max_lead_days": d["max_lead_days"],
                "early_min": d["early_min"],
                "late_min": d["late_min"],
            },
        }


DISTRIBUTIONS = [
    ("lognormal", _("lognormal (typisch: meist kurz, manchmal lang)")),
    ("exponential", _("exponentiell (sehr schwankend)")),
    ("fixed", _("fest (immer gleich lang)")),
]


class AnliegenForm(KernForm):
    key = forms.SlugField(
        label=_("Kürzel"),
        max_length=40,
        help_text=_("Kleinbuchstaben ohne Leerzeichen, z. B. eat_abholung."),
    )
    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    visits_per_day = forms.FloatField(
        label=_("Besuche je Öffnungstag"),
        min_value=0,
        help_text=_("Mit Termin (auch wer nicht erscheint) und ohne Termin."),
    )
    booked_share = forms.FloatField(
        label=_("davon mit Termin (%)"), min_value=0, max_value=100, initial=0
    )
    no_show_rate = forms.FloatField(
        label=_("Termine nicht wahrgenommen (%)"), min_value=0, max_value=95, initial=0
    )
    walk_in_allowed = forms.BooleanField(
        label=_("ohne Termin möglich"), required=False, initial=True
    )
    distribution = forms.ChoiceField(label=_("Verteilung der Dauer"), choices=DISTRIBUTIONS)
    mean_min = forms.FloatField(label=_("Mittlere Dauer (Minuten)"), min_value=0.1)
    cv = forms.FloatField(
        label=_("Streuung (Variationskoeffizient)"),
        min_value=0,
        max_value=3,
        initial=0.5,
        help_text=_("0,5: Die Dauer schwankt typischerweise um die Hälfte des Mittelwerts."),
    )
    intraday_profile = forms.CharField(
        label=_("Verteilung über den Tag (ohne Termin)"),
        required=False,
        max_length=200,
        help_text=_(
            "Gewichte gleich langer Tagesabschnitte, z. B. „3, 2, 2, 1“; leer = gleichmäßig."
        ),
    )
    back_office_share = forms.FloatField(
        label=_("Anteil mit Nacharbeit im Backoffice (%)"),
        min_value=0,
        max_value=100,
        required=False,
    )
    back_office_mean_min = forms.FloatField(
        label=_("Mittlere Dauer im Backoffice (Minuten)"), min_value=0.1, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("back_office_share") and not data.get("back_office_mean_min"):
            raise ValidationError(
                {"back_office_mean_min": _("Bitte die Dauer im Backoffice angeben.")}
            )
        return data

    def document(self) -> dict[str, Any]:
        d = self.cleaned_data
        item: dict[str, Any] = {
            "key": d["key"],
            "name": d["name"],
            "visits_per_day": d["visits_per_day"],
            "booked_share": d["booked_share"] / 100,
            "no_show_rate": d["no_show_rate"] / 100,
            "walk_in_allowed": d["walk_in_allowed"],
            "service": {
                "distribution": d["distribution"],
                "mean_min": d["mean_min"],
                "cv": d["cv"] if d["cv"] is not None else 0.5,
            },
            "intraday_profile": _numbers(d["intraday_profile"]),
        }
        if d.get("back_office_share"):
            item["back_office"] = {
                "share": d["back_office_share"] / 100,
                "service": {
                    "distribution": d["distribution"],
                    "mean_min": d["back_office_mean_min"],
                    "cv": item["service"]["cv"],
                },
            }
        return item


class DeskForm(KernForm):
    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    count = forms.IntegerField(label=_("Anzahl Schalter/Plätze"), min_value=0, max_value=200)
    serves = forms.CharField(
        label=_("Arbeitsprofil: bearbeitet (Kürzel)"),
        max_length=1000,
        help_text=_("Kürzel der Anliegen mit Komma, wichtigste zuerst."),
    )
    stage = forms.ChoiceField(
        label=_("Bereich"),
        choices=[
            ("front", _("Schalter (mit Kundschaft)")),
            ("back", _("Backoffice (ohne Kundschaft)")),
        ],
    )
    policy = forms.ChoiceField(
        label=_("Aufrufreihenfolge"),
        choices=[
            ("priority", _("nach Reihenfolge im Arbeitsprofil")),
            ("fifo", _("wer am längsten wartet")),
        ],
    )
    breaks = forms.CharField(
        label=_("Pausen"),
        required=False,
        max_length=200,
        help_text=_("z. B. „10:00-10:15“; in der Pause wird niemand aufgerufen."),
    )

    hours = forms.CharField(
        label=_("Arbeitszeit"),
        required=False,
        max_length=200,
        help_text=_("z. B. „07:30-16:00“ für ein Backoffice; leer = Öffnungszeiten."),
    )

    def document(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "count": d["count"],
            "serves": _split(d["serves"]),
            "stage": d["stage"],
            "policy": d["policy"],
            "breaks": _split(d["breaks"]),
            "hours": _split(d["hours"]),
        }


AnliegenFormSet = forms.formset_factory(AnliegenForm, extra=1, can_delete=True, max_num=40)
DeskFormSet = forms.formset_factory(DeskForm, extra=1, can_delete=True, max_num=40)


def _kept(formset: Any) -> list[Any]:
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def definition_from_forms(general: ScenarioForm, anliegen: Any, desks: Any) -> dict[str, Any]:
    """The JSON document assembled from the three valid forms."""
    return {
        **general.document(),
        "anliegen": [f.document() for f in _kept(anliegen)],
        "desks": [f.document() for f in _kept(desks)],
    }


def _pct(value: float) -> float:
    return round(value * 100, 2)


def initial_from_definition(
    definition: dict[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Initial values of the three forms from a stored (canonical) definition."""
    booking = definition.get("booking", {})
    general = {
        "name": definition.get("name", ""),
        "description": definition.get("description", ""),
        "days": definition.get("days"),
        "replications": definition.get("replications"),
        "seed": definition.get("seed"),
        "capacity_share": _pct(booking.get("capacity_share", 0.7)),
        "slots_per_day": booking.get("slots_per_day"),
        "min_lead_days": booking.get("min_lead_days"),
        "max_lead_days": booking.get("max_lead_days"),
        "early_min": booking.get("early_min"),
        "late_min": booking.get("late_min"),
    }
    for key in WEEKDAYS:
        general[f"hours_{key}"] = ", ".join(definition.get("opening_hours", {}).get(key, []))
    return (
        general,
        [_anliegen_initial(a) for a in definition.get("anliegen", [])],
        [
            {
                **g,
                "serves": ", ".join(g["serves"]),
                "breaks": ", ".join(g.get("breaks", [])),
                "hours": ", ".join(g.get("hours", [])),
            }
            for g in definition.get("desks", [])
        ],
    )


def _anliegen_initial(item: dict[str, Any]) -> dict[str, Any]:
    back = item.get("back_office") or {}
    return {
        "key": item["key"],
        "name": item["name"],
        "visits_per_day": item["visits_per_day"],
        "booked_share": _pct(item.get("booked_share", 0)),
        "no_show_rate": _pct(item.get("no_show_rate", 0)),
        "walk_in_allowed": item.get("walk_in_allowed", True),
        "distribution": item["service"]["distribution"],
        "mean_min": item["service"]["mean_min"],
        "cv": item["service"].get("cv", 0.5),
        "intraday_profile": ", ".join(f"{v:g}" for v in item.get("intraday_profile", [])),
        "back_office_share": _pct(back["share"]) if back else None,
        "back_office_mean_min": back.get("service", {}).get("mean_min") if back else None,
    }


class TemplateForm(KernForm):
    name = forms.CharField(label=_("Name des neuen Szenarios"), max_length=200)
    template = forms.ChoiceField(
        label=_("Vorlage"), choices=[(key, label) for key, (label, _fn) in TEMPLATES.items()]
    )
    base = forms.ChoiceField(label=_("Ausgangslage"))

    def __init__(self, *args: Any, scenarios: QuerySet[SavedScenario], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [  # type: ignore[attr-defined]
            (EXAMPLE_BASE, _("Beispiel: Ausländerbehörde einer Mittelstadt")),
            *[(str(s.pk), s.name) for s in scenarios],
        ]


class UploadForm(KernForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leer lassen: der Name aus der Datei."),
    )
    file = forms.FileField(
        label=_("Szenario-Datei (JSON)"),
        help_text=_("Format lotse.simulation-scenario/1, höchstens 200 KB."),
    )

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Die Datei ist zu groß (höchstens 200 KB)."))
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(_("Die Datei ist kein gültiges JSON (UTF-8).")) from exc
        if not isinstance(document, dict):
            raise ValidationError(_("Die Datei muss ein JSON-Objekt enthalten."))
        return document


class CompareForm(KernForm):
    scenarios = forms.ModelMultipleChoiceField(
        label=_("Szenarien (2 bis 4)"),
        queryset=SavedScenario.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    baseline = forms.ModelChoiceField(
        label=_("Ausgangslage"),
        queryset=SavedScenario.objects.none(),
        required=False,
        help_text=_("Mit ihr werden die anderen verglichen. Leer: das erste gewählte Szenario."),
    )
    days = forms.IntegerField(
        label=_("Simulierte Öffnungstage"),
        min_value=1,
        max_value=comparing.MAX_DAYS,
        initial=comparing.DEFAULT_DAYS,
        help_text=_("20 sind etwa ein Monat, 65 etwa ein Quartal."),
    )
    replications = forms.IntegerField(
        label=_("Wiederholungen"),
        min_value=2,
        max_value=comparing.MAX_REPLICATIONS,
        initial=comparing.DEFAULT_REPLICATIONS,
        help_text=_("Mehr Wiederholungen geben engere Vertrauensbereiche, dauern aber länger."),
    )

    def __init__(self, *args: Any, scenarios: QuerySet[SavedScenario], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].queryset = scenarios  # type: ignore[attr-defined]
        self.fields["baseline"].queryset = scenarios  # type: ignore[attr-defined]
        self.fields["scenarios"].widget.attrs["class"] = "kern-form-check__checkbox"

    def ordered(self) -> list[SavedScenario]:
        """The chosen scenarios, the baseline first."""
        chosen = list(self.cleaned_data["scenarios"])
        baseline = self.cleaned_data.get("baseline")
        if baseline in chosen:
            chosen.remove(baseline)
            chosen.insert(0, baseline)
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("scenarios")
        if chosen is not None and not 2 <= len(chosen) <= 4:
            raise ValidationError({"scenarios": _("Bitte wählen Sie zwei bis vier Szenarien.")})
        baseline = data.get("baseline")
        if chosen is not None and baseline is not None and baseline not in chosen:
            raise ValidationError(
                {"baseline": _("Die Ausgangslage muss eines der gewählten Szenarien sein.")}
            )
        if chosen and data.get("days") and data.get("replications"):
            needed = comparing.effort(
                [s.scenario() for s in chosen],
                days=data["days"],
                replications=data["replications"],
            )
            if needed > comparing.MAX_VISITS:
                raise ValidationError(
                    _(
                        "Das sind zu viele simulierte Besuche für eine Anfrage (%(n)s, "
                        "höchstens %(max)s). Bitte wählen Sie weniger Tage oder Wiederholungen "
                        "– oder rechnen Sie größere Läufe mit „lotse simulate“ auf der "
                        "Kommandozeile."
                    )
                    % {
                        "n": f"{needed:,.0f}".replace(",", "."),
                        "max": f"{comparing.MAX_VISITS:,}".replace(",", "."),
                    }
                )
        return data
