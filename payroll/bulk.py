"""Loading many rows fast: PostgreSQL's COPY where available, bulk_create elsewhere.

The close writes tens of thousands of payslip lines with JSON traces; bulk_create's
array-based insert spends most of its time escaping that JSON on the client.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection


def copy_insert(model, fields: list[str], rows: Iterable[tuple]) -> None:
    """Insert `rows` (values in the order of `fields`; a foreign key takes the id); no ids returned."""
    columns = [model._meta.get_field(f) for f in fields]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            (model(**{c.attname: v for c, v in zip(columns, row, strict=True)}) for row in rows), batch_size=2000
        )
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c.column) for c in columns)
    is_json = [c.get_internal_type() == "JSONField" for c in columns]
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(v, cls=DjangoJSONEncoder, ensure_ascii=False) if j else v
                    for v, j in zip(row, is_json, strict=True)
                ]
            )
