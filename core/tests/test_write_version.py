"""The write version moves with every committed write to a tracked table, whatever made it, and with
nothing else (PostgreSQL: the version lives there). desk/tests/test_live_pages.py: the pages kept by it."""

import pytest
from django.db import connection, transaction
from django.db.utils import IntegrityError

from core.write_version import UNTRACKED, tracked_tables, write_version

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the write version is PostgreSQL's"),
]


def test_every_table_but_the_untracked_ones_has_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'desk_note_write'"
        )
        triggered = {name for (name,) in cursor.fetchall()}
    tables = set(connection.introspection.table_names())
    assert triggered == set(tracked_tables()) and len(triggered) > 100
    assert tables - triggered - {"desk_write_slots", "desk_write_mark"} == (UNTRACKED | {"django_migrations"}) & tables
    assert {"appraisal_scoreentry", "workorders_bonusrequest", "auth_user_groups", "engineers_engineer"} <= triggered


def test_a_commit_moves_the_version_and_nothing_else_does():
    from django.contrib.auth.models import Group  # any tracked table: core imports no app above it

    Group.objects.create(name="D01")

    def moved(write) -> bool:
        before = write_version()
        try:
            write()
        except IntegrityError:
            pass
        return write_version() != before

    def rolled_back():
        with transaction.atomic():
            Group.objects.create(name="D98")
            raise IntegrityError("rolled back")

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE auth_group SET name = name || '' WHERE name = 'D01'")

    def inner_savepoint_rolled_back_outer_commits():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Group.objects.create(name="D97")
                    raise IntegrityError("inner")
            except IntegrityError:
                pass
            Group.objects.filter(name="D01").update(name="D01")

    def only_a_savepoint_that_rolled_back_wrote():
        with transaction.atomic():
            list(Group.objects.all())
            try:
                with transaction.atomic():
                    Group.objects.create(name="D96")
                    raise IntegrityError("inner")
            except IntegrityError:
                pass

    assert moved(lambda: Group.objects.create(name="D99"))
    assert moved(lambda: Group.objects.filter(name="D99").update(name="D99b"))  # update(): no signal
    assert moved(raw_sql)
    assert moved(inner_savepoint_rolled_back_outer_commits)
    assert not moved(rolled_back)
    assert not moved(only_a_savepoint_that_rolled_back_wrote)  # its mark rolled back with it
    assert moved(lambda: Group.objects.filter(name="none").update(name="x"))  # no row: counted all the same
    assert not moved(lambda: list(Group.objects.all()))
    assert not moved(lambda: connection.cursor().execute("DELETE FROM django_session"))  # untracked


def test_a_transaction_that_has_written_reads_no_version():
    """What it reads is not committed: no page may be kept from it."""
    from django.contrib.auth.models import Group

    with transaction.atomic():
        assert write_version() is not None
        Group.objects.create(name="uncommitted")
        assert write_version() is None
    assert write_version() is not None


def test_installing_again_adds_nothing_and_moves_the_version_once():
    """A second `migrate`'s install: no slot, sequence start or trigger added; a trigger someone switched
    back to ordinary (not ALWAYS) is made ALWAYS again; the version moves by one value of the sequence."""
    from core.write_version import SLOTS, install_write_counter

    def state():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), sum(version) FROM desk_write_slots")
            slots = cursor.fetchone()
            cursor.execute("SELECT last_value FROM desk_write_seq")
            (last,) = cursor.fetchone()
            cursor.execute("SELECT tgname, count(*) FROM pg_trigger WHERE tgname LIKE 'desk_%' GROUP BY tgname")
            triggers = dict(cursor.fetchall())
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'desk_note_write' AND tgenabled = 'A'")
            (always,) = cursor.fetchone()
        return slots, last, triggers, always

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE auth_group ENABLE TRIGGER desk_note_write")  # origin only: replica skips it
    (count, total), last, triggers, always = state()
    install_write_counter()
    (count_after, total_after), last_after, triggers_after, always_after = state()
    assert count_after == count >= SLOTS and triggers_after == triggers == {
        "desk_count_commit": 1,
        "desk_note_write": len(tracked_tables()),
    }
    assert last_after == last + 1 and total_after > total  # one nextval: the version's move
    assert always == len(tracked_tables()) - 1 and always_after == len(tracked_tables())


def test_a_repeatable_read_writer_commits_even_when_every_slot_moved_since_its_snapshot():
    import psycopg
    from django.contrib.auth.models import Group

    settings = connection.settings_dict
    conninfo = dict(host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"])
    with psycopg.connect(**conninfo) as reader:
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        reader.execute("SELECT count(*) FROM auth_group")  # its snapshot
        for n in range(40):  # every slot moves, most likely, after that snapshot
            Group.objects.create(name=f"after-{n}")
        before = write_version()
        reader.execute("INSERT INTO auth_group (name) VALUES ('repeatable')")
        reader.commit()
    assert write_version() > before


def test_a_write_in_replica_mode_still_counts():
    from django.contrib.auth.models import Group

    before = write_version()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
        Group.objects.create(name="replica")
    assert write_version() > before


def test_two_commits_that_wait_for_each_others_rows_do_not_deadlock():
    """T2 holds a group FOR UPDATE and has written; T1 wrote, then linked a user to that group (a foreign
    key checked at COMMIT, after T1 took its slot of the version): T1's commit waits for T2, and T2's
    commit must not wait for T1's slot. With a single row for the version this was a deadlock."""
    import psycopg
    from django.contrib.auth.models import Group, User

    group, user = Group.objects.create(name="held"), User.objects.create(username="linked")
    settings = connection.settings_dict
    conninfo = dict(host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"])
    t2 = psycopg.connect(**conninfo, options="-c lock_timeout=10s")
    try:
        t2.execute("SELECT id FROM auth_group WHERE id = %s FOR UPDATE", [group.pk])
        t2.execute("INSERT INTO auth_group (name) VALUES ('t2')")
        outcome = _race(conninfo, t2, user, group)
    finally:
        t2.close()
    assert outcome == {"t1": "committed"}
    assert Group.objects.filter(name__in=["t1", "t2"]).count() == 2


def _race(conninfo, t2, user, group) -> dict:
    import threading

    import psycopg

    outcome = {}

    def t1():
        with psycopg.connect(**conninfo, options="-c lock_timeout=10s") as t1:
            try:
                t1.execute("INSERT INTO auth_group (name) VALUES ('t1')")
                t1.execute("INSERT INTO auth_user_groups (user_id, group_id) VALUES (%s, %s)", [user.pk, group.pk])
                t1.commit()
                outcome["t1"] = "committed"
            except psycopg.Error as exc:
                outcome["t1"] = repr(exc)

    waiting = threading.Thread(target=t1)
    waiting.start()
    waiting.join(timeout=0.5)  # T1 is now waiting in its COMMIT for T2's lock on the group
    assert waiting.is_alive()
    before = write_version()
    t2.commit()  # raised DeadlockDetected (after deadlock_timeout) with one row
    waiting.join(timeout=15)
    assert write_version() > before
    return outcome
