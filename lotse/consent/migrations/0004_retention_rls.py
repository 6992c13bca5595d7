"""Row-level security on the retention tables (they carry the Kommune like every consent table)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_retention")]
    operations = [rls_migration(["consent_retentionrule", "consent_retentiondone"])]
