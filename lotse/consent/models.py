"""Consents, recorded legal bases and the append-only log of disclosures (docs/consent.md).

A given consent is immutable: only its revocation may be recorded, once. Corrections revoke it
and create a new record that `replaces` it. Every table carries the Kommune for row-level security.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.consent import rules
from lotse.core.models import Kommune, Organisation, User
from lotse.people.models import Person

EXPIRY_WARNING_DAYS = 30


class Category(models.TextChoices):
    STAMMDATEN = "STAMMDATEN", _("Stammdaten")
    AUFENTHALT = "AUFENTHALT", _("Aufenthalt")
    SPRACHE_BILDUNG = "SPRACHE_BILDUNG", _("Sprache und Bildung")
    ARBEIT_EINKOMMEN = "ARBEIT_EINKOMMEN", _("Arbeit und Einkommen")
    GESUNDHEIT = "GESUNDHEIT", _("Gesundheit")
    FAMILIE = "FAMILIE", _("Familie")
    FALLVERLAUF = "FALLVERLAUF", _("Fallverlauf und Ziele")


class Purpose(models.TextChoices):
    """Purposes a consent names; specific on purpose (a blanket consent is not valid)."""

    FALLBESPRECHUNG = "FALLBESPRECHUNG", _("Gemeinsame Fallbesprechung und Hilfeplanung")
    UEBERLEITUNG = "UEBERLEITUNG", _("Überleitung oder Vermittlung an ein Angebot")
    LEISTUNGSPRUEFUNG = "LEISTUNGSPRUEFUNG", _("Prüfung von Leistungen")
    AUFENTHALTSBERATUNG = "AUFENTHALTSBERATUNG", _("Aufenthaltsrechtliche Beratung")


class Consent(models.Model):
    class GivenBy(models.TextChoices):
        PERSON = "PERSON", _("die Person selbst")
        REPRESENTATIVE = "REPRESENTATIVE", _("gesetzliche Vertretung")

    class Form(models.TextChoices):
        WRITTEN = "WRITTEN", _("schriftlich")
        ELECTRONIC = "ELECTRONIC", _("elektronisch")

    # Only these may change after creation, and only from empty to set (the revocation).
    REVOCATION_FIELDS = frozenset({"revoked_at", "revoked_by", "revocation_reason"})

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    given_by = models.CharField(_("Erklärt von"), max_length=20, choices=GivenBy.choices)
    representative_name = models.CharField(
        _("Name der gesetzlichen Vertretung"), max_length=200, blank=True
    )
    recipients = models.ManyToManyField(
        Organisation,
        through="ConsentRecipient",
        related_name="+",
        verbose_name=_("Empfangende Stellen"),
    )
    purposes = models.JSONField(_("Zwecke"), default=list)
    categories = models.JSONField(_("Datenarten"), default=list)
    form = models.CharField(_("Form"), max_length=20, choices=Form.choices)
    scan = models.FileField(_("Scan"), upload_to="consent-scans/%Y/", blank=True)
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.CharField(_("Grund des Widerrufs"), max_length=500, blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["person", "revoked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="consent_dates_ordered",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Invariant, not domain logic: a given consent is never edited (corrections re-create).
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= self.REVOCATION_FIELDS:
                raise ValidationError(_("Eine erteilte Einwilligung kann nicht geändert werden."))
            stored = type(self).objects.filter(pk=self.pk, revoked_at__isnull=True)
            if not stored.exists():
                raise ValidationError(_("Diese Einwilligung ist bereits widerrufen."))
        super().save(*args, **kwargs)

    def status(self, today: dt.date) -> str:
        """active / expiring / pending / expired / revoked, for lists and badges."""
        if self.revoked_at is not None:
            return "revoked"
        if today < self.valid_from:
            return "pending"
        if self.valid_until is not None:
            if today > self.valid_until:
                return "expired"
            if (self.valid_until - today).days <= EXPIRY_WARNING_DAYS:
                return "expiring"
        return "active"

    def purpose_labels(self) -> list[str]:
        return [str(Purpose(p).label) for p in self.purposes if p in Purpose.values]

    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]


class ConsentRecipient(models.Model):
    """Explicit M2M table, so it carries the Kommune for row-level security too."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consent", "organisation"], name="consent_recipient"),
        ]
        indexes = [models.Index(fields=["organisation", "consent"])]


class LegalBasis(models.Model):
    """A statutory basis for a disclosure without consent, recorded with norm and reasons."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="legal_bases")
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("Empfänger")
    )
    norm = models.CharField(_("Rechtsgrundlage (Norm)"), max_length=120)
    justification = models.TextField(_("Begründung"), max_length=2000)
    purpose = models.CharField(_("Zweck"), max_length=30, choices=Purpose.choices)
    categories = models.JSONField(_("Datenarten"), default=list)
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rechtsgrundlage")
        verbose_name_plural = _("Rechtsgrundlagen")
        indexes = [models.Index(fields=["person", "recipient"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="legalbasis_dates_ordered",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(_("Eine erfasste Rechtsgrundlage kann nicht geändert werden."))
        super().save(*args, **kwargs)


class Disclosure(models.Model):
    """One disclosure of a person's data to another organisation, with its basis. Append-only."""

    class BasisType(models.TextChoices):
        CONSENT = rules.CONSENT, _("Einwilligung")
        LEGAL_BASIS = rules.LEGAL_BASIS, _("Rechtsgrundlage")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=30, choices=Category.choices)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    basis_type = models.CharField(max_length=20, choices=BasisType.choices)
    basis_id = models.BigIntegerField()
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["person", "at"]),
            models.Index(fields=["basis_type", "basis_id"]),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError("disclosure log rows are append-only")
        super().save(*args, **kwargs)


class RetentionRule(models.Model):
    """An organisation's retention period for one record type (see consent/retention.py).

    Without a stored rule the default of the record type's handler applies. The record type is a
    key of the retention registry (e.g. "cases.closed_case"), not a foreign key: apps register
    their types at start.
    """

    class Action(models.TextChoices):
        ANONYMISE = "ANONYMISE", _("anonymisieren")
        DELETE = "DELETE", _("löschen")

    class Trigger(models.TextChoices):
        CLOSURE = "CLOSURE", _("nach Abschluss")
        LAST_CHANGE = "LAST_CHANGE", _("nach der letzten Änderung")
        EXPIRY = "EXPIRY", _("nach Ablauf oder Widerruf")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(_("Datenart"), max_length=60)
    months = models.PositiveSmallIntegerField(_("Aufbewahrung in Monaten"))
    action = models.CharField(_("Danach"), max_length=10, choices=Action.choices)
    trigger = models.CharField(_("Frist beginnt"), max_length=12, choices=Trigger.choices)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Aufbewahrungsregel")
        verbose_name_plural = _("Aufbewahrungsregeln")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "record_type"], name="retention_rule_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=600), name="retention_months_range"
            ),
        ]


class RetentionDone(models.Model):
    """Which records the retention job has anonymised (ids only), so it does each once.

    Deleted records need no mark. Events carry the counts per run; this is the per-record trace.
    """

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10)
    done_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "object_id"], name="retention_done_once"
            ),
        ]
