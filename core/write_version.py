"""A number that changes when any committed transaction has written the data pages are read from.

PostgreSQL keeps it, with triggers, so no write is missed whatever made it: the ORM, `update()`,
`bulk_create`, raw SQL, COPY, the admin, a psql session. Every table of the application's models has
a statement trigger that, the first time a transaction writes it, marks the transaction; at COMMIT a
deferred trigger sets the number to the next value of a sequence. So
- the number moves only when a transaction that wrote commits, in the same commit as its data: a reader
  who reads number N and then the data has data at least as new as N, and anything kept under N is
  replaced at the next commit (a value is never given twice);
- the lock it takes is one row for the moment of a commit, not for the life of a transaction, and a
  single row cannot deadlock two transactions that write the same tables in other orders;
- a statement costs one check of a transaction setting; a row costs nothing.

Tables written in bulk by the close's chunks, in parallel, and read by no kept page (payslips, their
lines, the chunks themselves), sessions and the login guard's records have no trigger: a chunk's
commit does not wait on another's. `core/tests/test_live_pages.py` checks that the kept pages read
none of them.

SQLite (the embedded default, one process) has none of this: `write_version()` is None there and
nothing is kept."""

from __future__ import annotations

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections

TABLE = "desk_write_version"
UNTRACKED = frozenset(
    {
        "payroll_payslip",
        "payroll_payslipline",
        "payroll_closechunk",
        "django_session",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
)

_FUNCTIONS = f"""
CREATE SEQUENCE IF NOT EXISTS desk_write_seq;
CREATE TABLE IF NOT EXISTS {TABLE} (id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
CREATE TABLE IF NOT EXISTS desk_write_mark (id bigserial PRIMARY KEY);

-- A statement that wrote a tracked table: mark the transaction once (a setting local to it, undone
-- with a savepoint that rolls back), with a row whose deferred trigger runs at COMMIT.
CREATE OR REPLACE FUNCTION desk_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('desk.wrote', true) IS DISTINCT FROM 'y' THEN
    PERFORM set_config('desk.wrote', 'y', true);
    INSERT INTO desk_write_mark DEFAULT VALUES;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION desk_count_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {TABLE} (id, version) VALUES (1, nextval('desk_write_seq'))
    ON CONFLICT (id) DO UPDATE SET version = nextval('desk_write_seq');
  DELETE FROM desk_write_mark WHERE id = NEW.id;
  RETURN NULL;
END $$;

-- Installing (after each migrate) is a write too: what a migration did before its tables had triggers.
INSERT INTO {TABLE} (id, version) VALUES (1, nextval('desk_write_seq'))
  ON CONFLICT (id) DO UPDATE SET version = nextval('desk_write_seq');

DROP TRIGGER IF EXISTS desk_count_commit ON desk_write_mark;
CREATE CONSTRAINT TRIGGER desk_count_commit AFTER INSERT ON desk_write_mark
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION desk_count_commit();
"""


def tracked_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Every table of the installed models (auto-created many-to-many tables included) that exists,
    but for UNTRACKED."""
    existing = set(connections[using].introspection.table_names())
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    return sorted((names & existing) - UNTRACKED)


def install_write_counter(using: str = DEFAULT_DB_ALIAS, **_signal) -> None:
    """Create (again: it is idempotent) the counter and a trigger on every tracked table. Run after each
    `migrate` (post_migrate), so a table a later migration adds is tracked from then on."""
    database = connections[using]
    if database.vendor != "postgresql":
        return
    quote = database.ops.quote_name
    with database.cursor() as cursor:
        cursor.execute(_FUNCTIONS)
        for table in tracked_tables(using):
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER desk_note_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION desk_note_write()"
            )


def write_version() -> int | None:
    """The number now (one primary-key read): None on SQLite."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {TABLE} WHERE id = 1")
        found = cursor.fetchone()
    return found[0] if found else None
