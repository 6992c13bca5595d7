"""Writes of the on-site part of Kundensteuerung: check-in, walk-in tickets, the counter actions
(call next, recall, start, finish, park, transfer, no-show) and device links.

Concurrency: every state change of a visit is one conditional UPDATE
(`... WHERE id = %s AND status IN (...)`). When two clerks press "Nächste aufrufen" at the same
moment, both pick the same first candidate, but only one UPDATE matches the row still WAITING;
the other sees 0 rows and takes the next candidate. On PostgreSQL the second UPDATE waits for
the first's row lock and then re-checks the condition; on SQLite writers are serialised.
Ticket numbers come from a counter row incremented with `F("last") + 1` inside the transaction.

The booking follows its visit: CONFIRMED → CHECKED_IN → CALLED → IN_SERVICE → DONE / NO_SHOW
(back to CHECKED_IN while parked or transferred).

Rule for "call next" (documented for the clerks in docs/benutzerhandbuch/vor-ort.md):
1. Only queues in the clerk's work profile (teams or single Anliegen) are served; without a
   work profile at this location the teams of the desk are used. A lower priority number wins.
2. Within the same priority, people whose appointment is due (from 5 minutes before the
   booked time) and people who were transferred from another queue come first, in the order of
   their appointment time or transfer time.
3. Then walk-in customers and early arrivals, oldest first (time they joined the queue).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.appointments import slots
from lotse.appointments.models import (
    Booking,
    Desk,
    DeviceLink,
    Location,
    OnsiteSettings,
    Service,
    Team,
    TicketCounter,
    Visit,
    WorkProfileItem,
    token_digest,
)
from lotse.core import events, policy
from lotse.core.models import User

DUE_GRACE = dt.timedelta(minutes=5)
DEFAULT_PREFIX = "A"

# Messages (constants so that tests can assert on them).
CODE_UNKNOWN = _(
    "Zu dieser Termin-Kennung gibt es hier keinen Termin. Bitte prüfen Sie die Eingabe."
)
CODE_FORMAT = _("Bitte geben Sie die Termin-Kennung mit 12 Zeichen ein (Buchstaben und Ziffern).")
OTHER_DAY = _("Dieser Termin ist nicht heute. Die Anmeldung ist nur am Tag des Termins möglich.")
ALREADY_IN = _("Dieser Termin ist schon angemeldet. Wartenummer: %(number)s")
NOT_ACTIVE = _("Dieser Termin ist abgesagt oder verfallen und kann nicht angemeldet werden.")
KIOSK_DESK = _("Das hat leider nicht geklappt. Bitte melden Sie sich am Empfang.")
WALK_IN_NOT_ALLOWED = _("Für dieses Anliegen gibt es hier keine Wartenummer ohne Termin.")
WALK_INS_CLOSED = _("Heute werden hier keine Wartenummern ohne Termin mehr ausgegeben.")
BUSY_AT_DESK = _("An Ihrem Schalter ist noch ein Vorgang offen. Bitte schließen Sie ihn zuerst ab.")
NOBODY_WAITING = _("Zurzeit wartet niemand in Ihren Warteschlangen.")
NO_PROFILE = _(
    "Für Sie ist an diesem Standort kein Arbeitsprofil hinterlegt und der Schalter hat keine "
    "Teams. Bitte wenden Sie sich an Ihre Leitung."
)
STATE_CHANGED = _(
    "Dieser Vorgang hat sich inzwischen geändert (zum Beispiel durch eine Kollegin). "
    "Bitte sehen Sie sich den aktuellen Stand an."
)
DESK_INVALID = _("Bitte wählen Sie einen Schalter dieses Standorts.")
SERVICE_INVALID = _("Bitte wählen Sie ein Anliegen dieses Standorts.")

CODE_RE = re.compile(r"^[0-9A-Z]{12}$")


class OnsiteError(Exception):
    """A check-in or counter action that cannot be done; the message is shown as is."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class NewDeviceLink:
    link: DeviceLink
    key: str


def may_work_at(user: User, location: Location) -> bool:
    """Front desk and counter work: staff with visit rights in the location's organisation."""
    return policy.may(user, "change", Visit) and user.organisation_id == location.organisation_id


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(slots.BERLIN).date()


