"""The close in chunks over Celery workers (payroll/chunks.py): the same payslips as the single close to the fen,
one set whatever is delivered twice or killed half-way, a run that keeps failing leaves the month open and
empty, and each chunk reads only its own engineers."""

from __future__ import annotations

import os
import re
import threading
import time

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from core.roles import Role
from ledger.models import PayPeriod, PeriodEvent
from payroll import chunks, closing, tasks
from payroll.close import TOTAL_COLUMNS, close_claim, period_close, period_reopen
from payroll.models import ChunkStatus, CloseChunk, Payslip, PayslipLine
from payroll.selectors import visible_payslips
from payroll.tests.test_close_races import actions, log, start_worker, wait_for

pytestmark = pytest.mark.django_db


def snapshot(period: PayPeriod) -> dict:
    """Every payslip of the month by engineer: its totals and its lines in order, traces included."""
    slips = {
        row[0]: row[1:]
        for row in Payslip.objects.filter(period=period).values_list("engineer_id", "department_name", *TOTAL_COLUMNS)
    }
    lines: dict[int, list] = {engineer_id: [] for engineer_id in slips}
    for row in (
        PayslipLine.objects.filter(payslip__period=period)
        .order_by("payslip__engineer_id", "id")
        .values_list(
            "payslip__engineer_id", "kind", "description", "amount", "rule", "policy_version", "source", "trace"
        )
    ):
        lines[row[0]].append(row[1:])
    return {engineer_id: (slips[engineer_id], lines[engineer_id]) for engineer_id in slips}


def close_in_chunks(settings, user, period, size: int, reason: str = "chunked close test"):
    """HR's button with a chunk size below the head count: the embedded default runs every chunk in-process."""
    settings.PAYROLL_CLOSE_CHUNK_SIZE = size
    ticket = closing.close_start(user=user, period=period, reason=reason)
    period.refresh_from_db()
    return ticket


def gm_reopen(period):
    gm = User.objects.filter(username="chunk-gm").first() or make_user("chunk-gm", Role.GENERAL_MANAGER)
    period_reopen(user=gm, period=period, reason="chunked close test")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bench company is written by COPY")
def test_a_generated_company_closed_in_chunks_equals_its_single_close(settings):
    from bench.payroll_bench import add_full_pay, build

    period = build(130, 1300)[0]
    add_full_pay([period])
    hr = make_user("chunk-hr", Role.HR_CLERK)
    period_close(user=hr, period=period, reason="single")
    single = snapshot(period)
    assert len(single) == 130

    gm_reopen(period)
    ticket = close_in_chunks(settings, hr, period, size=40)
    assert period.status == "closed"
    assert list(CloseChunk.objects.filter(run=ticket).values_list("people", flat=True)) == [40, 40, 40, 10]
    assert snapshot(period) == single


def test_a_chunk_killed_half_way_is_retried_and_leaves_one_set_of_payslips(bonus_people, month, monkeypatch, settings):
    c = bonus_people
    real = chunks.write_payslips
    killed = []

    def dies_after_writing(period, policy, people, progress=None, span=None):
        written = real(period, policy, people, progress, span)
        if not killed and span[0] > 0:  # the second chunk dies once, its payslips written but not committed
            killed.append(span)
            raise ConnectionError("worker lost")
        return written

    monkeypatch.setattr(chunks, "write_payslips", dies_after_writing)
    on_payroll = chunks.head_count(month)
    ticket = close_in_chunks(settings, c.hr, month, size=2)

    assert killed and month.status == "closed"
    assert Payslip.objects.filter(period=month).count() == on_payroll
    assert Payslip.objects.filter(period=month).values("engineer").distinct().count() == on_payroll
    retried = CloseChunk.objects.get(run=ticket, first_id=killed[0][0])
    assert (retried.status, retried.attempts) == (ChunkStatus.DONE, 2)
    assert "worker lost" not in retried.error


