"""Kundensteuerung of the Ausländerbehörde: catalogue, capacity, precomputed slots, bookings.

The shape follows ZMS/eAppointment (Berlin/Munich, EUPL): opening hours are time windows that
carry a number of desks per channel (`workstationCount` public / callcenter / intern); bookable
slots are precomputed into a table (`Slot`) so the free-slot search is one indexed query and a
booking is one conditional UPDATE. Bookings and waiting-list entries hold personal data: they
carry a `kommune` column and are fenced by PostgreSQL row-level security (migration 0002).
Catalogue, location, capacity and slot tables hold no personal data and are not fenced.

On-site work (check-in, tickets, queues, call display) and proactive invitations build on these
models: `Booking.Status` already has the on-site states, `Booking.Source.INVITATION` and
`Booking.person` serve invitations, `Team`/`Desk`/`WorkProfile` describe who serves what.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Kommune, Organisation

PORTAL_LANGUAGES = ("de", "en", "ar", "uk", "tr", "fa", "ru")


def token_digest(token: str) -> str:
    """SHA-256 of a secret token; only digests are stored, so a database leak opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def email_digest(email: str) -> str:
    """A stable key for rate limits and caps per address (normalised, hashed)."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Channel(models.TextChoices):
    """How a slot may be booked; capacity is allotted per channel (ZMS workstationCount)."""

    ONLINE = "ONLINE", _("Online")
    PHONE = "PHONE", _("Telefon")
    INTERNAL = "INTERNAL", _("Intern")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")


class Location(models.Model):
    """A place where the Ausländerbehörde receives customers (ZMS "provider"/"scope")."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appointment_locations"
    )
    name = models.CharField(_("Name"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=160, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    note = models.TextField(
        _("Hinweis für Besucherinnen und Besucher"),
        blank=True,
        help_text=_("Zum Beispiel Anfahrt, Barrierefreiheit, Eingang."),
    )
    # {"en": {"note": "..."}, "ar": {...}}; German is the fields above.
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("Taktung in Minuten"),
        default=10,
        help_text=_("Länge eines Zeitfensters. Die Dauer eines Anliegens wird darauf aufgerundet."),
    )
    horizon_days = models.PositiveSmallIntegerField(_("Buchbar für Tage im Voraus"), default=84)
    min_lead_minutes = models.PositiveIntegerField(
        _("Frühestens buchbar in Minuten ab jetzt"), default=120
    )
    max_booking_minutes = models.PositiveSmallIntegerField(
        _("Höchstdauer eines Online-Termins in Minuten"), default=120
    )
    observe_holidays = models.BooleanField(_("Feiertage in NRW schließen"), default=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    bookable_online = models.BooleanField(_("online buchbar"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="location_slot_min_5"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postcode} {self.city}".strip()] if p)

    def localized_note(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("note") or self.note


class Team(models.Model):
    """A group of staff serving certain Anliegen (e.g. Frontoffice, Team Erwerbsmigration)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appointment_teams"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="teams"
    )
    name = models.CharField(_("Name"), max_length=120)
    code = models.CharField(
        _("Kürzel"), max_length=8, blank=True, help_text=_("Zum Beispiel für Wartenummern: A, B.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class LocalizedService:
    name: str
    description: str
    documents: list[str]
    fee_note: str = ""


class Service(models.Model):
    """An Anliegen (ZMS "request"): what a customer comes for, how long it takes, what to bring."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appointment_services"
    )
    locations = models.ManyToManyField(
        Location, related_name="services", blank=True, verbose_name=_("Standorte")
    )
    teams = models.ManyToManyField(
        Team, related_name="services", blank=True, verbose_name=_("Teams")
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung in einfacher Sprache"), blank=True)
    documents = models.TextField(
        _("Mitbringliste"), blank=True, help_text=_("Ein Punkt pro Zeile.")
    )
    fee_note = models.CharField(_("Hinweis zur Gebühr"), max_length=300, blank=True)
    # {"en": {"name": "...", "description": "...", "documents": "line\nline", "fee_note": "..."},
    #  "ar": {...}}; staff edit them on the page "Übersetzungen" (see translations.py).
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer in Minuten"), default=20)
    leika_key = models.CharField(_("LeiKa-Schlüssel"), max_length=14, blank=True)
    ozg_id = models.CharField(_("OZG-ID"), max_length=10, blank=True)
    walk_in_allowed = models.BooleanField(_("ohne Termin möglich"), default=False)
    bookable_online = models.BooleanField(_("online buchbar"), default=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Anliegen")
        verbose_name_plural = _("Anliegen")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_unique_name"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="service_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def localized(self, language: str) -> LocalizedService:
        """Name, description, Mitbringliste and fee note in the portal language (German as
        fallback for every key left empty)."""
        tr = self.translations.get(language) or {}
        documents = tr.get("documents") or self.documents
        return LocalizedService(
            name=tr.get("name") or self.name,
            description=tr.get("description") or self.description,
            documents=[line.strip() for line in documents.splitlines() if line.strip()],
            fee_note=tr.get("fee_note") or self.fee_note,
        )


class Desk(models.Model):
    """A counter (Schalter/Platz) at a location and the teams that work there."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="desks")
    name = models.CharField(_("Bezeichnung"), max_length=80)
    number = models.CharField(
        _("Nummer auf der Anzeige"), max_length=10, help_text=_("Zum Beispiel 3 oder B2.")
    )
    teams = models.ManyToManyField(Team, related_name="desks", blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Schalter")
        verbose_name_plural = _("Schalter")
        ordering = ["location", "number"]
        constraints = [
            models.UniqueConstraint(fields=["location", "number"], name="desk_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class WorkProfile(models.Model):
    """What a staff member serves when they press "call next" (Qmatic work profile)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_profiles"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="work_profiles")
    name = models.CharField(_("Bezeichnung"), max_length=80, default="Standard")
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Arbeitsprofil")
        verbose_name_plural = _("Arbeitsprofile")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "location", "name"], name="workprofile_unique_name"
            ),
        ]


class WorkProfileItem(models.Model):
    """One entry of a work profile: a team or a single Anliegen, with its priority (1 first)."""

    profile = models.ForeignKey(WorkProfile, on_delete=models.CASCADE, related_name="items")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True)
    priority = models.PositiveSmallIntegerField(_("Priorität"), default=1)

    class Meta:
        ordering = ["profile", "priority", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(team__isnull=False) & Q(service__isnull=True))
                | (Q(team__isnull=True) & Q(service__isnull=False)),
                name="workprofileitem_team_xor_service",
            ),
        ]


