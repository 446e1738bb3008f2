"""Trigram indexes for the searches by name, employee no. and phone (PostgreSQL only).

Every search box in the application is a "contains" (`icontains`: UPPER(column) LIKE UPPER('%q%')), which
no b-tree index serves: at 50,000 engineers each search read the whole table. A GIN index of the column's
trigrams on the same UPPER() expression lets PostgreSQL find the matches. SQLite has no pg_trgm: there the
migration does nothing (the embedded default holds a demo company)."""

from django.db import migrations

COLUMNS = ("name", "employee_no", "phone")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS engineer_{column}_trgm ON engineers_engineer "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS engineer_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("engineers", "0011_certificate_level_and_issuer")]

    operations = [migrations.RunPython(create, drop)]
