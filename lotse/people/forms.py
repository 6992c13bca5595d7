"""Forms of the person registry."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernForm
from lotse.people.countries import is_country
from lotse.people.models import PersonName, Relation, Sex, StatusType
from lotse.people.services import PersonData
from lotse.people.transfer import is_language, parse_birth


def _split_codes(text: str, upper: bool) -> list[str]:
    values = [v.strip() for v in text.replace(",", ";").split(";") if v.strip()]
    return [v.upper() if upper else v.lower() for v in values]


class PersonForm(KernForm):
    family_name = forms.CharField(label=_("Familienname"), max_length=120)
    given_names = forms.CharField(label=_("Vornamen"), max_length=160, required=False)
    birth = forms.CharField(
        label=_("Geburtsdatum"),
        max_length=10,
        required=False,
        help_text=_(
            "TT.MM.JJJJ. Sind nur Monat und Jahr oder nur das Jahr bekannt: MM.JJJJ oder JJJJ."
        ),
    )
    sex = forms.ChoiceField(label=_("Geschlecht"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationalities = forms.CharField(
        label=_("Staatsangehörigkeiten"),
        required=False,
        max_length=100,
        help_text=_(
            "Ländercodes mit Semikolon getrennt, z. B. SY; TR. XX = staatenlos oder ungeklärt."
        ),
    )
    languages = forms.CharField(
        label=_("Sprachen"),
        required=False,
        max_length=100,
        help_text=_("Sprachcodes mit Semikolon getrennt, z. B. ar; ku; de."),
    )
    interpreter_needed = forms.BooleanField(label=_("Dolmetschbedarf"), required=False)
    other_names = forms.CharField(
        label=_("Andere Schreibweisen und frühere Namen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Zeile je Name: Familienname, Vornamen"),
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=160, required=False)
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Die Postleitzahl hat 5 Ziffern.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    azr_number = forms.RegexField(
        label=_("AZR-Nummer"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("Die AZR-Nummer hat 12 Ziffern.")},
    )
    reference = forms.CharField(label=_("Aktenzeichen"), max_length=40, required=False)
    facts = forms.CharField(
        label=_("Weitere Fakten für die Bleibeperspektiven-Prüfung (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            'Felder des Formats „screening-input“, z. B. {"entry_date": "2019-05-02"}. '
            "Fehlende Angaben gelten als unbekannt."
        ),
    )
    confirm_new = forms.BooleanField(
        label=_("Ich habe die ähnlichen Personen geprüft: Es ist eine andere Person."),
        required=False,
    )

    def clean_birth(self) -> tuple[int | None, int | None, int | None]:
        try:
            return parse_birth(self.cleaned_data["birth"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_nationalities(self) -> list[str]:
        codes = _split_codes(self.cleaned_data["nationalities"], upper=True)
        if bad := [c for c in codes if not is_country(c)]:
            raise forms.ValidationError(
                _("Unbekannte Ländercodes: %(codes)s") % {"codes": ", ".join(bad)}
            )
        return codes

    def clean_languages(self) -> list[str]:
        codes = _split_codes(self.cleaned_data["languages"], upper=False)
        if bad := [c for c in codes if not is_language(c)]:
            raise forms.ValidationError(
                _("Unbekannte Sprachcodes: %(codes)s") % {"codes": ", ".join(bad)}
            )
        return codes

    def clean_other_names(self) -> list[tuple[str, str, str]]:
        names = []
        for line in self.cleaned_data["other_names"].splitlines():
            if not line.strip():
                continue
            family, _sep, given = line.partition(",")
            names.append(
                (PersonName.Kind.TRANSLITERATION.value, family.strip()[:120], given.strip()[:160])
            )
        return names

    def clean_facts(self) -> dict[str, Any]:
        text = self.cleaned_data["facts"].strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Kein gültiges JSON (Zeile %(line)s).") % {"line": exc.lineno}
            ) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _("Bitte ein JSON-Objekt in geschweiften Klammern angeben.")
            )
        return value

    def to_data(self) -> PersonData:
        d = self.cleaned_data
        year, month, day = d["birth"]
        return PersonData(
            family_name=d["family_name"],
            given_names=d["given_names"],
            birth_year=year,
            birth_month=month,
            birth_day=day,
            sex=d["sex"],
            nationalities=d["nationalities"],
            languages=d["languages"],
            interpreter_needed=d["interpreter_needed"],
            phone=d["phone"],
            email=d["email"],
            street=d["street"],
            postcode=d["postcode"],
            city=d["city"],
            azr_number=d["azr_number"],
            reference=d["reference"],
            other_names=d["other_names"],
            facts=d["facts"],
        )


class PersonEditForm(PersonForm):
    """The edit form: a correction may be recorded as made on the person's request."""

    on_request = forms.BooleanField(
        label=_("Berichtigung auf Antrag der Person (Art. 16 DSGVO)"),
        required=False,
        help_text=_("Die Änderung wird als Berichtigung vermerkt und in der Auskunft aufgeführt."),
    )
    request_note = forms.CharField(
        label=_("Bemerkung zur Berichtigung"),
        max_length=500,
        required=False,
        help_text=_("Zum Beispiel: Schreibweise laut Pass, Antrag vom 02.03.2026."),
    )


