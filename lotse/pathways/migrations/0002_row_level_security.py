"""PostgreSQL row-level security on the screening tables (as for the person tables)."""

from django.db import migrations

from lotse.core.tenancy import rls_drop_sql, rls_policy_sql

TABLES = ["pathways_screeningresult", "pathways_perspectivecase", "pathways_openstep"]


def enable(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(rls_policy_sql(table))


def disable(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(rls_drop_sql(table))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]
    operations = [migrations.RunPython(enable, disable)]
