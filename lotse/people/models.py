"""The person registry: persons, their names, residence-status timeline, household and family.

Every table carries the Kommune so PostgreSQL row-level security can fence it, and the owning
organisation, because a person's data belongs to the organisation that recorded it.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Kommune, Organisation


class Sex(models.TextChoices):
    FEMALE = "F", _("weiblich")
    MALE = "M", _("männlich")
    DIVERSE = "D", _("divers")
    UNKNOWN = "U", _("unbekannt")


class StatusType(models.TextChoices):
    """Residence status types of the screening-input contract."""

    GESTATTUNG = "GESTATTUNG", _("Aufenthaltsgestattung")
    DULDUNG_60A = "DULDUNG_60A", _("Duldung (§ 60a AufenthG)")
    DULDUNG_60B = "DULDUNG_60B", _("Duldung für Personen mit ungeklärter Identität (§ 60b)")
    DULDUNG_60C = "DULDUNG_60C", _("Ausbildungsduldung (§ 60c)")
    DULDUNG_60D = "DULDUNG_60D", _("Beschäftigungsduldung (§ 60d)")
    AE = "AE", _("Aufenthaltserlaubnis")
    NE = "NE", _("Niederlassungserlaubnis / Daueraufenthalt-EU")
    FIKTION = "FIKTION", _("Fiktionsbescheinigung")
    VISUM = "VISUM", _("Visum")
    NONE = "NONE", _("ohne Aufenthaltsstatus")


class Household(models.Model):
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class Person(models.Model):
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="persons")
    family_name = models.CharField(_("Familienname"), max_length=120)
    given_names = models.CharField(_("Vornamen"), max_length=160, blank=True)
    # Partial dates of birth are common (only the year is known): month and day may be empty.
    birth_year = models.PositiveSmallIntegerField(_("Geburtsjahr"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("Geburtsmonat"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("Geburtstag"), null=True, blank=True)
    sex = models.CharField(_("Geschlecht"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nationalities = models.JSONField(_("Staatsangehörigkeiten"), default=list, blank=True)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("Dolmetschbedarf"), default=False)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=160, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    azr_number = models.CharField(_("AZR-Nummer"), max_length=12, blank=True)
    # The organisation's own file reference (Aktenzeichen); the `id` in screening-input files.
    reference = models.CharField(_("Aktenzeichen"), max_length=40, blank=True)
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    # All further facts of the screening-input contract (validated against it on every write).
    facts = models.JSONField(
        _("Fakten für die Bleibeperspektiven-Prüfung"), default=dict, blank=True
    )
    sort_name = models.CharField(max_length=300, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        indexes = [
            models.Index(fields=["organisation", "sort_name", "id"]),
            models.Index(
                fields=["organisation", "birth_year", "sort_name", "id"], name="person_birth_year"
            ),
            models.Index(fields=["organisation", "azr_number"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~models.Q(reference=""),
                name="person_unique_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}".strip(", ")

    @property
    def date_of_birth(self) -> dt.date | None:
        if self.birth_year and self.birth_month and self.birth_day:
            return dt.date(self.birth_year, self.birth_month, self.birth_day)
        return None

    @property
    def date_of_birth_display(self) -> str:
        if not self.birth_year:
            return ""
        if self.birth_month and self.birth_day:
            return f"{self.birth_day:02d}.{self.birth_month:02d}.{self.birth_year}"
        if self.birth_month:
            return f"{self.birth_month:02d}.{self.birth_year}"
        return str(self.birth_year)


class PersonName(models.Model):
    """Further spellings: transliterations, former or birth names, aliases."""

    class Kind(models.TextChoices):
        TRANSLITERATION = "TRANSLITERATION", _("andere Schreibweise / Transliteration")
        BIRTH = "BIRTH", _("Geburtsname")
        FORMER = "FORMER", _("früherer Name")
        ALIAS = "ALIAS", _("Aliasname")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    family_name = models.CharField(_("Familienname"), max_length=120)
    given_names = models.CharField(_("Vornamen"), max_length=160, blank=True)


class NameToken(models.Model):
    """Search index: one row per phonetic code of a person's names (see names.py)."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=24)
    # The person's sort name and birth year, copied so a search walks one index in display
    # order and filters by year without visiting the person rows.
    sort_name = models.CharField(max_length=300, default="")
    birth_year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        # The Kommune is included so row-level security is checked from the index alone
        # (PostgreSQL; SQLite ignores INCLUDE).
        indexes = [
            models.Index(
                fields=["organisation", "code", "person"],
                include=["kommune"],
                name="nametoken_person",
            ),
            models.Index(
                fields=["organisation", "code", "sort_name", "person"],
                include=["birth_year", "kommune"],
                name="nametoken_search",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="nametoken_unique"),
        ]


class StatusPeriod(models.Model):
    """One period of the residence-status timeline; `valid_to` empty means ongoing."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_periods")
    type = models.CharField(_("Status"), max_length=20, choices=StatusType.choices)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=80, blank=True)
    valid_from = models.DateField(_("von"))
    valid_to = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "id"]
        indexes = [models.Index(fields=["type", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="statusperiod_ordered",
            ),
        ]


class Relation(models.Model):
    """A family link between two persons of the same organisation."""

    class Kind(models.TextChoices):
        PARENT_OF = "PARENT_OF", _("Elternteil von")
        GUARDIAN_OF = "GUARDIAN_OF", _("gesetzliche Vertretung von")
        PARTNER = "PARTNER", _("Ehe-/Lebenspartner:in von")
        SIBLING = "SIBLING", _("Geschwister von")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_from")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(_("Beziehung"), max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relation_not_self"
            ),
        ]


class Rectification(models.Model):
    """A correction of a person's data made on the person's request (Art. 16 DSGVO).

    Written by `person_update` when staff tick "auf Antrag der Person"; listed in the Art. 15
    answer. `fields` holds the names of the changed fields, never their values.
    """

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rectifications")
    fields = models.JSONField(default=list)
    note = models.CharField(_("Bemerkung"), max_length=500, blank=True)
    by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
