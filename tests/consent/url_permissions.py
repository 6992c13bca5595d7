"""Where the persona tests of the Art. 15 and retention URLs live (merged by
tests/test_url_permissions.py)."""

PERMISSION_TESTS = {
    "consent:subject_access": "tests/consent/test_subject_access.py",
    "consent:subject_access_pdf": "tests/consent/test_subject_access.py",
    "consent:subject_access_json": "tests/consent/test_subject_access.py",
    "consent:subject_access_find": "tests/consent/test_subject_access.py",
    "consent:retention": "tests/consent/test_retention_views.py",
    "consent:retention_edit": "tests/consent/test_retention_views.py",
}