class OpeningHours(models.Model):
    """A weekly time window with desks per channel (ZMS availability with workstationCount).

    Several windows per weekday are allowed (e.g. 08:00–12:00 and 14:00–18:00); where windows
    overlap, their desks add up. Times are local (Europe/Berlin) wall-clock times.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    desks_online = models.PositiveSmallIntegerField(_("Schalter für Online-Termine"), default=0)
    desks_phone = models.PositiveSmallIntegerField(_("Schalter für Telefon-Termine"), default=0)
    desks_internal = models.PositiveSmallIntegerField(
        _("Schalter für interne Termine (Einladungen)"), default=0
    )
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["location", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="hours_opens_first"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="hours_valid_order",
            ),
        ]

    def desks(self, channel: str) -> int:
        return {
            Channel.ONLINE: self.desks_online,
            Channel.PHONE: self.desks_phone,
            Channel.INTERNAL: self.desks_internal,
        }[Channel(channel)]


class Break(models.Model):
    """A weekly pause (no slots in any channel), e.g. the team meeting on Wednesday 10–11."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="breaks")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    starts = models.TimeField(_("von"))
    ends = models.TimeField(_("bis"))
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pause")
        verbose_name_plural = _("Pausen")
        ordering = ["location", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=F("ends")), name="break_starts_first"),
        ]


class Closure(models.Model):
    """Closed days (Schließtage), e.g. staff assembly or election. Creating one cancels the
    affected bookings and tells the customers by e-mail (see services.closure_create)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"))
    reason = models.CharField(
        _("Grund"), max_length=200, help_text=_("Wird den Betroffenen in der E-Mail genannt.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_bookings = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Schließtag")
        verbose_name_plural = _("Schließtage")
        ordering = ["location", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="closure_dates_order"
            ),
        ]


class Slot(models.Model):
    """A precomputed bookable time of a location in one channel; `booked` counts holds of
    pending and confirmed bookings. `booked <= capacity` is enforced by the conditional booking
    UPDATE; it may exceed a later-lowered capacity (fewer desks), which then only blocks new
    bookings. Recomputation keeps `booked` (services.slots_compute)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    capacity = models.PositiveSmallIntegerField(default=0)
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["location", "starts_at", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "starts_at", "channel"], name="slot_unique_start"
            ),
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="slot_order"),
        ]
        indexes = [
            models.Index(fields=["location", "channel", "starts_at"]),
            # The free-slot search reads only slots with room left (selectors.free_times).
            models.Index(
                fields=["location", "channel", "starts_at"],
                condition=Q(booked__lt=F("capacity")),
                name="slot_free_idx",
            ),
        ]

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


