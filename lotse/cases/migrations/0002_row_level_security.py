"""PostgreSQL row-level security on every case table (as for the person tables)."""

from django.db import migrations

from lotse.core.tenancy import rls_migration

TABLES = [
    "cases_case",
    "cases_casestatuschange",
    "cases_assessment",
    "cases_assessmentitem",
    "cases_plan",
    "cases_planversion",
    "cases_goal",
    "cases_objective",
    "cases_step",
    "cases_task",
    "cases_note",
    "cases_document",
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [rls_migration(TABLES)]
