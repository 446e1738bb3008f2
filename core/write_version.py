"""A number that changes when any committed transaction has written the data pages are read from.

PostgreSQL keeps it, with triggers, so no write is missed whatever made it: the ORM, `update()`,
`bulk_create`, raw SQL, COPY, TRUNCATE, the admin, a psql session (the triggers fire ALWAYS, so a
session in replica mode counts too; logical replication's apply fires no statement trigger, so a
subscriber's pages must not be kept). Every table of the application's
models has a statement trigger that, the first time a transaction writes it, marks the transaction
(a setting local to it, undone with a savepoint that rolls back, and a row in desk_write_mark); at
COMMIT a deferred trigger on that row moves one of SLOTS rows of desk_write_version to the next value
of a sequence, in the same commit as the data. The version is the sum of the rows: it grows with
every commit that wrote, and never comes back to a value it had. So
- a reader who reads the version and then the data has data at least as new as the version;
- a committing transaction takes whichever slot no other commit holds (SKIP LOCKED; all held: it adds
  a row): it never waits there, so it cannot deadlock with a commit that holds a slot while its
  deferred foreign-key checks wait for a row this one has locked, and commits still go side by side;
- a statement costs one check of the transaction's setting; a row costs nothing.

Tables written in bulk by the close's chunks, in parallel, and read by no kept page (payslips, their
lines, the chunks themselves), sessions and the login guard's records have no trigger.
desk/tests/test_live_pages.py checks that the kept pages read none of them.

SQLite (the embedded default, one process) has none of this: `write_version()` is None there and
nothing is kept. After restoring a database from a dump or promoting a standby (the sequence may go
back), clear the cache: a kept page under a version the database reaches again would be served for up
to LIVE_PAGES_KEPT_SECONDS."""

from __future__ import annotations

import logging
import re
import secrets

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction

log = logging.getLogger(__name__)

TABLE = "desk_write_slots"
SLOTS = 16
INSTALL_LOCK = 7_020_412  # pg_advisory_lock key: one install at a time, whoever runs `migrate`
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


def _objects(schema: str) -> list[str]:
    """The counter's tables, sequence and functions, each statement its own short transaction. The
    functions run as their owner with a fixed search path (a role that writes the application's tables
    needs no grant on the mark table; reading the version needs SELECT on the slots), only triggers may
    call them, and another schema's tables of the same names are never used. The sequence starts at a
    random value, so another database's versions do not recur here; CACHE 1 keeps its values in the
    order they are taken, whichever session takes them."""
    q = f'"{schema}"'
    body = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
    start = 1 + secrets.randbelow(2**48)
    return [
        f"CREATE SEQUENCE IF NOT EXISTS {q}.desk_write_seq START WITH {start} CACHE 1 NO CYCLE",
        f"CREATE TABLE IF NOT EXISTS {q}.{TABLE} (id bigserial PRIMARY KEY, version bigint NOT NULL)",
        f"INSERT INTO {q}.{TABLE} (version) SELECT 0 FROM generate_series(1, {SLOTS}) "
        f"WHERE NOT EXISTS (SELECT 1 FROM {q}.{TABLE})",
        f"CREATE TABLE IF NOT EXISTS {q}.desk_write_mark (id bigserial PRIMARY KEY)",
        f"DROP TABLE IF EXISTS {q}.desk_write_version",  # this counter's first layout, one row
        f"""CREATE OR REPLACE FUNCTION {q}.desk_note_write() RETURNS trigger {body} AS $$
BEGIN
  IF current_setting('desk.wrote', true) IS DISTINCT FROM 'y' THEN
    PERFORM set_config('desk.wrote', 'y', true);
    INSERT INTO {q}.desk_write_mark DEFAULT VALUES;
  END IF;
  RETURN NULL;
END $$""",
        # Under REPEATABLE READ a slot updated since the snapshot cannot be updated: such a (rare:
        # the application never asks for it) transaction adds a row instead of failing its COMMIT.
        f"""CREATE OR REPLACE FUNCTION {q}.desk_count_commit() RETURNS trigger {body} AS $$
DECLARE slot bigint;
BEGIN
  IF current_setting('transaction_isolation') = 'read committed' THEN
    SELECT id INTO slot FROM {q}.{TABLE} ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
  END IF;
  IF slot IS NULL THEN
    INSERT INTO {q}.{TABLE} (version) VALUES (nextval('{q}.desk_write_seq'));
  ELSE
    UPDATE {q}.{TABLE} SET version = nextval('{q}.desk_write_seq') WHERE id = slot;
  END IF;
  DELETE FROM {q}.desk_write_mark WHERE id = NEW.id;
  RETURN NULL;
END $$""",
        f"REVOKE ALL ON FUNCTION {q}.desk_note_write(), {q}.desk_count_commit() FROM PUBLIC",
    ]