class Booking(models.Model):
    """A Termin. `booked_at` is the moment the customer asked for it: the ABH can take it as the
    application date (Fiktionswirkung § 81 AufenthG, e.g. Solingen), so it is shown on the
    confirmation. Only digests of the manage and confirmation tokens are stored."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("wartet auf Bestätigung")
        CONFIRMED = "CONFIRMED", _("bestätigt")
        CANCELLED = "CANCELLED", _("abgesagt")
        EXPIRED = "EXPIRED", _("verfallen")
        # On-site states (check-in, queue): set by the on-site part of Kundensteuerung.
        CHECKED_IN = "CHECKED_IN", _("angemeldet vor Ort")
        CALLED = "CALLED", _("aufgerufen")
        IN_SERVICE = "IN_SERVICE", _("in Bearbeitung")
        DONE = "DONE", _("erledigt")
        NO_SHOW = "NO_SHOW", _("nicht erschienen")

    class Source(models.TextChoices):
        ONLINE = "ONLINE", _("Online-Portal")
        PHONE = "PHONE", _("Telefon")
        INTERNAL = "INTERNAL", _("intern")
        INVITATION = "INVITATION", _("Einladung")
        WAITING_LIST = "WAITING_LIST", _("Warteliste")

    class CancelReason(models.TextChoices):
        CUSTOMER = "CUSTOMER", _("von der Kundin oder dem Kunden")
        OFFICE = "OFFICE", _("von der Behörde")
        CLOSURE = "CLOSURE", _("Schließtag")
        RESCHEDULED = "RESCHEDULED", _("verschoben")

    # Statuses whose slots stay taken; cancelled and expired bookings have released theirs.
    HOLDING = (
        Status.PENDING,
        Status.CONFIRMED,
        Status.CHECKED_IN,
        Status.CALLED,
        Status.IN_SERVICE,
        Status.DONE,
        Status.NO_SHOW,
    )
    OPEN = (Status.PENDING, Status.CONFIRMED)

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="bookings")
    # The Termin-Kennung: printed, spoken, typed at the kiosk (12 characters, ~60 bits).
    code = models.CharField(_("Termin-Kennung"), max_length=12, unique=True)
    manage_token_digest = models.CharField(max_length=64, unique=True)
    confirm_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    services = models.ManyToManyField(Service, through="BookingService", related_name="bookings")
    slots = models.ManyToManyField(Slot, through="BookingSlot", related_name="bookings")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    source = models.CharField(max_length=14, choices=Source.choices, default=Source.ONLINE)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    email_digest = models.CharField(max_length=64, blank=True, db_index=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    booked_at = models.DateTimeField(_("gebucht am"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(
        max_length=12, choices=CancelReason.choices, blank=True, default=""
    )
    consent_version = models.CharField(max_length=20, blank=True)
    # Invitations (proactive appointments) refer to the person in the registry.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Booking this one replaced (rescheduling keeps the original booked_at, see services).
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["location", "status", "starts_at"]),
            models.Index(fields=["status", "confirm_expires_at"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class BookingService(models.Model):
    """An Anliegen of a booking (a booking may have several, Münster: up to twelve)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="booking_services")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["booking", "position"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "service"], name="bookingservice_unique"),
        ]


class BookingSlot(models.Model):
    """A slot a booking holds (consecutive slots for longer appointments)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="booking_slots")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="booking_slots")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "slot"], name="bookingslot_unique"),
        ]


class WaitingListEntry(models.Model):
    """Terminagent: someone who found nothing free waits for an Anliegen at a location; a freed
    slot is held for them as a pending booking (`offer`) until `offer_expires_at`."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("wartet auf Bestätigung der E-Mail")
        WAITING = "WAITING", _("wartet auf einen Termin")
        OFFERED = "OFFERED", _("Termin angeboten")
        BOOKED = "BOOKED", _("Termin gebucht")
        EXPIRED = "EXPIRED", _("verfallen")
        WITHDRAWN = "WITHDRAWN", _("abgemeldet")

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="waiting_list")
    services = models.ManyToManyField(Service, related_name="+")
    duration_minutes = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    email_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    confirm_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    manage_token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    offer = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offered_slot = models.ForeignKey(
        Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    offers_made = models.PositiveSmallIntegerField(default=0)
    consent_version = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("Eintrag auf der Warteliste")
        verbose_name_plural = _("Warteliste")
        ordering = ["confirmed_at", "id"]
        indexes = [models.Index(fields=["location", "status", "confirmed_at"])]


class PortalThrottle(models.Model):
    """One counted request of the public portal, for rate limits that hold across all server
    processes. The key (IP address or e-mail) is stored only as a keyed digest; rows older
    than the longest window are deleted (services.throttle_prune)."""

    bucket = models.CharField(max_length=40)
    key_digest = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["bucket", "key_digest", "at"])]


from lotse.appointments.models_invitations import Invitation, InvitationRun  # noqa: E402, F401
from lotse.appointments.models_onsite import *  # noqa: E402, F403
