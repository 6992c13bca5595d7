"""PostgreSQL row-level security on the consent tables (the second fence behind the policy)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]
    operations = [
        rls_migration(["consent_consent", "consent_consentrecipient", "consent_legalbasis",
                       "consent_disclosure"]),
    ]
