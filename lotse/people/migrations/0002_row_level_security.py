"""PostgreSQL row-level security on the person tables (the second fence behind the policy)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("core", "0001_initial")]
    operations = [
        rls_migration(["people_person", "people_personname", "people_nametoken",
                       "people_statusperiod", "people_relation", "people_household",
                       "core_accesslog"]),
    ]
