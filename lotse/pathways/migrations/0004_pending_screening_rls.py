"""Row-level security on the screening queue (as for every table with person data)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("pathways", "0003_pending_screening")]
    operations = [rls_migration(["pathways_pendingscreening"])]
