"""The network around a case (kim.md §1.5): offerings of organisations, referrals
(Überleitungen) with consent, transfers of case ownership, and obstacles in the support system.

Referrals, transfers and obstacles hang off a case, so they carry the Kommune for row-level
security. An obstacle keeps its case only for the organisation that recorded it; coordinators
read obstacles through a selector that never selects the case or the recorder.
See docs/network.md and docs/decisions/0009-referrals-transfers-obstacles.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import Case, Handlungsfeld
from lotse.consent.models import Category, Purpose
from lotse.core.models import Kommune, Organisation, User


class Offering(models.Model):
    """An Angebot of an organisation that a referral may name."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offerings"
    )
    name = models.CharField(_("Angebot"), max_length=200)
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=Handlungsfeld.choices)
    description = models.TextField(_("Beschreibung"), max_length=2000, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["organisation__name", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    """An Überleitung of a case's person to another organisation, with consent."""

    class Status(models.TextChoices):
        SENT = "SENT", _("gesendet")
        ACCEPTED = "ACCEPTED", _("angenommen")
        DECLINED = "DECLINED", _("abgelehnt")
        COMPLETED = "COMPLETED", _("abgeschlossen")

    OPEN_STATUSES = ("SENT", "ACCEPTED")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    from_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Empfangende Stelle"),
    )
    purpose = models.CharField(_("Zweck"), max_length=30, choices=Purpose.choices)
    offering = models.ForeignKey(
        Offering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Angebot"),
    )
    categories = models.JSONField(_("Geteilte Datenarten"), default=list)
    message = models.TextField(_("Nachricht"), max_length=2000, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="SENT")
    answer_due_on = models.DateField(_("Antwort erwartet bis"))
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    # The receiver's inbox shows a notice until someone of the receiving organisation opens it.
    receiver_reminded_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bearbeitet von"),
    )
    decline_reason = models.TextField(_("Grund der Ablehnung"), max_length=2000, blank=True)
    result_note = models.TextField(_("Ergebnis"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Überleitung")
        verbose_name_plural = _("Überleitungen")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["to_organisation", "status", "id"], name="referral_inbox"),
            models.Index(fields=["from_organisation", "status", "id"], name="referral_outbox"),
            models.Index(fields=["status", "answer_due_on"], name="referral_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="DECLINED") | ~models.Q(decline_reason=""),
                name="referral_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="referral_to_other_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Überleitung')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]


class Transfer(models.Model):
    """A change of case ownership: to a colleague (at once) or to another organisation (with
    consent or legal basis, once the receiving organisation accepts)."""

    class Status(models.TextChoices):
        REQUESTED = "REQUESTED", _("angefragt")
        ACCEPTED = "ACCEPTED", _("angenommen")
        DECLINED = "DECLINED", _("abgelehnt")
        WITHDRAWN = "WITHDRAWN", _("zurückgezogen")

    class BasisType(models.TextChoices):
        SAME_ORGANISATION = "OWN", _("innerhalb der Organisation")
        CONSENT = "CONSENT", _("Einwilligung")
        LEGAL_BASIS = "LEGAL_BASIS", _("Rechtsgrundlage")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    from_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("an Stelle")
    )
    to_user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("an Fachkraft"),
    )
    basis_type = models.CharField(max_length=20, choices=BasisType.choices)
    basis_id = models.BigIntegerField(null=True, blank=True)
    message = models.TextField(_("Nachricht"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default="REQUESTED")
    decline_reason = models.TextField(_("Grund der Ablehnung"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The person record of the receiving organisation the case moved to (cross-organisation).
    new_person_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Übergabe")
        verbose_name_plural = _("Übergaben")
        ordering = ["-id"]
        indexes = [models.Index(fields=["to_organisation", "status", "id"], name="transfer_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="REQUESTED"), name="one_open_transfer"
            ),
        ]


class Obstacle(models.Model):
    """A Systemlücke or Schnittstellenproblem seen in a case, for the structure level."""

    class Kind(models.TextChoices):
        GAP = "GAP", _("Systemlücke (Angebot fehlt)")
        INTERFACE = "INTERFACE", _("Schnittstellenproblem")
        WAITING = "WAITING", _("Wartezeit")
        ACCESS = "ACCESS", _("Zugangshürde")
        INFORMATION = "INFORMATION", _("fehlende Information")
        OTHER = "OTHER", _("Sonstiges")

    class Status(models.TextChoices):
        NEW = "NEW", _("neu")
        WORKING_GROUP = "WORKING_GROUP", _("in Bearbeitung in AG")
        STEERING = "STEERING", _("an Lenkungsgruppe")
        DONE = "DONE", _("erledigt")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("erfasst von Stelle"),
    )
    # Only for the recording organisation; the coordinator selector never reads these two.
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="obstacles"
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=Handlungsfeld.choices)
    concerned = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("betroffene Stelle"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("Beschreibung"), max_length=2000)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default="NEW")
    status_note = models.CharField(_("Vermerk"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Hindernis")
        verbose_name_plural = _("Hindernisse")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["kommune", "status", "id"], name="obstacle_kommune"),
            models.Index(fields=["organisation", "id"], name="obstacle_org"),
        ]


NETWORK_TABLES = [
    "network_offering",
    "network_referral",
    "network_transfer",
    "network_obstacle",
]