def tracked_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Every table of the installed models (auto-created many-to-many tables included) that exists,
    but for UNTRACKED."""
    existing = set(connections[using].introspection.table_names())
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    return sorted((names & existing) - UNTRACKED)


def install_write_counter(using: str = DEFAULT_DB_ALIAS, **_signal) -> None:
    """Create what is missing of the counter and the triggers, then move the version. Run after each
    `migrate` (post_migrate), so a table a later migration adds is tracked from then on. One install at
    a time (an advisory lock); no lock is held across two statements but for a table's trigger, created
    and enabled ALWAYS in one transaction that waits at most 5 s for the table; the version moves last,
    so what a migration wrote before its table had a trigger is counted."""
    database = connections[using]
    if database.vendor != "postgresql":
        return
    quote = database.ops.quote_name
    with database.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$]*", schema):
            raise ValueError(f"write version: the schema {schema!r} is not a plain identifier")
        cursor.execute("SELECT pg_advisory_lock(%s)", [INSTALL_LOCK])
        try:
            for statement in _objects(schema):
                cursor.execute(statement)
            enabled = _trigger_states(cursor)
            if enabled.get("desk_write_mark") is None:
                cursor.execute(
                    f'CREATE CONSTRAINT TRIGGER desk_count_commit AFTER INSERT ON "{schema}".desk_write_mark '
                    f'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "{schema}".desk_count_commit()'
                )
            if enabled.get("desk_write_mark") != "A":
                cursor.execute(f'ALTER TABLE "{schema}".desk_write_mark ENABLE ALWAYS TRIGGER desk_count_commit')
            for table in tracked_tables(using):
                if enabled.get(table) == "A":
                    continue
                with transaction.atomic(using=using):
                    cursor.execute("SET LOCAL lock_timeout = '5s'")
                    if table not in enabled:
                        cursor.execute(
                            f"CREATE TRIGGER desk_note_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                            f'ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".desk_note_write()'
                        )
                    cursor.execute(f"ALTER TABLE {quote(table)} ENABLE ALWAYS TRIGGER desk_note_write")
        finally:
            slots = f'"{schema}".{TABLE}'
            cursor.execute(
                f"UPDATE {slots} SET version = nextval(%s) WHERE id = (SELECT min(id) FROM {slots})",
                [f'"{schema}".desk_write_seq'],
            )
            cursor.execute("SELECT pg_advisory_unlock(%s)", [INSTALL_LOCK])


def _trigger_states(cursor) -> dict[str, str]:
    """Each visible table with one of the counter's triggers → that trigger's tgenabled ('A': always)."""
    cursor.execute(
        "SELECT c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE pg_table_is_visible(c.oid) AND t.tgname IN ('desk_note_write', 'desk_count_commit')"
    )
    return dict(cursor.fetchall())


def write_version() -> int | None:
    """The version now (one read of SLOTS rows): None on SQLite; in a transaction that has written (what
    it reads is not committed: nothing may be kept from it); and where the counter is not installed (a
    deploy that has not run `migrate` yet: pages are computed, not failed)."""
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT sum(version), current_setting('desk.wrote', true) = 'y' FROM {TABLE}")
            version, written = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        log.warning("write version: not installed (run migrate)", exc_info=True)
        return None
    return None if version is None or written else int(version)
