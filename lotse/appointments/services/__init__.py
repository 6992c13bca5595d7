"""Writes of Kundensteuerung (services layer): slot precomputation, bookings, closures, the
waiting list and the staff catalogue. Import from here: `from lotse.appointments import services`.

Public (portal) calls have no staff user: they run in the tenant context of the location's
Kommune (see portal.py) and record events with the location's organisation and no actor.
"""

from lotse.appointments.services._common import (
    CODE_ALPHABET,
    CODE_LENGTH,
    NOT_CHANGEABLE,
    SERVICES_INVALID,
    SLOT_INVALID,
    SLOT_TAKEN,
    TOO_LONG,
    TOO_MANY_OPEN,
    BookingError,
    BookingTokens,
    SlotSync,
    new_code,
    new_token,
)
from lotse.appointments.services.bookings import (
    ConfirmResult,
    booking_by_manage_token,
    booking_cancel,
    booking_confirm,
    booking_duration,
    booking_request,
    booking_reschedule,
    bookings_anonymise,
    bookings_expire,
    open_bookings_count,
)
from lotse.appointments.services.catalogue import (
    location_save,
    opening_hours_add,
    opening_hours_delete,
    service_save,
)
from lotse.appointments.services.closures import closure_create
from lotse.appointments.services.setup import (
    break_delete,
    break_save,
    desk_delete,
    desk_save,
    team_delete,
    team_save,
    work_profile_delete,
    work_profile_save,
)
from lotse.appointments.services.slot_sync import slots_compute, slots_recompute
from lotse.appointments.services.translations import (
    location_translations_save,
    service_translations_save,
)
from lotse.appointments.services.waitlist import (
    waitlist_confirm,
    waitlist_entry_by_manage_token,
    waitlist_join,
    waitlist_leave,
    waitlist_offer,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "NOT_CHANGEABLE",
    "SERVICES_INVALID",
    "SLOT_INVALID",
    "SLOT_TAKEN",
    "TOO_LONG",
    "TOO_MANY_OPEN",
    "BookingError",
    "BookingTokens",
    "ConfirmResult",
    "SlotSync",
    "booking_by_manage_token",
    "break_delete",
    "break_save",
    "desk_delete",
    "desk_save",
    "team_delete",
    "team_save",
    "work_profile_delete",
    "work_profile_save",
    "booking_cancel",
    "booking_confirm",
    "booking_duration",
    "booking_request",
    "booking_reschedule",
    "bookings_anonymise",
    "bookings_expire",
    "closure_create",
    "location_save",
    "location_translations_save",
    "new_code",
    "new_token",
    "open_bookings_count",
    "opening_hours_add",
    "opening_hours_delete",
    "service_save",
    "service_translations_save",
    "slots_compute",
    "slots_recompute",
    "waitlist_confirm",
    "waitlist_entry_by_manage_token",
    "waitlist_join",
    "waitlist_leave",
    "waitlist_offer",
]
