"""PostgreSQL row-level security on the tables with personal data (bookings, waiting list).

The public portal has no logged-in user: its views set the tenant context from the Location
being booked (see lotse/appointments/portal.py, docs/appointments.md)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]
    operations = [
        rls_migration(["appointments_booking", "appointments_waitinglistentry"]),
    ]
