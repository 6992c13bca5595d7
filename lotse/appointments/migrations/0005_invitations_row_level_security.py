"""PostgreSQL row-level security on the invitation tables (they refer to persons)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("appointments", "0004_invitations")]
    operations = [
        rls_migration(["appointments_invitationrun", "appointments_invitation"]),
    ]
