"""Proactive invitations (Frankfurt model): the ABH invites persons whose residence title,
Fiktionsbescheinigung, Duldung or Gestattung ends soon to a fixed internal appointment, by a
plain-language letter with the Mitbringliste.

An `InvitationRun` is one batch created at once (all-or-nothing); each `Invitation` ties a
person and the status period that ends to the booking made for them, and tracks what happened.
Both hold personal data (through the person) and are fenced by row-level security.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Kommune, Organisation


class InvitationRun(models.Model):
    """One batch of invitations, created by one click ("Einladungen erstellen")."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitation_runs"
    )
    location = models.ForeignKey(
        "appointments.Location", on_delete=models.PROTECT, related_name="invitation_runs"
    )
    service = models.ForeignKey(
        "appointments.Service", on_delete=models.PROTECT, related_name="invitation_runs"
    )
    weeks = models.PositiveSmallIntegerField(_("Ablauf innerhalb von Wochen"))
    status_types = models.JSONField(_("Aufenthaltsstatus"), default=list)
    # Persons of the selection that got no appointment: [{"person": id, "reason": code}].
    unplaced = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Einladungslauf")
        verbose_name_plural = _("Einladungsläufe")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.service} ({self.created_at:%d.%m.%Y})"


class Invitation(models.Model):
    """A person invited to a proposed appointment, and what became of it."""

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("vorgeschlagen")
        SENT = "SENT", _("versandt")
        ACCEPTED = "ACCEPTED", _("angenommen")
        DECLINED = "DECLINED", _("abgelehnt")
        RESCHEDULED = "RESCHEDULED", _("umgebucht")
        NO_SHOW = "NO_SHOW", _("nicht erschienen")
        DONE = "DONE", _("erledigt")

    class DeclineReason(models.TextChoices):
        MOVED = "MOVED", _("weggezogen")
        OTHER_APPOINTMENT = "OTHER_APPOINTMENT", _("hat schon einen anderen Termin")
        NOT_NEEDED = "NOT_NEEDED", _("Termin wird nicht gebraucht (zum Beispiel schon beantragt)")
        NOT_REACHABLE = "NOT_REACHABLE", _("Brief kam zurück / nicht erreichbar")
        OTHER = "OTHER", _("anderer Grund")

    # An invitation in these states stands for the status period: no second one is made.
    # After a no-show the person may be invited again.
    BLOCKING = (
        Status.PROPOSED,
        Status.SENT,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.RESCHEDULED,
        Status.DONE,
    )
    OPEN = (Status.PROPOSED, Status.SENT, Status.ACCEPTED, Status.RESCHEDULED)

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(InvitationRun, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    status_period = models.ForeignKey(
        "people.StatusPeriod", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Copied from the status period: the letter and the list keep them if it is corrected.
    status_type = models.CharField(_("Aufenthaltsstatus"), max_length=20)
    expires_on = models.DateField(_("gültig bis"))
    booking = models.OneToOneField(
        "appointments.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    # The time first proposed; a booking moved later (by staff or the manage link) differs.
    proposed_at = models.DateTimeField(_("vorgeschlagener Termin"), null=True, blank=True)
    language = models.CharField(_("Sprache des Briefs"), max_length=8, default="de")
    # Random salt: the manage link of the letter is derived from it and the server secret,
    # so the letter can be printed again while the database holds only the token's digest.
    link_salt = models.CharField(max_length=32)
    status = models.CharField(
        _("Stand"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    decline_reason = models.CharField(
        _("Grund der Absage"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["run", "expires_on", "id"]
        indexes = [
            models.Index(fields=["status_period", "status"]),
            models.Index(fields=["person", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="invitation_unique_person"),
            # Two batches created at the same time must not invite for the same status period.
            models.UniqueConstraint(
                fields=["status_period"],
                condition=models.Q(
                    status__in=["PROPOSED", "SENT", "ACCEPTED", "DECLINED", "RESCHEDULED", "DONE"]
                ),
                name="invitation_one_standing_per_period",
            ),
        ]
