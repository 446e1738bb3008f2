"""Loading many rows fast: PostgreSQL's COPY where available, bulk_create elsewhere.

The close writes tens of thousands of payslip lines with JSON traces; bulk_create's
array-based insert spends most of its time escaping that JSON on the client.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection


class JSONText(str):
    """A JSON value already serialised (read as text from another JSON column): written as is."""


def _json(value) -> str:
    if isinstance(value, JSONText):
        return value
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def copy_insert(model, fields: list[str], rows: Iterable[tuple]) -> None:
    """Insert `rows` (values in the order of `fields`; a foreign key takes the id); no ids returned."""
    columns = [model._meta.get_field(f) for f in fields]
    is_json = [c.get_internal_type() == "JSONField" for c in columns]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            (
                model(
                    **{
                        c.attname: json.loads(v) if isinstance(v, JSONText) else v
                        for c, v in zip(columns, row, strict=True)
                    }
                )
                for row in rows
            ),
            batch_size=2000,
        )
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c.column) for c in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_json(v) if j else v for v, j in zip(row, is_json, strict=True)])


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys for rows about to be inserted with explicit ids (inside the caller's transaction)."""
    if count == 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # Elsewhere (SQLite) writers are serialised: the ids after the highest are free.
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(pk)}), 0) FROM {connection.ops.quote_name(table)}"
        )
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))
