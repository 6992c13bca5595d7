"""URL names of the on-site pages and where their persona tests live (merged by
tests/test_url_permissions.py). Device pages (kiosk, display) need no account but a secret
device key; without a valid key they answer 404, which the anonymous check covers."""

_VIEWS = "tests/appointments/onsite/test_views.py"
PERMISSION_TESTS = {
    f"onsite:{name}": _VIEWS
    for name in (
        "home",
        "frontdesk",
        "checkin",
        "walk_in",
        "ticket",
        "workplace",
        "desk_choose",
        "call_next",
        "queues",
        "visit_action",
        "devices",
        "settings",
        "device_revoke",
        "stats",
        "stats_export",
        "device",
        "kiosk_checkin",
        "kiosk_walk_in",
        "display_feed",
    )
}
PUBLIC: set[str] = set()
