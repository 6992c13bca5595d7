"""Retention of the booking portal's personal data, as handlers of the consent app's retention
framework (see lotse/consent/retention.py): the nightly `lotse retention-run` covers bookings
and waiting-list entries, and `lotse appointments-expire` (every few minutes) applies the same
rules through `portal_data_anonymise`, so both jobs always agree.

The portal's privacy notice promises deletion "at the latest 6 months after the appointment".
The default is therefore `config.retention_months()` (6) whole months after the day of the
appointment (of the sign-up, for closed waiting-list entries), computed exactly like a stored
rule (`RuleValue.cutoff`); an organisation may set a shorter period in whole months on the
retention page, never a longer one (`max_months`, also the cap of the setting).

Anonymising removes name, e-mail (and its digest), telephone and the link to a person record;
times, Anliegen, channel and status stay for the statistics. Visits (the on-site queue) hold no
personal data of their own: their only link to a person is the booking. Deleting is not offered:
visits and statistics refer to the bookings. An anonymised row has no personal data left, so it
drops out of `due` by itself (no RetentionDone rows for the many bookings).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.appointments import config, slots
from lotse.appointments.models import Booking, Location, WaitingListEntry
from lotse.consent import retention
from lotse.consent.models import RetentionRule
from lotse.consent.retention import ANONYMISE, RetentionHandler, RuleValue
from lotse.core.models import Organisation

BOOKING = "appointments.booking"
WAITING_LIST = "appointments.waiting_list_entry"
RECORD_TYPES = (BOOKING, WAITING_LIST)
PROMISED_MONTHS = 6  # privacy notice of the portal (templates/appointments/portal/privacy.html)


def _default(organisation: Organisation) -> RuleValue:
    months = config.retention_months(PROMISED_MONTHS)
    return RuleValue(months, ANONYMISE, RetentionRule.Trigger.CLOSURE)


def _before(rule: RuleValue, today: dt.date) -> dt.datetime:
    """Records whose anchor lies before this moment are due: the start of the day after the
    cutoff day (Europe/Berlin). Default and stored rules alike count whole months, so the
    event's `months` is the period actually applied."""
    cutoff = rule.cutoff(today)
    next_day = cutoff + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time.min, tzinfo=slots.BERLIN)


def bookings_due(organisation: Organisation, rule: RuleValue, today: dt.date) -> list[int]:
    """Bookings of the organisation whose appointment ended before the cutoff and that still
    carry personal data."""
    return list(
        Booking.objects.filter(
            location__organisation=organisation, ends_at__lt=_before(rule, today)
        )
        .filter(~Q(name="") | ~Q(email="") | ~Q(phone="") | Q(person__isnull=False))
        .values_list("pk", flat=True)
    )


def bookings_apply(
    organisation: Organisation, ids: list[int], action: str, today: dt.date
) -> dict[str, int]:
    count = 0
    for chunk in retention.chunks(ids):
        count += Booking.objects.filter(pk__in=chunk).update(
            name="", email="", email_digest="", phone="", person=None
        )
    return {"anonymised": count}


# Entries still waiting or holding an offer are in use; every other state is closed.
OPEN_ENTRIES = (WaitingListEntry.Status.WAITING, WaitingListEntry.Status.OFFERED)


def entries_due(organisation: Organisation, rule: RuleValue, today: dt.date) -> list[int]:
    """Closed waiting-list entries signed up before the cutoff that still carry personal data."""
    return list(
        WaitingListEntry.objects.filter(
            location__organisation=organisation, created_at__lt=_before(rule, today)
        )
        .exclude(status__in=OPEN_ENTRIES)
        .filter(~Q(name="") | ~Q(email=""))
        .values_list("pk", flat=True)
    )


def entries_apply(
    organisation: Organisation, ids: list[int], action: str, today: dt.date
) -> dict[str, int]:
    count = 0
    for chunk in retention.chunks(ids):
        count += WaitingListEntry.objects.filter(pk__in=chunk).update(
            name="", email="", email_digest=""
        )
    return {"anonymised": count}


def portal_data_anonymise(*, today: dt.date) -> dict[str, int]:
    """What `retention-run` does for the portal's record types, for every organisation with a
    location (each in its own transaction, logged as `retention.applied` with counts only).
    Returns the number of anonymised records per record type. Call in a system context."""
    counts = dict.fromkeys(RECORD_TYPES, 0)
    offices = Organisation.objects.filter(
        pk__in=Location.objects.values("organisation_id")
    ).order_by("id")
    for organisation in offices:
        for record_type in RECORD_TYPES:
            handler = retention.handler_for(record_type)
            rule = retention.effective_rule(organisation, record_type)
            if handler is None or rule is None:  # not registered (app not ready)
                continue
            line = retention.retention_apply(
                organisation=organisation, handler=handler, rule=rule, today=today
            )
            if line is not None:
                counts[record_type] += line.done.get("anonymised", 0)
    return counts


def register() -> None:
    retention.register_retention(
        RetentionHandler(
            record_type=BOOKING,
            label=_("Termine"),
            description=_(
                "Name, E-Mail und Telefon gebuchter Termine; die Frist beginnt mit dem Termin. "
                "Voreinstellung und Höchstdauer: 6 Monate, wie in den Datenschutzhinweisen des "
                "Terminportals zugesagt. Zeiten, Anliegen und Status bleiben für die "
                "Statistik."
            ),
            default=_default,
            due=bookings_due,
            apply=bookings_apply,
            actions=frozenset({ANONYMISE}),
            max_months=PROMISED_MONTHS,
        )
    )
    retention.register_retention(
        RetentionHandler(
            record_type=WAITING_LIST,
            label=_("Einträge der Warteliste"),
            description=_(
                "Name und E-Mail beendeter Einträge der Warteliste; die Frist beginnt mit der "
                "Anmeldung. Voreinstellung und Höchstdauer: 6 Monate."
            ),
            default=_default,
            due=entries_due,
            apply=entries_apply,
            actions=frozenset({ANONYMISE}),
            max_months=PROMISED_MONTHS,
        )
    )