def onsite_settings(location: Location) -> OnsiteSettings:
    found, _created = OnsiteSettings.objects.get_or_create(location=location)
    return found


def normalise_code(raw: str) -> str:
    """The Kennung as typed or scanned: spaces and dashes dropped, upper case. The QR code on
    the confirmation holds exactly the 12-character Kennung (see portal.manage)."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


# --- queue and ticket number -----------------------------------------------------------------


def queue_team(location: Location, service: Service) -> Team | None:
    """The team that serves an Anliegen at this location (its queue and ticket prefix)."""
    return (
        service.teams.filter(is_active=True)
        .filter(Q(location=location) | Q(location__isnull=True))
        .order_by(F("location_id").desc(nulls_last=True), "name")
        .first()
    )


def _next_number(location: Location, day: dt.date, prefix: str) -> str:
    counter, _created = TicketCounter.objects.get_or_create(
        location=location, day=day, prefix=prefix
    )
    TicketCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}{counter.last:03d}"


def _new_visit(
    *,
    location: Location,
    service: Service,
    kind: str,
    now: dt.datetime,
    booking: Booking | None = None,
) -> Visit:
    team = queue_team(location, service)
    day = local_day(now)
    prefix = (team.code if team and team.code else DEFAULT_PREFIX).upper()[:4]
    return Visit.objects.create(
        kommune_id=location.kommune_id,
        location=location,
        day=day,
        number=_next_number(location, day, prefix),
        kind=kind,
        booking=booking,
        service=service,
        team=team,
        appointment_at=booking.starts_at if booking else None,
        arrived_at=now,
        queued_at=now,
    )


# --- check-in --------------------------------------------------------------------------------


def _booking_for_check_in(location: Location, code: str, kiosk: bool) -> Booking:
    code = normalise_code(code)
    if not CODE_RE.match(code):
        raise OnsiteError(KIOSK_DESK if kiosk else CODE_FORMAT)
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .filter(code=code, location=location)
        .select_related("visit")
        .first()
    )
    if booking is None:
        raise OnsiteError(KIOSK_DESK if kiosk else CODE_UNKNOWN)
    return booking


def _check_booking(booking: Booking, now: dt.datetime, kiosk: bool, window: OnsiteSettings) -> None:
    existing = getattr(booking, "visit", None)
    if existing is not None:
        raise OnsiteError(str(ALREADY_IN) % {"number": existing.number})
    if booking.status != Booking.Status.CONFIRMED:
        raise OnsiteError(KIOSK_DESK if kiosk else NOT_ACTIVE)
    if local_day(booking.starts_at) != local_day(now):
        raise OnsiteError(KIOSK_DESK if kiosk else OTHER_DAY)
    if kiosk:
        # Self check-in only near the booked time; too early or late: the front desk decides.
        early = booking.starts_at - dt.timedelta(minutes=window.checkin_early_minutes)
        late = booking.starts_at + dt.timedelta(minutes=window.checkin_late_minutes)
        if not (early <= now <= late):
            raise OnsiteError(KIOSK_DESK)


def visit_check_in(
    *,
    location: Location,
    code: str,
    by: User | None,
    now: dt.datetime | None = None,
) -> Visit:
    """Check in a booked customer by Termin-Kennung (typed or scanned). `by=None` is the kiosk:
    it tells nothing about other days or locations and only within the check-in window."""
    now = now or timezone.now()
    kiosk = by is None
    if by is not None and not may_work_at(by, location):
        raise OnsiteError(CODE_UNKNOWN)
    with transaction.atomic():
        booking = _booking_for_check_in(location, code, kiosk)
        _check_booking(booking, now, kiosk, onsite_settings(location))
        first = booking.booking_services.select_related("service").first()
        if first is None:
            raise OnsiteError(KIOSK_DESK if kiosk else NOT_ACTIVE)
        visit = _new_visit(
            location=location,
            service=first.service,
            kind=Visit.Kind.APPOINTMENT,
            now=now,
            booking=booking,
        )
        Booking.objects.filter(pk=booking.pk).update(
            status=Booking.Status.CHECKED_IN, checked_in_at=now, updated_at=now
        )
        events.record(
            actor=by,
            organisation=location.organisation,
            subject=visit,
            activity="visit.checked_in",
            data={"channel": "kiosk" if kiosk else "frontdesk", "service": first.service_id},
        )
    return visit


def visit_walk_in(
    *,
    location: Location,
    service_id: int,
    by: User | None,
    now: dt.datetime | None = None,
) -> Visit:
    """A ticket without appointment for an Anliegen that allows walk-ins."""
    now = now or timezone.now()
    if by is not None and not may_work_at(by, location):
        raise OnsiteError(SERVICE_INVALID)
    service = Service.objects.filter(pk=service_id, locations=location, is_active=True).first()
    if service is None:
        raise OnsiteError(SERVICE_INVALID)
    if not service.walk_in_allowed:
        raise OnsiteError(WALK_IN_NOT_ALLOWED)
    if not onsite_settings(location).walk_ins_open:
        raise OnsiteError(WALK_INS_CLOSED)
    with transaction.atomic():
        visit = _new_visit(location=location, service=service, kind=Visit.Kind.WALK_IN, now=now)
        events.record(
            actor=by,
            organisation=location.organisation,
            subject=visit,
            activity="visit.walk_in",
            data={"channel": "kiosk" if by is None else "frontdesk", "service": service.pk},
        )
    return visit


# --- counter actions -------------------------------------------------------------------------


def _profile(
    user: User, location: Location, desk: Desk
) -> list[tuple[int | None, int | None, int]]:
    items = list(
        WorkProfileItem.objects.filter(
            profile__user=user, profile__location=location, profile__is_active=True
        ).values_list("team_id", "service_id", "priority")
    )
    if not items:
        items = [(pk, None, 1) for pk in desk.teams.values_list("pk", flat=True)]  # type: ignore[misc]
    return sorted(items, key=lambda item: item[2])


def queue_candidates(
    *, location: Location, items: list[tuple[int | None, int | None, int]], now: dt.datetime
) -> QuerySet[Visit]:
    """Waiting visits a clerk with these work-profile items may call, best first (rule above)."""
    teams = [t for t, _s, _p in items if t]
    services_ = [s for _t, s, _p in items if s]
    whens = [
        When(team_id=t, then=Value(p)) if t else When(service_id=s, then=Value(p))
        for t, s, p in items
    ]
    due = now + DUE_GRACE
    first_class = Q(transfers__gt=0) | Q(kind=Visit.Kind.APPOINTMENT, appointment_at__lte=due)
    return (
        Visit.objects.filter(location=location, day=local_day(now), status=Visit.Status.WAITING)
        .filter(Q(team_id__in=teams) | Q(service_id__in=services_))
        .annotate(
            prio=Case(*whens, default=Value(999), output_field=IntegerField()),
            cls=Case(When(first_class, then=Value(0)), default=Value(1)),
            sort_at=Case(
                When(transfers__gt=0, then=F("queued_at")),
                When(first_class, then=F("appointment_at")),
                default=F("queued_at"),
            ),
        )
        .order_by("prio", "cls", "sort_at", "id")
    )


def _desk_busy(desk: Desk, now: dt.datetime) -> bool:
    return Visit.objects.filter(desk=desk, day=local_day(now), status__in=Visit.AT_DESK).exists()


def _follow(visit_id: int, status: str, now: dt.datetime, **extra: object) -> None:
    """Let the booking of a visit follow its state."""
    Booking.objects.filter(visit__pk=visit_id).update(status=status, updated_at=now, **extra)


def _require_clerk(by: User, location: Location) -> None:
    if not may_work_at(by, location):
        raise OnsiteError(DESK_INVALID)


def visit_call_next(
    *, location: Location, desk: Desk, by: User, now: dt.datetime | None = None
) -> Visit:
    """Call the next visit for this clerk's work profile to this desk (race-safe)."""
    now = now or timezone.now()
    _require_clerk(by, location)
    if desk.location_id != location.pk or not desk.is_active:
        raise OnsiteError(DESK_INVALID)
    if _desk_busy(desk, now):
        raise OnsiteError(BUSY_AT_DESK)
    items = _profile(by, location, desk)
    if not items:
        raise OnsiteError(NO_PROFILE)
    with transaction.atomic():
        for candidate in queue_candidates(location=location, items=items, now=now)[:10]:
            taken = Visit.objects.filter(pk=candidate.pk, status=Visit.Status.WAITING).update(
                status=Visit.Status.CALLED,
                called_at=now,
                first_called_at=Coalesce(F("first_called_at"), Value(now)),
                desk=desk,
                clerk=by,
                calls=F("calls") + 1,
                updated_at=now,
            )
            if taken:
                _follow(candidate.pk, Booking.Status.CALLED, now)
                visit = Visit.objects.select_related("service", "desk").get(pk=candidate.pk)
                events.record(
                    actor=by,
                    subject=visit,
                    activity="visit.called",
                    data={"desk": desk.number},
                )
                return visit
    raise OnsiteError(NOBODY_WAITING)


