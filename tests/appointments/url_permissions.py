"""URL names of Kundensteuerung and where their permission tests live."""

STAFF = "tests/appointments/test_views.py"
PORTAL = "tests/appointments/test_portal.py"
SETUP = "tests/appointments/test_setup_pages.py"
TRANSLATIONS = "tests/appointments/test_translations.py"

PERMISSION_TESTS = {
    "appointments:overview": STAFF,
    "appointments:service_create": STAFF,
    "appointments:service_edit": STAFF,
    "appointments:service_translations": TRANSLATIONS,
    "appointments:location_detail": STAFF,
    "appointments:location_edit": STAFF,
    "appointments:location_translations": TRANSLATIONS,
    "appointments:hours_add": STAFF,
    "appointments:hours_delete": STAFF,
    "appointments:closure_add": STAFF,
    "appointments:slots_recompute": STAFF,
    "appointments:break_list": SETUP,
    "appointments:break_create": SETUP,
    "appointments:break_edit": SETUP,
    "appointments:break_delete": SETUP,
    "appointments:team_list": SETUP,
    "appointments:team_create": SETUP,
    "appointments:team_edit": SETUP,
    "appointments:team_delete": SETUP,
    "appointments:desk_list": SETUP,
    "appointments:desk_create": SETUP,
    "appointments:desk_edit": SETUP,
    "appointments:desk_delete": SETUP,
    "appointments:workprofile_list": SETUP,
    "appointments:workprofile_create": SETUP,
    "appointments:workprofile_edit": SETUP,
    "appointments:workprofile_delete": SETUP,
    "portal:start": PORTAL,
    "portal:privacy": PORTAL,
    "portal:demo_mailbox": PORTAL,
    "portal:services": PORTAL,
    "portal:times": PORTAL,
    "portal:book": PORTAL,
    "portal:check_mail": PORTAL,
    "portal:confirm": PORTAL,
    "portal:manage": PORTAL,
    "portal:ics": PORTAL,
    "portal:cancel": PORTAL,
    "portal:reschedule": PORTAL,
    "portal:waitlist": PORTAL,
    "portal:waitlist_confirm": PORTAL,
    "portal:waitlist_manage": PORTAL,
}
# The booking portal needs no account: every page is public (secret links guard bookings).
PUBLIC = {name for name in PERMISSION_TESTS if name.startswith("portal:")}
