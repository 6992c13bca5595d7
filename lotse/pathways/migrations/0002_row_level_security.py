"""PostgreSQL row-level security on the screening tables (as for the person tables)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]
    operations = [
        rls_migration(["pathways_screeningresult", "pathways_perspectivecase", "pathways_openstep"]),
    ]