def _transition(
    visit: Visit, by: User, allowed: tuple[str, ...], activity: str, **fields: object
) -> Visit:
    policy.require(by, "change", visit)
    now = fields.get("updated_at") or timezone.now()
    fields["updated_at"] = now
    with transaction.atomic():
        changed = Visit.objects.filter(pk=visit.pk, status__in=allowed).update(**fields)
        if not changed:
            raise OnsiteError(STATE_CHANGED)
        visit.refresh_from_db()
        events.record(actor=by, subject=visit, activity=activity, data={"status": visit.status})
    return visit


def _served_so_far(visit: Visit, now: dt.datetime) -> int:
    if visit.status == Visit.Status.IN_SERVICE and visit.started_at:
        return visit.service_seconds + max(int((now - visit.started_at).total_seconds()), 0)
    return visit.service_seconds


def visit_recall(*, visit: Visit, by: User, now: dt.datetime | None = None) -> Visit:
    """Show the number on the display again (the customer did not come yet)."""
    now = now or timezone.now()
    return _transition(
        visit,
        by,
        (Visit.Status.CALLED,),
        "visit.recalled",
        called_at=now,
        calls=F("calls") + 1,
        updated_at=now,
    )


def visit_start(*, visit: Visit, by: User, now: dt.datetime | None = None) -> Visit:
    now = now or timezone.now()
    visit = _transition(
        visit,
        by,
        (Visit.Status.CALLED,),
        "visit.started",
        status=Visit.Status.IN_SERVICE,
        started_at=now,
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.IN_SERVICE, now)
    return visit


