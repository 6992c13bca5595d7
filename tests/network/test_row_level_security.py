"""The network tables are fenced by PostgreSQL row-level security like the case tables."""

from __future__ import annotations

import pytest
from django.db import connection

from lotse.core import tenancy
from lotse.network import services

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TABLES = ["network_offering", "network_referral", "network_obstacle"]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_rows_are_visible_only_in_their_kommune(app_role, personas, referral, kommune_b):
    services.obstacle_record(
        by=personas["cm_a"],
        case=referral.case,
        data=services.ObstacleData(field="ARBEIT", kind="GAP", description="Kein Angebot"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert [_count(t) for t in TABLES] == [0, 0, 0]
    tenancy.set_kommune(referral.kommune_id)
    assert [_count(t) for t in TABLES] == [1, 1, 1]
    tenancy.clear()
