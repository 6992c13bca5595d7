"""PostgreSQL row-level security context: the second fence behind the policy module.

Tenant-scoped tables only show rows of the Kommune named in the session setting
`lotse.kommune_id` (policies created with `rls_migration` by each app's migrations).
A request sets it from the logged-in user; system jobs (demo data, nightly screening, audit)
open an explicit `system_context()`. On SQLite these are no-ops.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

KOMMUNE_SETTING = "lotse.kommune_id"
BYPASS_SETTING = "lotse.rls_bypass"


def _set(name: str, value: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def set_kommune(kommune_id: int | None) -> None:
    _set(KOMMUNE_SETTING, "" if kommune_id is None else str(kommune_id))


def clear() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:  # one round trip: it runs after every request
        cursor.execute(
            "SELECT set_config(%s, '', false), set_config(%s, '', false)",
            [KOMMUNE_SETTING, BYPASS_SETTING],
        )


@contextmanager
def system_context() -> Iterator[None]:
    """For jobs that legitimately work across Kommunen; every use is a documented job."""
    _set(BYPASS_SETTING, "on")
    try:
        yield
    finally:
        _set(BYPASS_SETTING, "")


@contextmanager
def handed_to_workers() -> Iterator[tuple[str, str]]:
    """Close this process's connection so forked workers open their own, and hand them the
    current settings (Kommune, bypass) to `adopt`; restored here afterwards.

    A forked child must never use the parent's socket (the server would see two clients on
    one session), so the parent closes it before the fork and reconnects lazily after.
    """
    settings = ("", "")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting(%s, true), current_setting(%s, true)",
                [KOMMUNE_SETTING, BYPASS_SETTING],
            )
            kommune, bypass = cursor.fetchone() or ("", "")
        settings = (kommune or "", bypass or "")
    connection.close()
    try:
        yield settings
    finally:
        adopt(settings)


def adopt(settings: tuple[str, str]) -> None:
    """Take over the tenant settings `handed_to_workers` yielded (on this process's connection)."""
    kommune, bypass = settings
    if kommune:
        _set(KOMMUNE_SETTING, kommune)
    if bypass:
        _set(BYPASS_SETTING, bypass)


def rls_policy_sql(table: str, kommune_column: str = "kommune_id") -> str:
    """SQL that turns on row-level security for a table with a Kommune column."""
    current = f"NULLIF(current_setting('{KOMMUNE_SETTING}', true), '')::bigint"
    return f"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS lotse_tenant ON {table};
        CREATE POLICY lotse_tenant ON {table}
          USING (current_setting('{BYPASS_SETTING}', true) = 'on'
                 OR {kommune_column} = {current})
          WITH CHECK (current_setting('{BYPASS_SETTING}', true) = 'on'
                 OR {kommune_column} = {current});
    """


def rls_drop_sql(table: str) -> str:
    return f"""
        DROP POLICY IF EXISTS lotse_tenant ON {table};
        ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
    """


def rls_migration(tables: list[str]) -> Any:
    """A migration operation that fences these tables (no-op outside PostgreSQL)."""
    from django.db import migrations

    def enable(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(rls_policy_sql(table))

    def disable(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(rls_drop_sql(table))

    return migrations.RunPython(enable, disable)
