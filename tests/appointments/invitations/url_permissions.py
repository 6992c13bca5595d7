"""URL names of the invitation pages and where their persona tests live."""

PERMISSION_TESTS = {
    "invitations:runs": "tests/appointments/invitations/test_views.py",
    "invitations:select": "tests/appointments/invitations/test_views.py",
    "invitations:run": "tests/appointments/invitations/test_views.py",
    "invitations:run_pdf": "tests/appointments/invitations/test_views.py",
    "invitations:run_sent": "tests/appointments/invitations/test_views.py",
    "invitations:run_sync": "tests/appointments/invitations/test_views.py",
    "invitations:invitation_pdf": "tests/appointments/invitations/test_views.py",
    "invitations:invitation_status": "tests/appointments/invitations/test_views.py",
}
PUBLIC: set[str] = set()
