#!/usr/bin/env python
"""The close at scale on real Celery workers: wall time and each worker's peak memory, chunked against single.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/incentive_scale REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/close_scale_bench.py --engineers 50000 100000 --workers 1 2 4

For each company size it builds a company with bench/payroll_bench.py (`--lines` work-order lines per
engineer, full pay: schemes, attendance, tax claims), closes the month once in one process (the single
transaction a small company uses) and keeps a digest of every payslip line, then for each worker count
starts that many `celery worker --pool=solo` processes (one process each, so a process's peak resident
memory, VmHWM from /proc, is one worker's), queues the close exactly as HR's button does and waits for
the period to be closed. It prints the wall time from the queueing to the closed period, each worker's
peak memory beside its resident memory before the close (what Django and Celery take idle), the chunks
each worker wrote, and whether the payslips equal the single close's to the fen (digest of every line).
The Redis database is flushed between runs (the close queues the period's PDFs when it ends; no run
inherits another's jobs). Chunk size: PAYROLL_CLOSE_CHUNK_SIZE (default 5,000).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/incentive_scale")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")

DIGEST = """
    SELECT count(*), COALESCE(sum(l.amount), 0),
           md5(string_agg(p.engineer_id || ':' || l.kind || ':' || l.amount || ':' || md5(l.trace::text), ','
                          ORDER BY p.engineer_id, l.id))
    FROM payroll_payslipline l JOIN payroll_payslip p ON p.id = l.payslip_id WHERE p.period_id = %s
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engineers", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--lines", type=int, default=20, help="work-order lines per engineer")
    args = parser.parse_args()

    from payroll_bench import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"chunk size {settings.PAYROLL_CLOSE_CHUNK_SIZE}; {os.cpu_count()} cores; Redis {settings.REDIS_URL}")
    for n in args.engineers:
        company(n, args.lines * n, args.workers)


def company(n: int, lines: int, worker_counts: list[int]) -> None:
    from django.db import connection
    from payroll_bench import add_full_pay, build

    from payroll.close import period_close

    period = build(n, lines)[0]
    add_full_pay([period])
    reset(period)
    t = time.perf_counter()
    period_close(user=period.bench_user, period=period)  # this process, one transaction
    single = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute(DIGEST, [period.pk])
        expected = cur.fetchone()
    print(f"\n{n:,} engineers, {expected[0]:,} payslip lines: single-process close in this process {single:.1f} s")
    for workers in worker_counts:
        reset(period)
        wall, memory, chunks = close_on_workers(period, workers)
        with connection.cursor() as cur:
            cur.execute(DIGEST, [period.pk])
            got = cur.fetchone()
        same = "equal to the single close" if got == expected else f"DIFFERENT: {got} vs {expected}"
        peaks = ", ".join(f"{peak:.0f} MiB (idle {idle:.0f})" for idle, peak in memory)
        print(
            f"  {workers} worker(s): {wall:.1f} s ({single / wall:.2f}× the single close), {chunks} chunks; "
            f"peak per worker: {peaks}; payslips {same}"
        )


def reset(period) -> None:
    """Back to open with no payslips, and no job left in the queue."""
    import redis
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("DELETE FROM payroll_closechunk WHERE period_id = %s", [period.pk])
        cur.execute(
            "DELETE FROM payroll_payslipline WHERE payslip_id IN (SELECT id FROM payroll_payslip WHERE period_id = %s)",
            [period.pk],
        )
        cur.execute("DELETE FROM payroll_payslip WHERE period_id = %s", [period.pk])
        cur.execute("DELETE FROM ledger_periodevent WHERE period_id = %s", [period.pk])
        cur.execute(
            "UPDATE ledger_payperiod SET status = 'open', closed_at = NULL, closed_by_id = NULL WHERE id = %s",
            [period.pk],
        )
    redis.Redis.from_url(settings.REDIS_URL).flushdb()


def close_on_workers(period, workers: int) -> tuple[float, list[tuple[float, float]], int]:
    from django.db.models import Count

    from config.celery import app as current_app  # this process queues through the project's app and broker
    from ledger.models import PayPeriod
    from payroll import tasks
    from payroll.close import close_claim
    from payroll.models import CloseChunk

    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-n",
                f"scale{i}@%h",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/close-scale-worker{i}.log", "w"),  # open as long as the worker
        )
        for i in range(workers)
    ]
    try:
        deadline = time.time() + 120
        while len(current_app.control.ping(timeout=1.0)) < workers:
            if time.time() > deadline:
                raise SystemExit("the workers did not start")
        idle = [rss(p.pid, "VmRSS") for p in procs]
        ticket = close_claim(user=period.bench_user, period=period, reason="scale bench")
        t = time.perf_counter()
        tasks.close_period.apply_async((period.pk, period.bench_user.pk, ticket.pk))
        while (status := PayPeriod.objects.values_list("status", flat=True).get(pk=period.pk)) == "closing":
            time.sleep(0.2)
        wall = time.perf_counter() - t
        if status != "closed":
            raise SystemExit(f"the close ended {status}: {period.events.order_by('-pk').first().reason}")
        peaks = [rss(p.pid, "VmHWM") for p in procs]
        by_worker = CloseChunk.objects.filter(run=ticket).values("worker").annotate(n=Count("id"))
        chunks = sum(row["n"] for row in by_worker)
        return wall, list(zip(idle, peaks, strict=True)), chunks
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def rss(pid: int, field: str) -> float:
    """A process's resident memory in MiB (VmRSS now, or VmHWM: its peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    main()
