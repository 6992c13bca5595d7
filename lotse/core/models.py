"""Tenancy (Kommune → Organisation → User), the event log and the access log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kommune(models.Model):
    """A Kreis or kreisfreie Stadt: the tenant. Nothing is shared between Kommunen."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An agency inside a Kommune; each may be a data controller of its own."""

    class Kind(models.TextChoices):
        KI = "KI", _("Kommunales Integrationszentrum")
        ABH = "ABH", _("Ausländerbehörde")
        EBH = "EBH", _("Einbürgerungsbehörde")
        JOBCENTER = "JOBCENTER", _("Jobcenter")
        AGENTUR = "AGENTUR", _("Agentur für Arbeit")
        JUGENDAMT = "JUGENDAMT", _("Jugendamt")
        SOZIALAMT = "SOZIALAMT", _("Sozialamt")
        WOHLFAHRT = "WOHLFAHRT", _("Wohlfahrtsverband")
        MBE = "MBE", _("Migrationsberatung für Erwachsene (MBE)")
        JMD = "JMD", _("Jugendmigrationsdienst (JMD)")
        SPRACHKURS = "SPRACHKURS", _("Sprachkursträger")
        LAND = "LAND", _("Land NRW (Ministerium)")
        OTHER = "OTHER", _("Sonstige")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    require_second_factor = models.BooleanField(
        _("Zweiter Faktor verpflichtend"),
        default=True,
        help_text=_("Alle Konten dieser Organisation müssen sich mit einem Einmalcode anmelden."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["kommune__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kommune", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The first set of roles (architecture §5). Each user has exactly one role."""

    LOTSIN = "LOTSIN", _("Integrationslotsin")
    ABH_SB = "ABH_SB", _("ABH-Sachbearbeitung")
    EBH_SB = "EBH_SB", _("EBH-Sachbearbeitung")
    FRONTOFFICE = "FRONTOFFICE", _("Servicepoint/Frontoffice")
    CASE_MANAGER = "CASE_MANAGER", _("Case Management")
    COORDINATOR = "COORDINATOR", _("KIM-Koordination")
    PARTNER = "PARTNER", _("Partnerorganisation")
    LEITUNG = "LEITUNG", _("Leitung")
    STATISTIK = "STATISTIK", _("Statistik/Planung")
    LAND = "LAND", _("Land")
    ADMIN = "ADMIN", _("Administration")


# Roles that work with individual persons' data (all others see aggregates or nothing).
PERSON_ROLES = frozenset(
    {
        Role.LOTSIN,
        Role.ABH_SB,
        Role.EBH_SB,
        Role.FRONTOFFICE,
        Role.CASE_MANAGER,
        Role.PARTNER,
    }
)


class User(AbstractUser):
    """A staff account. Platform operators (superusers) have no organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("Organisation"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, blank=True)
    otp_exempt = models.BooleanField(
        _("ohne zweiten Faktor (nur Demo)"),
        default=False,
        help_text=_("Nur für Demo-Konten; in Produktion wirkungslos."),
    )

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")

    @property
    def kommune_id(self) -> int | None:
        return self.organisation.kommune_id if self.organisation is not None else None


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; it is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")
        ordering = ["-created_at"]


class LoginFailure(models.Model):
    """A failed log-in, kept briefly for throttling. The user name is stored hashed."""

    username_digest = models.CharField(max_length=64)
    ip_digest = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["username_digest", "at"]),
            models.Index(fields=["ip_digest", "at"]),
        ]


class Event(models.Model):
    """One state change, append-only and hash-chained (architecture §6).

    The payload refers to people by id only; it never carries names or other personal data.
    """

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.CharField(max_length=40, blank=True)
    activity = models.CharField(max_length=80)
    at = models.DateTimeField()
    payload = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["kommune", "at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]


class EventChainHead(models.Model):
    """The single row that remembers the last hash and the count, so a deleted tail is found."""

    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")
    count = models.BigIntegerField(default=0)


class AccessLog(models.Model):
    """A read of a person's data: who, which organisation, which person, which view."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, null=True, related_name="+")
    person_id = models.BigIntegerField(db_index=True)
    purpose = models.CharField(max_length=80)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class AccessibilityFeedback(models.Model):
    """Feedback through the Erklärung zur Barrierefreiheit (BITV 2.0 § 7 feedback mechanism)."""

    message = models.TextField(_("Nachricht"), max_length=5000)
    page = models.CharField(_("Betroffene Seite"), max_length=300, blank=True)
    contact = models.CharField(_("Kontakt für Rückfragen (freiwillig)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
