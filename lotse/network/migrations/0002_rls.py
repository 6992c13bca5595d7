"""PostgreSQL row-level security on the network tables (as for the case tables)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [
        rls_migration(
            ["network_offering", "network_referral", "network_transfer", "network_obstacle"]
        ),
    ]
