"""Fast inserts of many rows without building model instances (imports, nightly jobs).

`bulk_create` instantiates and prepares every object; for hundreds of thousands of small
rows (name-search tokens, stored screening results) plain `executemany` on SQLite and `COPY`
on PostgreSQL are several times faster. Values are prepared by the backend's own adapters, so
JSON and dates are stored exactly as the ORM would store them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models


class JsonText(str):
    """A value for a JSONField column that is already JSON text (serialised elsewhere, e.g. in
    a worker process); inserted as it is instead of being encoded again."""


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """INSERT rows (tuples in the order of `fields`, which are attribute names like
    "person_id"); returns the number of rows. No signals, no primary keys returned."""
    meta = model._meta
    concrete: list[models.Field[Any, Any]] = []
    for name in fields:
        field = meta.get_field(name.removesuffix("_id"))
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is not a concrete field of {meta.label}")
        concrete.append(field)
    prepare = [_preparer(f) for f in concrete]
    columns = ", ".join(
        connection.ops.quote_name(f.get_attname_column()[1] or "") for f in concrete
    )
    placeholders = ", ".join(["%s"] * len(concrete))
    table = connection.ops.quote_name(meta.db_table)
    # Table and column names come from the model, values travel as parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    prepared = [
        tuple(
            value if prep is None else prep(value) for value, prep in zip(row, prepare, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY skips per-statement parsing and planning; it runs inside the caller's
            # transaction like any INSERT, and row-level security policies apply to it.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            for start in range(0, len(prepared), 10000):
                cursor.executemany(sql, prepared[start : start + 10000])
    return len(prepared)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for `count` new rows, so callers can insert parents and children in bulk
    without reading ids back. Call inside a transaction (on SQLite it holds the write lock from
    its start, so nobody else takes the same ids)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite AUTOINCREMENT never reuses an id, even of deleted rows: start after both.
        quoted = connection.ops.quote_name(table)
        cursor.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {quoted}), 0), "  # noqa: S608
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def insert_objects(
    model: type[models.Model], fields: Sequence[str], objects: Iterable[models.Model]
) -> int:
    """insert_rows for unsaved instances: the named attributes of each become its row."""
    return insert_rows(model, fields, [tuple(getattr(o, f) for f in fields) for o in objects])


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """None for values the driver takes as they are; else the backend's adapter for the
    field type (what get_db_prep_save ends in, without the call chain per value)."""
    ops = connection.ops
    if isinstance(
        field, models.ForeignKey | models.IntegerField | models.CharField | models.BooleanField
    ):
        return None
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: (
            value if isinstance(value, JsonText) else ops.adapt_json_value(value, encoder)
        )
    if isinstance(field, models.DateField):  # DateTimeField included
        if connection.vendor == "postgresql":
            return None  # psycopg adapts dates itself (Django's PostgreSQL adapters return them)
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        return ops.adapt_datefield_value

    def prepare(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return prepare
