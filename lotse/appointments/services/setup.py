"""Staff changes of a location's set-up: breaks (slots follow), teams, desks and the work
profiles of staff members. Events carry no personal data (ids and counts only)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.appointments.models import Break, Desk, Location, Team, WorkProfile, WorkProfileItem
from lotse.appointments.models_onsite import Visit
from lotse.appointments.services import slot_sync, waitlist
from lotse.core import events, policy
from lotse.core.models import User


def break_save(*, pause: Break, location: Location, by: User) -> Break:
    """Create or change a weekly break; the slots are recomputed at once."""
    policy.require(by, "change", location)
    creating = pause.pk is None
    pause.location = location
    with transaction.atomic():
        pause.full_clean()
        pause.save()
        events.record(
            activity="appointment.break_added" if creating else "appointment.break_changed",
            actor=by,
            subject=location,
            data={"weekday": pause.weekday},
        )
        slot_sync.slots_compute(location=location)
    waitlist.waitlist_offer(location=location)
    return pause


def break_delete(*, pause: Break, by: User) -> None:
    location = pause.location
    policy.require(by, "change", location)
    with transaction.atomic():
        weekday = pause.weekday
        pause.delete()
        events.record(
            activity="appointment.break_removed",
            actor=by,
            subject=location,
            data={"weekday": weekday},
        )
        slot_sync.slots_compute(location=location)
    waitlist.waitlist_offer(location=location)


# Lazy: built at import time, they must still be shown in the language of the request.
TEAM_IN_USE_ELSEWHERE = gettext_lazy(
    "Das Team arbeitet noch an anderen Standorten (Schalter, Arbeitsprofile oder Wartende). "
    "Nehmen Sie es dort zuerst heraus oder lassen Sie es für alle Standorte gelten."
)
TEAM_DELETE_IN_USE_ELSEWHERE = gettext_lazy(
    "Das Team gilt für alle Standorte und wird an anderen Standorten noch gebraucht (Schalter, "
    "Arbeitsprofile oder Wartende). Nehmen Sie es dort zuerst heraus und warten Sie, bis dort "
    "niemand mehr für dieses Team wartet. Es wurde nichts gelöscht."
)
PROFILE_NAME_TAKEN = gettext_lazy(
    "Diese Person hat an diesem Standort schon ein Arbeitsprofil mit dieser Bezeichnung. Bitte "
    "wählen Sie eine andere Bezeichnung."
)
TEAM_NOT_HERE = gettext_lazy("Bitte wählen Sie nur Teams dieses Standorts oder aller Standorte.")


def _used_elsewhere(team: Team, location: Location) -> bool:
    """Whether desks, work profiles or people in the queue at other locations use the team:
    tying it to one location or deleting it would silently change their queues."""
    desks = Desk.objects.filter(teams=team).exclude(location=location)
    items = WorkProfileItem.objects.filter(team=team).exclude(profile__location=location)
    visits = Visit.objects.filter(team=team, status__in=Visit.ACTIVE).exclude(location=location)
    return desks.exists() or items.exists() or visits.exists()


def team_save(*, team: Team, location: Location, office_wide: bool = False, by: User) -> Team:
    """Create or change a team of this location or, with `office_wide`, of every location of
    the office. A team that desks or work profiles of other locations use stays office-wide:
    tying it to one location would silently empty their queues."""
    policy.require(by, "change", location)
    creating = team.pk is None
    team.organisation = location.organisation
    team.location = None if office_wide else location
    duplicate = Team.objects.filter(organisation=location.organisation, name=team.name)
    if duplicate.exclude(pk=team.pk).exists():
        raise ValidationError(_("Ein Team mit diesem Namen gibt es schon."))
    if not creating and not office_wide and _used_elsewhere(team, location):
        raise ValidationError({"scope": TEAM_IN_USE_ELSEWHERE})
    with transaction.atomic():
        team.full_clean()
        team.save()
        events.record(
            activity="appointment.team_created" if creating else "appointment.team_changed",
            actor=by,
            subject=team,
            data={"location": team.location_id, "office_wide": office_wide},
        )
    return team


def team_delete(*, team: Team, location: Location, by: User) -> None:
    """Delete a team from `location`'s set-up pages. An office-wide team that other locations
    still use is refused (nothing changed): deleting it here would silently take it from
    their desks, work profiles and waiting visits."""
    policy.require(by, "change", team)
    if team.location_id is not None and team.location_id != location.pk:
        raise ValidationError(TEAM_NOT_HERE)
    with transaction.atomic():
        if team.location_id is None and _used_elsewhere(team, location):
            raise ValidationError(TEAM_DELETE_IN_USE_ELSEWHERE)
        pk = team.pk
        team.delete()
        events.record(activity="appointment.team_removed", actor=by, data={"team": pk})


def desk_save(*, desk: Desk, location: Location, teams: Iterable[Team], by: User) -> Desk:
    policy.require(by, "change", location)
    teams = list(teams)
    if any(team.organisation_id != location.organisation_id for team in teams):
        raise ValidationError(_("Bitte wählen Sie nur Teams Ihrer Behörde."))
    if any(team.location_id not in (None, location.pk) for team in teams):
        raise ValidationError(TEAM_NOT_HERE)
    creating = desk.pk is None
    desk.location = location
    numbers = Desk.objects.filter(location=location, number=desk.number)
    if numbers.exclude(pk=desk.pk).exists():
        raise ValidationError(_("Einen Schalter mit dieser Nummer gibt es hier schon."))
    with transaction.atomic():
        desk.full_clean()
        desk.save()
        desk.teams.set(teams)
        events.record(
            activity="appointment.desk_created" if creating else "appointment.desk_changed",
            actor=by,
            subject=desk,
            data={"location": location.pk, "teams": len(teams)},
        )
    return desk


def desk_delete(*, desk: Desk, by: User) -> None:
    policy.require(by, "change", desk)
    with transaction.atomic():
        pk, location_pk = desk.pk, desk.location_id
        desk.delete()
        events.record(
            activity="appointment.desk_removed",
            actor=by,
            data={"desk": pk, "location": location_pk},
        )


def work_profile_save(
    *,
    profile: WorkProfile,
    location: Location,
    items: Iterable[dict[str, Any]],
    by: User,
) -> WorkProfile:
    """Create or change a staff member's work profile; its items (team or Anliegen with a
    priority) are replaced by the given ones."""
    policy.require(by, "change", location)
    if profile.user.organisation_id != location.organisation_id:
        raise ValidationError(_("Die Person gehört nicht zu der Behörde dieses Standorts."))
    rows = []
    for item in items:
        team, service = item.get("team"), item.get("service")
        if (team is None) == (service is None):
            raise ValidationError(_("Bitte wählen Sie je Zeile genau ein Team oder ein Anliegen."))
        chosen: Any = team if team is not None else service
        if chosen.organisation_id != location.organisation_id:
            raise ValidationError(_("Bitte wählen Sie nur Teams und Anliegen Ihrer Behörde."))
        if team is not None and team.location_id not in (None, location.pk):
            raise ValidationError(TEAM_NOT_HERE)
        rows.append(WorkProfileItem(team=team, service=service, priority=item["priority"]))
    creating = profile.pk is None
    profile.location = location
    same_name = WorkProfile.objects.filter(user=profile.user, location=location, name=profile.name)
    if same_name.exclude(pk=profile.pk).exists():
        raise ValidationError({"name": PROFILE_NAME_TAKEN})
    with transaction.atomic():
        profile.full_clean()
        profile.save()
        profile.items.all().delete()
        for row in rows:
            row.profile = profile
        WorkProfileItem.objects.bulk_create(rows)
        events.record(
            activity=(
                "appointment.work_profile_created"
                if creating
                else "appointment.work_profile_changed"
            ),
            actor=by,
            subject=location,
            data={"profile": profile.pk, "items": len(rows)},
        )
    return profile


def work_profile_delete(*, profile: WorkProfile, by: User) -> None:
    location = profile.location
    policy.require(by, "change", location)
    with transaction.atomic():
        pk = profile.pk
        profile.delete()
        events.record(
            activity="appointment.work_profile_removed",
            actor=by,
            subject=location,
            data={"profile": pk},
        )
