"""Demo data of proactive invitations, loaded after the appointments demo of a Kommune.

The person generator gives current residence titles no end date, but real Aufenthaltserlaubnisse
and Duldungen are always time-limited. So this loader first gives a seeded share of the ABH's
open-ended current titles an end date in the coming weeks (synthetic data only), then creates
one past batch (two weeks ago) with mixed states. Persons expiring in four to eight weeks stay
uninvited, so the selection page has people to invite in the demo.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.utils import timezone

from lotse.appointments import services as booking_services
from lotse.appointments.invitations import selectors
from lotse.appointments.invitations import services as invitation_services
from lotse.appointments.models import Booking, Location, Service, token_digest
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core.models import Kommune, Organisation, Role, User
from lotse.people.models import StatusPeriod, StatusType

SERVICE_NAME = "Aufenthaltserlaubnis verlängern"
TITLE_TYPES = (StatusType.AE, StatusType.DULDUNG_60A, StatusType.FIKTION)
EXPIRING = 60  # persons per Kommune whose title gets an end date within ten weeks
PAST_BATCH = 10
S = Invitation.Status
PAST_STATES = [S.DONE, S.NO_SHOW, S.DONE, S.DECLINED]
PAST_BOOKING_STATUS: dict[str, str] = {
    S.DONE: Booking.Status.DONE,
    S.NO_SHOW: Booking.Status.NO_SHOW,
    S.DECLINED: Booking.Status.CANCELLED,
}
FUTURE_STATES = [S.ACCEPTED, S.SENT, S.RESCHEDULED, S.SENT, S.ACCEPTED, S.DECLINED]


def load(
    *, kommune: Kommune, organisations: dict[str, Organisation], seed: int, today: dt.date
) -> None:
    abh = organisations["abh"]
    location = Location.objects.filter(organisation=abh).first()
    service = Service.objects.filter(organisation=abh, name=SERVICE_NAME).first()
    user = User.objects.filter(organisation=abh, role=Role.ABH_SB).first()
    if location is None or service is None or user is None:
        return
    rng = random.Random(f"{seed}-{kommune.name}-invitations")
    _give_end_dates(abh, rng, today)
    _past_batch(location=location, service=service, user=user, rng=rng, today=today)


def _give_end_dates(abh: Organisation, rng: random.Random, today: dt.date) -> None:
    periods = list(
        StatusPeriod.objects.filter(
            person__organisation=abh,
            type__in=TITLE_TYPES,
            valid_to__isnull=True,
            valid_from__lte=today - dt.timedelta(days=60),
        ).order_by("id")
    )
    chosen = rng.sample(periods, k=min(EXPIRING, len(periods)))
    for i, period in enumerate(chosen):
        # The first ones expire in 1–4 weeks (the past batch invited them), the rest later.
        days = rng.randint(8, 28) if i < PAST_BATCH else rng.randint(29, 70)
        period.valid_to = today + dt.timedelta(days=days)
    # Directly, not through people.services.status_period_*: re-screening each person twice
    # would add about ten seconds to `make demo`. So the stored screening results of these
    # persons still reflect the open end until their next change re-screens them.
    StatusPeriod.objects.bulk_update(chosen, ["valid_to"])


def _past_batch(
    *, location: Location, service: Service, user: User, rng: random.Random, today: dt.date
) -> None:
    selection = selectors.Selection(weeks=4, location=location, service=service, groups=("AE",))
    periods = selectors.unique_by_person(
        list(selectors.expiring_queryset(user=user, selection=selection)[:PAST_BATCH])
    )
    if not periods:
        return
    created = timezone.now() - dt.timedelta(days=14)
    run = InvitationRun.objects.create(
        kommune_id=location.kommune_id,
        organisation=location.organisation,
        location=location,
        service=service,
        weeks=8,
        status_types=["AE"],
        created_by=user,
    )
    free = selectors.free_internal_slots(
        location, first_day=today + dt.timedelta(days=1), last_day=today + dt.timedelta(days=27)
    )
    free_ids = [s.slot_id for s in free][::7]
    for i, period in enumerate(periods):
        if i < len(PAST_STATES):
            _past_invitation(run, period, PAST_STATES[i], user, rng, created)
        elif free_ids:
            state = FUTURE_STATES[(i - len(PAST_STATES)) % len(FUTURE_STATES)]
            _future_invitation(run, period, free_ids.pop(0), state, user)
    InvitationRun.objects.filter(pk=run.pk).update(created_at=created)
    Invitation.objects.filter(run=run).update(created_at=created)


def _future_invitation(
    run: InvitationRun, period: StatusPeriod, slot_id: int, state: str, user: User
) -> None:
    try:
        invitation = invitation_services._invite(run=run, period=period, slot_id=slot_id, by=user)
    except booking_services.BookingError:
        return
    if state == S.DECLINED:
        booking_services.booking_cancel(booking=invitation.booking, by=user)  # type: ignore[arg-type]
        invitation.decline_reason = Invitation.DeclineReason.OTHER_APPOINTMENT
    invitation.status = state
    invitation.status_changed_at = timezone.now() - dt.timedelta(days=3)
    invitation.save(update_fields=["status", "decline_reason", "status_changed_at"])


def _past_invitation(
    run: InvitationRun,
    period: StatusPeriod,
    state: str,
    user: User,
    rng: random.Random,
    created: dt.datetime,
) -> None:
    """An appointment that already took place (or not): history without slots."""
    person = period.person
    starts = created + dt.timedelta(days=rng.randint(3, 10), hours=rng.randint(0, 3))
    booking_status = PAST_BOOKING_STATUS[state]
    booking = Booking.objects.create(
        kommune_id=run.kommune_id,
        location=run.location,
        code=booking_services.new_code(),
        manage_token_digest=token_digest(secrets.token_urlsafe(32)),
        channel="INTERNAL",
        source=Booking.Source.INVITATION,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=run.service.duration_minutes),
        name=f"{person.given_names} {person.family_name}".strip(),
        status=booking_status,
        booked_at=created,
        confirmed_at=created,
        person=person,
        created_by=user,
    )
    booking.booking_services.create(service=run.service)
    Invitation.objects.create(
        kommune_id=run.kommune_id,
        run=run,
        person=person,
        status_period=period,
        status_type=period.type,
        expires_on=period.valid_to or timezone.localdate(),
        booking=booking,
        proposed_at=starts,
        language=invitation_services.letter_language(person),
        link_salt=secrets.token_hex(16),
        status=state,
        decline_reason=Invitation.DeclineReason.MOVED if state == S.DECLINED else "",
        status_changed_at=starts,
    )