def person_initial(data: PersonData, facts: dict[str, Any], birth_display: str) -> dict[str, Any]:
    return {
        "family_name": data.family_name,
        "given_names": data.given_names,
        "birth": birth_display,
        "sex": data.sex,
        "nationalities": "; ".join(data.nationalities),
        "languages": "; ".join(data.languages),
        "interpreter_needed": data.interpreter_needed,
        "other_names": "\n".join(f"{f}, {g}" for _k, f, g in data.other_names),
        "phone": data.phone,
        "email": data.email,
        "street": data.street,
        "postcode": data.postcode,
        "city": data.city,
        "azr_number": data.azr_number,
        "reference": data.reference,
        "facts": json.dumps(facts, ensure_ascii=False, indent=2) if facts else "",
    }


class StatusPeriodForm(KernForm):
    type = forms.ChoiceField(label=_("Aufenthaltsstatus"), choices=StatusType.choices)
    legal_basis = forms.CharField(
        label=_("Rechtsgrundlage"),
        max_length=80,
        required=False,
        help_text=_("z. B. § 25 Abs. 2 S. 1 Alt. 1 AufenthG"),
    )
    valid_from = forms.DateField(
        label=_("gültig ab"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_to = forms.DateField(
        label=_("gültig bis"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leer lassen, wenn der Status andauert."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Das Ende liegt vor dem Beginn."))
        return data


class ImportForm(KernForm):
    KIND_CHOICES = [
        ("csv", _("CSV-Datei mit Personen")),
        ("json", _("JSON im Format screening-input")),
    ]
    kind = forms.ChoiceField(label=_("Art der Datei"), choices=KIND_CHOICES, initial="csv")
    file = forms.FileField(
        label=_("Datei"), help_text=_("Höchstens 50 MB. Spalten und Format: siehe Hilfe unten.")
    )


class SearchForm(KernForm):
    q = forms.CharField(
        label=_("Name und/oder Geburtsdatum"),
        max_length=200,
        required=False,
        help_text=_("Schreibweisen werden toleriert, z. B. Mohammed = Muhammad."),
    )


class RelationForm(KernForm):
    kind = forms.ChoiceField(
        label=_("Beziehung: Diese Person ist …"), choices=Relation.Kind.choices
    )
    other = forms.CharField(
        label=_("Aktenzeichen oder Lotse-Nummer der anderen Person"),
        max_length=40,
        help_text=_(
            "Die Lotse-Nummer steht auf der Personenseite unter „Stammdaten“, z. B. lotse-17."
        ),
    )
    same_household = forms.BooleanField(label=_("leben im selben Haushalt"), required=False)
