"""tests/test_url_permissions.py merges `tests/*/url_permissions.py` one level deep; the on-site
tests live in tests/appointments/onsite/, so this module re-exports their entries."""

from tests.appointments.onsite.url_permissions import PERMISSION_TESTS, PUBLIC

__all__ = ["PERMISSION_TESTS", "PUBLIC"]
