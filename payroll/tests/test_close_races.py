"""The close against real concurrency (PostgreSQL row locks) and a real worker killed mid-close (Redis).

Skipped on the embedded default: SQLite has no row locks and runs jobs in-process."""

import os
import subprocess
import sys
import threading
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.errors import DomainError
from ledger.models import PayableItem, PayPeriod, PeriodEvent
from payroll import closing, tasks
from payroll.close import period_close
from payroll.models import Payslip, PayslipLine
from workorders.bonus import services as bonus
from workorders.models import BonusRequest

ROOT = Path(__file__).resolve().parents[2]
REFUSALS = ("period.closed", "period.closing")


def actions(period):
    return list(PeriodEvent.objects.filter(period=period).values_list("action", flat=True))


def in_threads(*jobs, timeout=120):
    """Run the jobs at once, each on its own connection; what each ended with, in order."""
    barrier, outcomes = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(n, job):
        try:
            barrier.wait()
            job()
            outcomes[n] = "ok"
        except DomainError as exc:
            outcomes[n] = str(exc.code)
        except Exception as exc:  # a deadlock, a 500 in waiting
            outcomes[n] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    assert not any(t.is_alive() for t in threads), "a job hung: a lock wait with no end"
    return outcomes


def test_closes_racing_approvals_neither_deadlock_nor_lose_money(postgresql, bonus_people, month, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    requests = []
    for n in range(9):
        # Only engineers eligible for an individual incentive (Zhao Min has one year's service and no
        # special skill): every outcome is then "ok" or the period's refusal, whichever wins the race.
        engineer = (c.zhang, c.li)[n % 2]
        project = make_work_order(
            reported=today, resolved=today, is_special=True, lines=(("AZ-101", "1"),), people=((engineer, "1"),)
        )
        r = bonus.bonus_request_propose(
            user=c.qs, kind="individual", work_order=project, engineer=engineer, rate=D("0.03"), rated_excellent=True
        )
        requests.append(bonus.bonus_request_transition(user=c.supervisor, request=r, action="submit"))

    def approve(r):
        return lambda: bonus.bonus_request_transition(user=c.manager, request=r, action="approve")

    def close():
        period_close(user=c.hr, period=PayPeriod.objects.get(pk=month.pk), reason="race")

    outcomes = in_threads(*(approve(r) for r in requests), close, close)

    assert [o for o in outcomes if o != "ok" and o not in REFUSALS] == []
    month.refresh_from_db()
    assert month.status == "closed" and actions(month).count("close") == 1
    # Every item of the month is on a payslip: nothing landed after the close read the month.
    items = set(PayableItem.objects.filter(period=month).values_list("source", "engineer_id"))
    lines = set(PayslipLine.objects.filter(payslip__period=month).values_list("source", "payslip__engineer_id"))
    assert items <= lines
    for r in BonusRequest.objects.filter(pk__in=[r.pk for r in requests]):
        paid = PayableItem.objects.filter(source=f"bonus_request:{r.pk}").exists()
        assert (r.status, paid) in (("approved", True), ("submitted", False))


# --- a real worker on Redis, killed in the middle of a close ---------------------------------


def start_worker(name, log_dir):
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", ""),  # the test's progress records
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "-n", f"{name}@%h", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(log_dir / f"worker-{name}.log").open("w"),
    )  # fmt: skip
    wait_for(lambda: closing.current_app.control.ping(destination=[f"{name}@{os.uname().nodename}"], timeout=0.5))
    return worker


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def log(log_dir):
    return "".join(path.read_text() for path in log_dir.glob("worker-*.log"))


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker for a real worker")
def test_a_worker_killed_mid_close_leaves_the_month_consistent_and_a_retry_closes_it(
    postgresql, bonus_people, month, monkeypatch, tmp_path
):
    from celery import current_app as app

    c, today = bonus_people, timezone.localdate()
    app.conf.task_always_eager = False  # restored by the autouse fixture
    monkeypatch.setattr(closing, "STARTING_GRACE_SECONDS", 1)
    app.control.purge()
    workers = [start_worker("first", tmp_path)]
    hold, release = threading.Event(), threading.Event()

    def hold_the_payslips():  # the close, holding the period's lock, waits on this one: it is killed there
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Payslip._meta.db_table} IN SHARE MODE")
            hold.set()
            release.wait(60)
        connection.close()

    holder = threading.Thread(target=hold_the_payslips)
    holder.start()
    # The workers run on the real clock; so does the page's "how long since the worker spoke".
    real_clock = time_machine.travel(time_machine.escape_hatch.time.time(), tick=True)
    real_clock.start()
    try:
        hold.wait(10)
        ticket = closing.close_start(user=c.hr, period=month, reason="kill test")
        # The worker took the job and holds the period's lock (the page's "running" is the database's word).
        wait_for(lambda: tasks.progress_of(month.pk).get("state") == "running")
        wait_for(lambda: closing._close_transaction_running(PayPeriod.objects.get(pk=month.pk)))
        assert closing.close_state(PayPeriod.objects.get(pk=month.pk), today).phase == "running"
        workers[0].kill()
        workers[0].wait()
        release.set()
        holder.join()
        time.sleep(1.5)

        month.refresh_from_db()
        assert month.status == "closing" and not Payslip.objects.filter(period=month).exists()
        assert closing.close_state(month, today).phase == "stopped"

        # HR retries while no worker runs yet (the page offered it); the queued retry waits for one.
        monkeypatch.setattr(closing, "workers_alive", lambda: True)
        closing.close_start(user=c.hr, period=month, reason="retry")
        time.sleep(4)  # past the 3 s visibility timeout: the new worker takes the dead run's job back at once
        workers.append(start_worker("second", tmp_path))
        wait_for(lambda: PayPeriod.objects.get(pk=month.pk).status == "closed")
        assert Payslip.objects.filter(period=month).count() == 4
        assert actions(month) == ["close_started", "close_failed", "close_started", "close"]
        # The dead run's job comes back after the visibility timeout: its ticket is stale, it changes nothing.
        wait_for(lambda: f"close_period[close-{month.pk}-{ticket.pk}] succeeded" in log(tmp_path), 30)
        assert actions(month) == ["close_started", "close_failed", "close_started", "close"]
        assert PayPeriod.objects.get(pk=month.pk).status == "closed"
    finally:
        release.set()
        for worker in workers:
            worker.kill()
            worker.wait()
        real_clock.stop()
        print(log(tmp_path))  # shown when the test fails
