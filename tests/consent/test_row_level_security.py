"""The consent tables are fenced by PostgreSQL row-level security like the person tables."""

from __future__ import annotations

import pytest
from django.db import connection

from lotse.consent import disclosure
from lotse.core import tenancy
from tests.consent.factories import consent

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TABLES = ["consent_consent", "consent_consentrecipient", "consent_legalbasis", "consent_disclosure"]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_rows_are_visible_only_in_their_kommune(app_role, personas, orgs, amina, kommune_b):
    consent(personas["cm_a"], amina, [orgs["jobcenter_a"]])
    disclosure.require(personas["jobcenter_a"], amina, "UEBERLEITUNG", "STAMMDATEN")
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert [_count(t) for t in TABLES] == [0, 0, 0, 0]
    tenancy.set_kommune(amina.kommune_id)
    assert _count("consent_consent") == 1 and _count("consent_disclosure") == 1
    assert disclosure.check(personas["jobcenter_a"], amina, "UEBERLEITUNG", "STAMMDATEN")
    tenancy.clear()


def test_retention_and_rectification_rows_are_fenced(app_role, personas, orgs, amina, kommune_b):
    import datetime as dt

    from lotse.consent import retention, services
    from lotse.people.services import person_data_of, person_update

    services.retention_rule_set(
        by=personas["admin_a"], record_type="people.person_without_case", months=12, action="DELETE"
    )
    retention.mark_done(
        organisation=orgs["ki_a"],
        record_type="x.y",
        ids=[1],
        action="ANONYMISE",
        today=dt.date(2026, 1, 1),
    )
    person_update(by=personas["cm_a"], person=amina, data=person_data_of(amina), on_request=True)
    tables = ["consent_retentionrule", "consent_retentiondone", "people_rectification"]
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert [_count(t) for t in tables] == [0, 0, 0]
    tenancy.set_kommune(amina.kommune_id)
    assert [_count(t) for t in tables] == [1, 1, 1]
    tenancy.clear()
