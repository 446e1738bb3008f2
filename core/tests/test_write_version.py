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
    assert (
        tables - triggered - {"desk_write_version", "desk_write_mark"} == (UNTRACKED | {"django_migrations"}) & tables
    )
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
