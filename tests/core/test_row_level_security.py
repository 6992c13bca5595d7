"""PostgreSQL row-level security: the second fence behind the policy module."""

from __future__ import annotations

import pytest
from django.db import connection

from lotse.core import tenancy
from lotse.people.models import Person
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _as_app_role():
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")


def _count(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_query_without_tenant_context_returns_nothing(app_role, personas):
    person(personas["lotsin_a"])
    person(personas["lotsin_b"])
    _as_app_role()
    tenancy.clear()
    assert Person.objects.count() == 0
    assert _count("SELECT count(*) FROM people_nametoken") == 0
    assert _count("SELECT count(*) FROM pathways_screeningresult") == 0
    assert _count("SELECT count(*) FROM pathways_pendingscreening") == 0


def test_tenant_context_shows_only_that_kommune(app_role, personas, kommune_a):
    person(personas["lotsin_a"])
    person(personas["lotsin_b"])
    _as_app_role()
    tenancy.set_kommune(kommune_a.pk)
    assert list(Person.objects.values_list("kommune_id", flat=True)) == [kommune_a.pk]
    tenancy.clear()


def test_writing_into_another_kommune_is_refused(app_role, personas, kommune_a, orgs):
    from django.db import DatabaseError, transaction

    _as_app_role()
    tenancy.set_kommune(kommune_a.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        Person.objects.create(
            kommune=orgs["ki_b"].kommune, organisation=orgs["ki_b"], family_name="X", sort_name="x"
        )
    tenancy.clear()


def test_system_context_sees_everything(app_role, personas):
    person(personas["lotsin_a"])
    person(personas["lotsin_b"])
    _as_app_role()
    with tenancy.system_context():
        assert Person.objects.count() == 2


def test_request_sets_and_clears_the_context(app_role, client_for, personas):
    amina = person(personas["lotsin_a"])
    _as_app_role()
    client = client_for("lotsin_a")
    assert client.get(f"/personen/{amina.pk}/").status_code == 200
    assert _count("SELECT count(*) FROM people_person") == 0  # cleared after the request