def _ended(visit: Visit) -> Visit:
    from lotse.appointments import onsite_stats

    onsite_stats.stats_refresh_day(location=visit.location, day=visit.day)
    return visit


def visit_finish(*, visit: Visit, by: User, now: dt.datetime | None = None) -> Visit:
    now = now or timezone.now()
    visit = _transition(
        visit,
        by,
        (Visit.Status.IN_SERVICE,),
        "visit.finished",
        status=Visit.Status.DONE,
        finished_at=now,
        service_seconds=_served_so_far(visit, now),
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.DONE, now, finished_at=now)
    return _ended(visit)


def visit_no_show(*, visit: Visit, by: User, now: dt.datetime | None = None) -> Visit:
    """The called (or parked) customer did not come to the desk."""
    now = now or timezone.now()
    visit = _transition(
        visit,
        by,
        (Visit.Status.CALLED, Visit.Status.PARKED),
        "visit.no_show",
        status=Visit.Status.NO_SHOW,
        finished_at=now,
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.NO_SHOW, now, finished_at=now)
    return _ended(visit)


def visit_park(*, visit: Visit, by: User, now: dt.datetime | None = None) -> Visit:
    """Put a visit aside (e.g. the customer fetches a document); the desk can call it back."""
    now = now or timezone.now()
    visit = _transition(
        visit,
        by,
        Visit.AT_DESK,
        "visit.parked",
        status=Visit.Status.PARKED,
        service_seconds=_served_so_far(visit, now),
        started_at=None,
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.CHECKED_IN, now)
    return visit


def visit_call_parked(
    *, visit: Visit, desk: Desk, by: User, now: dt.datetime | None = None
) -> Visit:
    now = now or timezone.now()
    if desk.location_id != visit.location_id:
        raise OnsiteError(DESK_INVALID)
    if _desk_busy(desk, now):
        raise OnsiteError(BUSY_AT_DESK)
    visit = _transition(
        visit,
        by,
        (Visit.Status.PARKED,),
        "visit.called",
        status=Visit.Status.CALLED,
        called_at=now,
        desk=desk,
        clerk=by,
        calls=F("calls") + 1,
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.CALLED, now)
    return visit


