"""Writes for proactive invitations: create a batch (all-or-nothing), track each invitation.

Appointments are booked through the booking service of Kundensteuerung
(`services.booking_request`, INTERNAL channel, source INVITATION, confirmed), so the same
conditional update (`booked < capacity`) protects the capacity as for every other booking.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.appointments import services as booking_services
from lotse.appointments.invitation_planning import REASON_EXPIRES_TOO_SOON, Unplaced
from lotse.appointments.invitations import selectors
from lotse.appointments.models import PORTAL_LANGUAGES, Booking, Channel, token_digest
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core import events, policy
from lotse.core.models import User
from lotse.people.models import Person, StatusPeriod

NOTHING_SELECTED = _(
    "Für diese Auswahl gibt es keine Personen ohne Einladung. Es wurde nichts angelegt."
)
NOTHING_PLACED = _(
    "Für keine Person gibt es einen freien internen Termin vor dem Ablauf. "
    "Es wurde nichts angelegt. Bitte geben Sie mehr interne Zeiten frei."
)
BOOKING_FAILED = _(
    "Ein Termin war inzwischen vergeben. Es wurde nichts angelegt. "
    "Bitte erstellen Sie die Einladungen noch einmal."
)
TRANSITION_INVALID = _("Dieser Stand kann jetzt nicht mehr gesetzt werden.")
REASON_REQUIRED = _("Bitte wählen Sie einen Grund für die Absage.")
TOO_EARLY = _("„Nicht erschienen“ und „erledigt“ gehen erst, wenn der Termin begonnen hat.")

REASON_TEXTS = {
    REASON_EXPIRES_TOO_SOON: _("läuft vor dem ersten planbaren Tag ab"),
    "NO_CAPACITY": _("kein freier interner Termin vor dem Ablauf"),
}
# Letters exist in German and these languages (templates letters/invitation/body_<code>.html).
LETTER_LANGUAGES = ("en", "ar", "uk", "tr", "fa", "ru")

# Which states may follow which (staff corrections of a mistake are allowed back to SENT).
S = Invitation.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.SENT, S.ACCEPTED, S.DECLINED, S.RESCHEDULED}),
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED, S.RESCHEDULED, S.NO_SHOW, S.DONE}),
    S.ACCEPTED: frozenset({S.DECLINED, S.RESCHEDULED, S.NO_SHOW, S.DONE, S.SENT}),
    S.RESCHEDULED: frozenset({S.ACCEPTED, S.DECLINED, S.NO_SHOW, S.DONE, S.SENT}),
    S.DECLINED: frozenset({S.SENT}),
    S.NO_SHOW: frozenset({S.DONE, S.SENT}),
    S.DONE: frozenset({S.SENT}),
}


class InvitationError(Exception):
    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class UnplacedPerson:
    person: Person
    expires_on: object
    reason: str


@dataclass(frozen=True)
class RunResult:
    run: InvitationRun
    created: int
    unplaced: list[UnplacedPerson]


def letter_language(person: Person) -> str:
    """The first language of the person that we have a letter for; German otherwise."""
    for code in person.languages or []:
        code = str(code).lower()
        if code in LETTER_LANGUAGES:
            return code
        if code == "de":
            return "de"
    return "de"


def manage_token(invitation: Invitation) -> str:
    """The manage-link token of the invitation's booking, derived from the server secret and a
    random salt (only its digest is stored, like every manage token)."""
    message = f"lotse-invitation:{invitation.link_salt}".encode()
    # 128 bits are plenty against guessing (the portal also rate-limits look-ups) and keep the
    # printed link short enough to type.
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def invitation_run_create(*, by: User, selection: selectors.Selection) -> RunResult:
    """Create one batch: a confirmed internal booking and an invitation per placeable person,
    in one transaction. If any booking fails (e.g. a slot was taken meanwhile), nothing stays."""
    organisation_id = selectors.require_invitations(by, "create")
    proposals = selectors.proposals(user=by, selection=selection)
    if not proposals.periods:
        raise InvitationError(NOTHING_SELECTED)
    if not proposals.plan.proposals:
        raise InvitationError(NOTHING_PLACED)
    periods: dict[Hashable, StatusPeriod] = {p.pk: p for p in proposals.periods}
    try:
        with transaction.atomic():
            run = InvitationRun.objects.create(
                kommune_id=by.organisation.kommune_id,  # type: ignore[union-attr]
                organisation_id=organisation_id,
                location=selection.location,
                service=selection.service,
                weeks=selection.weeks,
                status_types=list(selection.groups),
                unplaced=[_unplaced_row(u, periods) for u in proposals.plan.unplaced],
                created_by=by,
            )
            for proposal in proposals.plan.proposals:
                _invite(run=run, period=periods[proposal.key], slot_id=proposal.slot_ids[0], by=by)
            events.record(
                activity="invitation.run_created",
                actor=by,
                subject=run,
                data={
                    "location": selection.location.pk,
                    "service": selection.service.pk,
                    "weeks": selection.weeks,
                    "created": len(proposals.plan.proposals),
                    "unplaced": len(proposals.plan.unplaced),
                },
            )
    except (booking_services.BookingError, IntegrityError) as exc:
        # A slot taken meanwhile, or a parallel batch invited the same person first.
        raise InvitationError(BOOKING_FAILED) from exc
    unplaced = [
        UnplacedPerson(periods[u.key].person, periods[u.key].valid_to, u.reason)
        for u in proposals.plan.unplaced
    ]
    return RunResult(run, len(proposals.plan.proposals), unplaced)


def _unplaced_row(
    unplaced: Unplaced, periods: Mapping[Hashable, StatusPeriod]
) -> dict[str, object]:
    period = periods[unplaced.key]
    return {
        "person": period.person_id,
        "expires_on": period.valid_to.isoformat() if period.valid_to else "",
        "reason": unplaced.reason,
    }


def _invite(*, run: InvitationRun, period: StatusPeriod, slot_id: int, by: User) -> Invitation:
    person = period.person
    assert period.valid_to is not None  # the selection only holds periods that end
    language = letter_language(person)
    invitation = Invitation(
        kommune_id=run.kommune_id,
        run=run,
        person=person,
        status_period=period,
        status_type=period.type,
        expires_on=period.valid_to,
        language=language,
        link_salt=secrets.token_hex(16),
    )
    tokens = booking_services.booking_request(
        location=run.location,
        service_ids=[run.service_id],
        slot_id=slot_id,
        name=f"{person.given_names} {person.family_name}".strip(),
        email=person.email,
        phone=person.phone,
        language=language if language in PORTAL_LANGUAGES else "de",
        channel=Channel.INTERNAL,
        source=Booking.Source.INVITATION,
        by=by,
        person_id=person.pk,
        confirmed=True,
        send_mail=False,
    )
    booking = tokens.booking
    # The letter carries a manage link that can be printed again: see manage_token().
    booking.manage_token_digest = token_digest(manage_token(invitation))
    booking.save(update_fields=["manage_token_digest"])
    invitation.booking = booking
    invitation.proposed_at = booking.starts_at
    invitation.save()
    return invitation


def invitation_set_status(
    *, invitation: Invitation, status: str, by: User, reason: str = ""
) -> Invitation:
    """Record what became of an invitation. A declined invitation releases its appointment."""
    policy.require(by, "change", invitation)
    if status == S.DECLINED and reason not in Invitation.DeclineReason.values:
        raise InvitationError(REASON_REQUIRED)
    try:
        return _set_status(invitation=invitation, status=status, by=by, reason=reason)
    except IntegrityError as exc:  # e.g. back to "versandt" while a newer invitation stands
        raise InvitationError(TRANSITION_INVALID) from exc


def _set_status(*, invitation: Invitation, status: str, by: User, reason: str) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if status not in TRANSITIONS.get(invitation.status, frozenset()):
            raise InvitationError(TRANSITION_INVALID)
        booking = invitation.booking
        if status in (S.NO_SHOW, S.DONE) and booking and booking.starts_at > timezone.now():
            raise InvitationError(TOO_EARLY)
        if status == S.DECLINED and booking is not None and booking.status in Booking.OPEN:
            booking_services.booking_cancel(
                booking=booking, reason=Booking.CancelReason.CUSTOMER, by=by
            )
        previous = invitation.status
        invitation.status = status
        invitation.decline_reason = reason if status == S.DECLINED else ""
        invitation.status_changed_at = timezone.now()
        invitation.save(update_fields=["status", "decline_reason", "status_changed_at"])
        events.record(
            activity="invitation.status_changed",
            actor=by,
            subject=invitation,
            data={"run": invitation.run_id, "from": previous, "to": status, "reason": reason},
        )
    return invitation


def invitation_run_mark_sent(*, run: InvitationRun, by: User) -> int:
    """All proposed invitations of a batch are now posted (after printing the letters)."""
    policy.require(by, "change", run)
    with transaction.atomic():
        n = Invitation.objects.filter(run=run, status=S.PROPOSED).update(
            status=S.SENT, status_changed_at=timezone.now()
        )
        events.record(
            activity="invitation.run_sent", actor=by, subject=run, data={"invitations": n}
        )
    return n


# Booking state on site → invitation state (the on-site part sets NO_SHOW and DONE).
FROM_BOOKING: dict[str, str] = {
    Booking.Status.NO_SHOW: S.NO_SHOW,
    Booking.Status.DONE: S.DONE,
}


def invitation_run_sync(*, run: InvitationRun, by: User) -> int:
    """Take over what the appointments say: no-show or done on site, cancelled or moved by the
    person through the manage link. Returns how many invitations changed."""
    policy.require(by, "change", run)
    changed = 0
    with transaction.atomic():
        for invitation in (
            Invitation.objects.select_for_update(of=("self",))
            .filter(run=run, status__in=Invitation.OPEN)
            .select_related("booking")
        ):
            target = _status_from_booking(invitation)
            if target and target != invitation.status:
                invitation.status = target
                invitation.status_changed_at = timezone.now()
                if target == S.DECLINED:
                    invitation.decline_reason = Invitation.DeclineReason.OTHER
                invitation.save(update_fields=["status", "decline_reason", "status_changed_at"])
                changed += 1
        events.record(
            activity="invitation.run_synced", actor=by, subject=run, data={"changed": changed}
        )
    return changed


def _status_from_booking(invitation: Invitation) -> str | None:
    booking = invitation.booking
    if booking is None:
        return None
    if booking.status in FROM_BOOKING:
        return FROM_BOOKING[booking.status]
    if booking.status == Booking.Status.CANCELLED:
        return S.DECLINED
    if (
        invitation.proposed_at
        and booking.starts_at != invitation.proposed_at
        and invitation.status != S.RESCHEDULED
    ):
        return S.RESCHEDULED
    return None