def test_a_chunk_delivered_again_changes_nothing(bonus_people, month, settings):
    c = bonus_people
    ticket = close_in_chunks(settings, c.hr, month, size=2)
    before = snapshot(month)
    first = CloseChunk.objects.filter(run=ticket).first()
    outcome = tasks.close_chunk.apply(args=(first.pk, c.hr.pk)).get()
    assert outcome["written"] is False and outcome["closed"] is False
    assert snapshot(month) == before
    assert list(PeriodEvent.objects.filter(period=month).values_list("action", flat=True)).count("close") == 1


def test_a_chunk_that_keeps_failing_leaves_the_month_open_without_payslips(bonus_people, month, monkeypatch, settings):
    c = bonus_people

    def always_fails(period, policy, people, progress=None, span=None):
        if span[0] > 0:
            raise RuntimeError("disk full")
        return real(period, policy, people, progress, span)

    real = chunks.write_payslips
    monkeypatch.setattr(chunks, "write_payslips", always_fails)
    with pytest.raises(RuntimeError, match="disk full"):
        close_in_chunks(settings, c.hr, month, size=2)
    month.refresh_from_db()
    assert month.status == "open"
    assert not Payslip.objects.filter(period=month).exists()  # the first chunk's payslips went with the run
    failed = CloseChunk.objects.get(status=ChunkStatus.FAILED)
    assert failed.attempts == tasks.CHUNK_RETRIES + 1 and failed.error == "disk full"
    event = PeriodEvent.objects.filter(period=month).latest("pk")
    assert event.action == "close_failed" and "disk full" in event.reason and f"{failed.number}" in event.reason

    monkeypatch.setattr(chunks, "write_payslips", real)  # the cause is fixed: closing again finishes it
    close_in_chunks(settings, c.hr, month, size=2)
    assert month.status == "closed"
    assert Payslip.objects.filter(period=month).count() == chunks.head_count(month)


def test_a_half_written_run_shows_its_parts_and_hides_its_payslips(client, bonus_people, month, settings):
    c = bonus_people
    settings.PAYROLL_CLOSE_CHUNK_SIZE = 2
    ticket = close_claim(user=c.hr, period=month, reason="by hand")
    planned = chunks.chunks_plan(month, ticket.pk)
    assert len(planned) >= 2
    assert chunks.chunk_close(chunk_id=planned[0].pk) is True
    assert chunks.run_finish(period_id=month.pk, run=ticket.pk, user=c.hr) is False  # the others are waiting
    month.refresh_from_db()
    assert month.status == "closing" and Payslip.objects.filter(period=month).count() == planned[0].people
    assert not visible_payslips(c.hr).filter(period=month).exists()  # nobody reads half a month

    state = closing.close_state(month, month_end(month))
    assert (state.chunks_done, state.chunks_total) == (1, len(planned))
    assert (state.done, state.total) == (planned[0].people, chunks.head_count(month))
    assert state.phase == "stopped"  # the embedded default: nothing runs once the request is over
    client.force_login(c.hr)
    page = client.get(reverse("payroll:period", args=[month.pk])).content.decode()
    assert "close-button" in page  # HR may close again; a new run recomputes every part


def test_a_chunk_reads_only_its_own_engineers(bonus_people, month, settings):
    c = bonus_people
    settings.PAYROLL_CLOSE_CHUNK_SIZE = 2
    ticket = close_claim(user=c.hr, period=month, reason="by hand")
    planned = chunks.chunks_plan(month, ticket.pk)
    with CaptureQueriesContext(connection) as queries:
        chunks.chunk_close(chunk_id=planned[1].pk)
    per_engineer = (
        "engineers_engineer",
        "workorders_participant",
        "ledger_payableitem",
        "appraisal_scorecard",
        "attendance_attendancemonth",
        "engineers_payscheme",
        "engineers_absence",
        "engineers_incident",
    )
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    for table in per_engineer:
        main = [sql for sql in reads if re.search(rf'FROM "?{table}"?\b', sql)]
        assert main, f"the chunk never read {table}"
        assert all(">=" in sql and "<=" in sql for sql in main), f"{table} read beyond the chunk: {main}"


