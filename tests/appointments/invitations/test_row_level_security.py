"""The invitation tables are fenced by PostgreSQL row-level security like the person tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from lotse.appointments.invitations import selectors, services
from lotse.core import tenancy

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
TABLES = ["appointments_invitationrun", "appointments_invitation"]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_rows_are_visible_only_in_their_kommune(
    app_role, personas, location, service, make_person, make_slots, today, kommune_b
):
    make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=1)
    selection = selectors.Selection(weeks=8, location=location, service=service, groups=("AE",))
    services.invitation_run_create(by=personas["abh_a"], selection=selection)
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert [_count(t) for t in TABLES] == [0, 0]
    tenancy.set_kommune(location.kommune_id)
    assert [_count(t) for t in TABLES] == [1, 1]
    tenancy.clear()
