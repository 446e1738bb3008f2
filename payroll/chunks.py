"""A close spread over Celery workers: the month's engineers in chunks of ids, each written by its own task.

No close rule reads another engineer's figures (a crew's incentive is split into each member's payable
item when it is approved), so a chunk is any span of engineer ids; spans are contiguous and cover every id,
so an engineer is in exactly one chunk of a run. Each chunk:

- reads only its engineers' rows (payroll.spans), so a worker's memory follows the chunk size;
- is one transaction that replaces its span's payslips: run twice (a redelivered message, a retry), it
  leaves one set; killed half-way, it leaves nothing and the retry writes it;
- holds a KEY SHARE lock on the period while it writes: the period's status cannot change under it (the
  close's claim, failure, reopen and finish all lock the row FOR UPDATE), while approvals are still refused
  at once because the month is closing.

The state lives in PostgreSQL (CloseChunk rows), not in a chord's result backend: the last chunk to commit
closes the period, after checking under the period's lock that every chunk of the run is done. A chunk that
keeps failing after its retries fails the run: the month is open again, none of the run's payslips stay, and
the reason is in the timeline; closing again recomputes every chunk.
"""

from __future__ import annotations

import logging
import socket

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from engineers.selectors import month_bounds
from ledger.models import PayPeriod, PeriodAction, PeriodEvent, PeriodStatus
from policies.selectors import policy_in_force

from .close import current_run, mark_closed, on_payroll, people_on_payroll, write_payslips
from .models import ChunkStatus, CloseChunk, Payslip
from .spans import within

LAST_ID = 2**63 - 1
logger = logging.getLogger(__name__)


def chunk_size() -> int:
    return max(1, int(settings.PAYROLL_CLOSE_CHUNK_SIZE))


def head_count(period: PayPeriod) -> int:
    return on_payroll(*month_bounds(period.year, period.month)).count()


def chunks_plan(period: PayPeriod, run: int, size: int | None = None) -> list[CloseChunk]:
    """The run's chunks: made once (a redelivered start finds them), spans cut every `size` engineers."""
    existing = list(CloseChunk.objects.filter(run_id=run))
    if existing:
        return existing
    size = size or chunk_size()
    ids = list(on_payroll(*month_bounds(period.year, period.month)).order_by("pk").values_list("pk", flat=True))
    cuts = ids[::size] or [0]
    chunks = [
        CloseChunk(
            period=period,
            run_id=run,
            number=n,
            first_id=0 if n == 1 else cut,
            last_id=cuts[n] - 1 if n < len(cuts) else LAST_ID,
            people=len(ids[(n - 1) * size : n * size]),
        )
        for n, cut in enumerate(cuts, start=1)
    ]
    return CloseChunk.objects.bulk_create(chunks)


def _hold_period(period_id: int) -> PayPeriod:
    """The period, share-locked on its key until the chunk's transaction ends (see the module's docstring)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(PayPeriod._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR KEY SHARE", [period_id])
    return PayPeriod.objects.get(pk=period_id)


def chunk_started(*, chunk_id: int, worker: str = "") -> None:
    """Record the attempt before its transaction opens, so the page sees it (and a stuck one) at once."""
    CloseChunk.objects.filter(pk=chunk_id).exclude(status=ChunkStatus.DONE).update(
        status=ChunkStatus.RUNNING,
        started_at=timezone.now(),
        worker=(worker or socket.gethostname())[:200],
    )


def chunk_close(*, chunk_id: int) -> bool:
    """Write one chunk's payslips; True when it was written now (False: done already, or the run is over).

    Another delivery of the same chunk busy with it → False at once (it holds the chunk's row)."""
    with transaction.atomic():
        chunk = CloseChunk.objects.select_for_update(skip_locked=True, of=("self",)).filter(pk=chunk_id).first()
        if chunk is None or chunk.status == ChunkStatus.DONE:
            logger.info("chunk %s: %s", chunk_id, "held by another delivery" if chunk is None else "done already")
            return False
        period = _hold_period(chunk.period_id)
        if period.status != PeriodStatus.CLOSING or current_run(period) != chunk.run_id:
            logger.info("chunk %s: its run is over (%s)", chunk_id, period.status)
            return False  # superseded, failed or reopened: this run writes nothing more
        start, end = month_bounds(period.year, period.month)
        within(Payslip.objects.filter(period=period), chunk.span).delete()
        people = people_on_payroll(start, end, chunk.span)
        written = write_payslips(period, policy_in_force(end), people, span=chunk.span)
        chunk.status, chunk.payslips, chunk.finished_at, chunk.error = ChunkStatus.DONE, written, timezone.now(), ""
        chunk.attempts += 1
        chunk.save(update_fields=["status", "payslips", "finished_at", "error", "attempts"])
        return True


def chunk_attempt_failed(*, chunk_id: int, error: str, final: bool, user) -> None:
    """An attempt failed (its transaction rolled back): counted; the last one fails the whole run."""
    with transaction.atomic():
        chunk = CloseChunk.objects.select_for_update(of=("self",)).get(pk=chunk_id)
        chunk.attempts += 1
        chunk.error = error[:2000]
        chunk.status = ChunkStatus.FAILED if final else ChunkStatus.PENDING
        chunk.save(update_fields=["attempts", "error", "status"])
    if final:
        run_failed(
            period_id=chunk.period_id,
            run=chunk.run_id,
            user=user,
            reason=_("Part %(n)d of the close failed: %(error)s") % {"n": chunk.number, "error": error},
        )


def run_failed(*, period_id: int, run: int, user, reason: str) -> bool:
    """The run cannot finish: the month opens again with none of the run's payslips and the reason recorded."""
    with transaction.atomic():
        locked = PayPeriod.objects.select_for_update().get(pk=period_id)
        if locked.status != PeriodStatus.CLOSING or current_run(locked) != run:
            return False
        Payslip.objects.filter(period=locked).delete()  # done chunks' payslips: half a month is no month
        locked.status = PeriodStatus.OPEN
        locked.save(update_fields=["status"])
        PeriodEvent.objects.create(period=locked, action=PeriodAction.CLOSE_FAILED, actor=user, reason=reason[:500])
        return True


def run_finish(*, period_id: int, run: int, user) -> bool:
    """Close the period if every chunk of the run has committed (under its lock: two last chunks, one close)."""
    with transaction.atomic():
        locked = PayPeriod.objects.select_for_update().get(pk=period_id)
        if locked.status != PeriodStatus.CLOSING or current_run(locked) != run:
            return False
        if CloseChunk.objects.filter(run_id=run).exclude(status=ChunkStatus.DONE).exists():
            return False
        mark_closed(locked, user)
        return True


def run_progress(run: int) -> tuple[int, int, int, int]:
    """(engineers done, engineers in all, chunks done, chunks in all) of a chunked run; zeros otherwise."""
    done = Q(status=ChunkStatus.DONE)
    row = CloseChunk.objects.filter(run_id=run).aggregate(
        done=Sum("people", filter=done), people=Sum("people"), chunks_done=Count("id", filter=done), chunks=Count("id")
    )
    return (row["done"] or 0, row["people"] or 0, row["chunks_done"], row["chunks"])