def month_end(period):
    from engineers.selectors import month_bounds

    return month_bounds(period.year, period.month)[1]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker for real workers")
def test_two_workers_close_in_chunks_and_a_worker_killed_mid_chunk_leaves_one_set(
    postgresql, bonus_people, month, monkeypatch, settings, tmp_path
):
    from celery import current_app as app

    c, today = bonus_people, timezone.localdate()
    app.conf.task_always_eager = False  # restored by the autouse fixture
    app.control.purge()
    monkeypatch.setenv("PAYROLL_CLOSE_CHUNK_SIZE", "2")  # the workers' setting: they decide to chunk
    settings.PAYROLL_CLOSE_CHUNK_SIZE = 2
    hold, release = threading.Event(), threading.Event()

    def hold_the_payslips():  # every chunk waits on this lock inside its transaction: a worker is killed there
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Payslip._meta.db_table} IN SHARE MODE")
            hold.set()
            release.wait(90)
        connection.close()

    holder = threading.Thread(target=hold_the_payslips)
    holder.start()
    real_clock = time_machine.travel(time_machine.escape_hatch.time.time(), tick=True)
    real_clock.start()
    workers = {}
    try:
        hold.wait(10)
        workers["one"], workers["two"] = start_worker("one", tmp_path), start_worker("two", tmp_path)
        ticket = closing.close_start(user=c.hr, period=month, reason="two workers")

        def held():
            running = CloseChunk.objects.filter(run=ticket, status=ChunkStatus.RUNNING)
            return running.count() == 2 and all(closing._chunk_held(pk) for pk in running.values_list("pk", flat=True))

        wait_for(held)  # both workers are inside a chunk, one each
        assert closing.close_state(PayPeriod.objects.get(pk=month.pk), today).phase == "running"
        killed = CloseChunk.objects.get(run=ticket, status=ChunkStatus.RUNNING, worker__startswith="one@")
        workers["one"].kill()
        workers["one"].wait()
        release.set()
        holder.join()
        time.sleep(4)  # past the 3 s visibility timeout: a new worker takes the killed chunk's job back
        workers["three"] = start_worker("three", tmp_path)
        wait_for(lambda: PayPeriod.objects.get(pk=month.pk).status == "closed")

        killed.refresh_from_db()
        assert killed.status == ChunkStatus.DONE and not killed.worker.startswith("one@")
        on_payroll = chunks.head_count(month)
        assert Payslip.objects.filter(period=month).count() == on_payroll
        assert Payslip.objects.filter(period=month).values("engineer").distinct().count() == on_payroll
        assert actions(month).count("close") == 1
        chunked = snapshot(month)
    finally:
        release.set()
        for worker in workers.values():
            worker.kill()
            worker.wait()
        real_clock.stop()
        print(log(tmp_path))  # shown when the test fails

    app.conf.task_always_eager = True
    month.refresh_from_db()
    gm_reopen(month)
    period_close(user=c.hr, period=month, reason="single, to compare")
    assert snapshot(month) == chunked


def test_the_scheduled_close_of_a_large_company_runs_in_chunks(bonus_people, settings):
    settings.PAYROLL_CLOSE_CHUNK_SIZE = 2
    october = PayPeriod.objects.create(year=2026, month=10)  # last month on the tests' fixed day, 2026-11-18
    assert tasks.close_last_month() == "queued 2026-10 in chunks"
    october.refresh_from_db()
    assert october.status == "closed"
    assert CloseChunk.objects.filter(period=october).count() == -(-chunks.head_count(october) // 2) > 1
    assert Payslip.objects.filter(period=october).count() == chunks.head_count(october)
