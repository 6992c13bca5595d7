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
