"""On-site Kundensteuerung: device links (kiosk, call display), visits in the queue, ticket
numbers, and the anonymised statistic tables.

A `Visit` is one customer's presence in the office: a checked-in booking or a walk-in ticket.
It carries the short display number ("A017") that the call display shows; no display ever
shows a name. Visits refer to bookings (personal data), so the table has a `kommune` column and
row-level security (migration). The statistic tables hold counts and durations per day,
location and Anliegen only: no names, no booking or visit ids (ZMS keeps its statistics in
separate anonymised tables in the same way).

Imported at the end of `lotse.appointments.models`, so Django registers these models in the
`appointments` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.appointments.models import Booking, Desk, Location, Service, Team
from lotse.core.models import Kommune

__all__ = [
    "DeskDayStat",
    "DeviceLink",
    "LeadTimeSample",
    "OnsiteSettings",
    "ServiceDayStat",
    "TicketCounter",
    "Visit",
]


class OnsiteSettings(models.Model):
    """Check-in rules of a location (one row per location, created on first use)."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, related_name="onsite_settings"
    )
    checkin_early_minutes = models.PositiveSmallIntegerField(
        _("Anmeldung frühestens Minuten vor dem Termin"), default=30
    )
    checkin_late_minutes = models.PositiveSmallIntegerField(
        _("Anmeldung am Gerät höchstens Minuten nach Terminbeginn"),
        default=15,
        help_text=_("Wer später kommt, meldet sich am Empfang."),
    )
    walk_ins_open = models.BooleanField(_("Wartenummern ohne Termin ausgeben"), default=True)

    class Meta:
        verbose_name = _("Einstellungen vor Ort")
        verbose_name_plural = _("Einstellungen vor Ort")


class DeviceLink(models.Model):
    """An unguessable link that opens the kiosk or the call display of one location without a
    staff login. Only the SHA-256 digest of the key is stored; the link is shown once."""

    class Kind(models.TextChoices):
        KIOSK = "KIOSK", _("Anmelde-Terminal (Kiosk)")
        DISPLAY = "DISPLAY", _("Aufrufanzeige")

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="device_links")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("Bezeichnung"), max_length=80)
    key_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Geräte-Link")
        verbose_name_plural = _("Geräte-Links")
        ordering = ["location", "kind", "label"]

    def __str__(self) -> str:
        return self.label


class TicketCounter(models.Model):
    """The last ticket number handed out per location, day and prefix (numbers restart daily)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    prefix = models.CharField(max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["location", "day", "prefix"], name="ticketcounter_unique"
            ),
        ]


class Visit(models.Model):
    """One customer's presence in the office (queue entry), from arrival to the end."""

    class Kind(models.TextChoices):
        APPOINTMENT = "APPOINTMENT", _("mit Termin")
        WALK_IN = "WALK_IN", _("ohne Termin")

    class Status(models.TextChoices):
        WAITING = "WAITING", _("wartet")
        CALLED = "CALLED", _("aufgerufen")
        IN_SERVICE = "IN_SERVICE", _("in Bearbeitung")
        PARKED = "PARKED", _("geparkt")
        DONE = "DONE", _("erledigt")
        NO_SHOW = "NO_SHOW", _("nicht erschienen")

    ACTIVE = (Status.WAITING, Status.CALLED, Status.IN_SERVICE, Status.PARKED)
    AT_DESK = (Status.CALLED, Status.IN_SERVICE)

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="visits")
    day = models.DateField(_("Tag"))
    number = models.CharField(_("Wartenummer"), max_length=12)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="visit"
    )
    # The queue: an Anliegen and the team that serves it at this location.
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    appointment_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(_("angekommen"))
    # When the visit joined its current queue (arrival, transfer or return from parking).
    queued_at = models.DateTimeField()
    first_called_at = models.DateTimeField(null=True, blank=True)
    called_at = models.DateTimeField(_("aufgerufen"), null=True, blank=True)
    # Start of the current part of the service (parking ends a part, see service_seconds).
    started_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    # Seconds of service so far (a parked and resumed visit is served in several parts).
    service_seconds = models.PositiveIntegerField(default=0)
    desk = models.ForeignKey(Desk, on_delete=models.SET_NULL, null=True, blank=True)
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    calls = models.PositiveSmallIntegerField(default=0)
    transfers = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Besuch")
        verbose_name_plural = _("Besuche")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["location", "day", "number"], name="visit_number"),
        ]
        indexes = [
            models.Index(fields=["location", "status", "queued_at"]),
            models.Index(fields=["location", "day", "called_at"]),
        ]

    def __str__(self) -> str:
        return self.number


class ServiceDayStat(models.Model):
    """Anonymised figures of one day, location and Anliegen (filled by `lotse appointments-stats`
    and whenever a visit ends). Durations in seconds; no names, no ids of bookings or visits."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    bookings = models.PositiveIntegerField(default=0)
    served = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    walk_ins = models.PositiveIntegerField(default=0)
    visits = models.PositiveIntegerField(default=0)
    wait_mean_s = models.PositiveIntegerField(null=True, blank=True)
    wait_p90_s = models.PositiveIntegerField(null=True, blank=True)
    service_mean_s = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["day", "location", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "service", "day"], name="servicedaystat_unique"
            ),
        ]
        indexes = [models.Index(fields=["kommune", "day"])]


class LeadTimeSample(models.Model):
    """The earliest free online appointment of an Anliegen, sampled once a day (lead time)."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    earliest_free_at = models.DateTimeField(null=True, blank=True)
    # Days from the sampling moment to the earliest free start; null: nothing free in the horizon.
    lead_days = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["day", "location", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "service", "day"], name="leadtimesample_unique"
            ),
            models.CheckConstraint(
                condition=Q(lead_days__isnull=True) | Q(lead_days__gte=0),
                name="leadtimesample_nonnegative",
            ),
        ]


class DeskDayStat(models.Model):
    """How long a desk served customers on a day, against the location's opening time."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    served = models.PositiveIntegerField(default=0)
    busy_s = models.PositiveIntegerField(default=0)
    open_s = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day", "location", "desk"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "day"], name="deskdaystat_unique"),
        ]

    @property
    def utilisation(self) -> float | None:
        return self.busy_s / self.open_s if self.open_s else None