def visit_transfer(
    *, visit: Visit, service_id: int, by: User, now: dt.datetime | None = None
) -> Visit:
    """Send a visit to the queue of another Anliegen; it keeps its number and comes first
    there (in the order of transfer)."""
    now = now or timezone.now()
    service = Service.objects.filter(
        pk=service_id, locations=visit.location_id, is_active=True
    ).first()
    if service is None:
        raise OnsiteError(SERVICE_INVALID)
    team = queue_team(visit.location, service)
    visit = _transition(
        visit,
        by,
        (*Visit.AT_DESK, Visit.Status.PARKED),
        "visit.transferred",
        status=Visit.Status.WAITING,
        service=service,
        team=team,
        queued_at=now,
        service_seconds=_served_so_far(visit, now),
        started_at=None,
        desk=None,
        clerk=None,
        transfers=F("transfers") + 1,
        updated_at=now,
    )
    _follow(visit.pk, Booking.Status.CHECKED_IN, now)
    return visit


def visits_close_stale(*, location: Location, today: dt.date) -> int:
    """End visits left open from earlier days (the office closed): those in service count as
    done, everyone else as not served (NO_SHOW); their bookings follow. Run by the nightly job
    so yesterday's queue never reaches today's "Nächste aufrufen"."""
    now = timezone.now()
    stale = Visit.objects.filter(location=location, day__lt=today, status__in=Visit.ACTIVE)
    with transaction.atomic():
        served = list(stale.filter(status=Visit.Status.IN_SERVICE).values_list("pk", flat=True))
        missed = list(stale.exclude(pk__in=served).values_list("pk", flat=True))
        Visit.objects.filter(pk__in=served).update(
            status=Visit.Status.DONE, finished_at=now, started_at=None, updated_at=now
        )
        Visit.objects.filter(pk__in=missed).update(
            status=Visit.Status.NO_SHOW, finished_at=now, updated_at=now
        )
        Booking.objects.filter(visit__pk__in=served).update(
            status=Booking.Status.DONE, finished_at=now, updated_at=now
        )
        Booking.objects.filter(visit__pk__in=missed).update(
            status=Booking.Status.NO_SHOW, finished_at=now, updated_at=now
        )
    return len(served) + len(missed)


# --- device links and settings ---------------------------------------------------------------


def device_link_create(*, location: Location, kind: str, label: str, by: User) -> NewDeviceLink:
    """A new kiosk or display link; the key is returned once and only its digest is stored."""
    policy.require(by, "change", location)
    if not policy.may(by, "create", DeviceLink):
        raise OnsiteError(DESK_INVALID)
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        link = DeviceLink.objects.create(
            location=location,
            kind=DeviceLink.Kind(kind),
            label=label.strip()[:80] or str(DeviceLink.Kind(kind).label),
            key_digest=token_digest(key),
            created_by=by,
        )
        events.record(
            actor=by, subject=link, activity="device_link.created", data={"kind": link.kind}
        )
    return NewDeviceLink(link=link, key=key)


def device_link_revoke(*, link: DeviceLink, by: User) -> DeviceLink:
    policy.require(by, "change", link)
    with transaction.atomic():
        DeviceLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        link.refresh_from_db()
        events.record(actor=by, subject=link, activity="device_link.revoked", data={})
    return link


def device_by_key(key: str) -> DeviceLink | None:
    """The active device link for a key from a URL (one indexed query)."""
    if not key or len(key) > 64:
        return None
    return (
        DeviceLink.objects.filter(key_digest=token_digest(key), revoked_at__isnull=True)
        .select_related("location")
        .first()
    )


def onsite_settings_save(*, settings_: OnsiteSettings, by: User) -> OnsiteSettings:
    policy.require(by, "change", settings_.location)
    with transaction.atomic():
        settings_.full_clean()
        settings_.save()
        events.record(
            actor=by,
            subject=settings_.location,
            activity="onsite_settings.changed",
            data={
                "early": settings_.checkin_early_minutes,
                "late": settings_.checkin_late_minutes,
                "walk_ins": settings_.walk_ins_open,
            },
        )
    return settings_
