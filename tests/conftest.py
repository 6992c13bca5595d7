"""Persona fixtures (style.md §4): fixed people in two Kommunen, shared by all tests."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from lotse.core.models import Kommune, Organisation, Role, User

PASSWORD = "Test-Passwort-2026"


def pytest_collection_modifyitems(config, items):  # noqa: ANN001, ANN201
    # Browser tests need Chromium; without it they are skipped locally but fail in CI.
    from shutil import which

    if which("chromium") or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="chromium not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def kommune_a(db) -> Kommune:  # noqa: ANN001
    return Kommune.objects.create(name="Kreis A")


@pytest.fixture
def kommune_b(db) -> Kommune:  # noqa: ANN001
    return Kommune.objects.create(name="Stadt B")


def _org(kommune: Kommune, kind: str, name: str) -> Organisation:
    return Organisation.objects.create(
        kommune=kommune, kind=kind, name=name, require_second_factor=False
    )


@pytest.fixture
def orgs(kommune_a: Kommune, kommune_b: Kommune) -> dict[str, Organisation]:
    K = Organisation.Kind
    return {
        "abh_a": _org(kommune_a, K.ABH, "ABH A"),
        "ki_a": _org(kommune_a, K.KI, "KI A"),
        "jobcenter_a": _org(kommune_a, K.JOBCENTER, "Jobcenter A"),
        "ki_b": _org(kommune_b, K.KI, "KI B"),
        "abh_b": _org(kommune_b, K.ABH, "ABH B"),
        "land": _org(Kommune.objects.create(name="Land"), K.LAND, "Ministerium"),
    }


def make_user(username: str, role: str, organisation: Organisation | None) -> User:
    user = User(username=username, role=role, organisation=organisation)
    user.set_password(PASSWORD)
    user.save()
    return user


PERSONAS = {
    "lotsin_a": (Role.LOTSIN, "abh_a"),
    "abh_a": (Role.ABH_SB, "abh_a"),
    "front_a": (Role.FRONTOFFICE, "abh_a"),
    "cm_a": (Role.CASE_MANAGER, "ki_a"),
    "cm_b": (Role.CASE_MANAGER, "ki_b"),
    "lotsin_b": (Role.LOTSIN, "abh_b"),
    "jobcenter_a": (Role.PARTNER, "jobcenter_a"),
    "stat_a": (Role.STATISTIK, "ki_a"),
    "land": (Role.LAND, "land"),
    "admin_a": (Role.ADMIN, "ki_a"),
    "admin_b": (Role.ADMIN, "ki_b"),
}


@pytest.fixture
def personas(orgs: dict[str, Organisation], settings) -> dict[str, User]:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return {name: make_user(name, role, orgs[org]) for name, (role, org) in PERSONAS.items()}


@pytest.fixture
def client_for(personas: dict[str, User]):  # noqa: ANN201
    """A logged-in client for a persona name (second factor not required in these orgs)."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(personas[name])
        return client

    return make


@pytest.fixture
def app_role(db):  # noqa: ANN001, ANN201
    """A non-superuser role like the application's in production (RLS applies to it);
    tests switch to it with SET ROLE lotse_app_test. PostgreSQL only."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row-level security exists only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN CREATE ROLE lotse_app_test NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
        )
        cursor.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lotse_app_test"
        )
        cursor.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO lotse_app_test")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
