"""PostgreSQL row-level security on the person tables (the second fence behind the policy)."""

from django.db import migrations

from lotse.core.tenancy import rls_drop_sql, rls_policy_sql

TABLES = ["people_person", "people_personname", "people_nametoken", "people_statusperiod",
          "people_relation", "people_household", "core_accesslog"]


def enable(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(rls_policy_sql(table))


def disable(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(rls_drop_sql(table))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(enable, disable)]
