"""URL names of the planning app → their persona tests (merged by tests/test_url_permissions)."""

PERMISSION_TESTS = {
    "appointments_planning:list": "tests/appointments/planning/test_views.py",
    "appointments_planning:create": "tests/appointments/planning/test_views.py",
    "appointments_planning:upload": "tests/appointments/planning/test_views.py",
    "appointments_planning:compare": "tests/appointments/planning/test_views.py",
    "appointments_planning:report_pdf": "tests/appointments/planning/test_views.py",
    "appointments_planning:edit": "tests/appointments/planning/test_views.py",
    "appointments_planning:duplicate": "tests/appointments/planning/test_views.py",
    "appointments_planning:delete": "tests/appointments/planning/test_views.py",
    "appointments_planning:download": "tests/appointments/planning/test_views.py",
}
PUBLIC: set[str] = set()
