"""Celery jobs for the close and its documents. Thin: ids in, one service call, progress out."""

from __future__ import annotations

import time
from datetime import timedelta

from celery import group, shared_task
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from ledger.models import PayPeriod, PeriodStatus

from . import chunks
from .close import close_claim, current_run, period_close
from .models import ChunkStatus, CloseChunk

PROGRESS_TTL = 3600
CHUNK_RETRIES = 3  # then the run fails: the month opens again with the reason


def progress_key(period_id: int) -> str:
    return f"period-close:{period_id}"


def progress_of(period_id: int) -> dict:
    return cache.get(progress_key(period_id)) or {}


def progress_set(period_id: int, **values) -> None:
    """Merge into the close's progress record, stamped with the time (how the page tells a live run)."""
    cache.set(progress_key(period_id), {**progress_of(period_id), **values, "at": time.time()}, PROGRESS_TTL)


@shared_task(bind=True)
def close_period(self, period_id: int, user_id: int | None, run: int | None = None) -> dict:
    """Close one period (run = the ticket close_start queued), publishing progress for the page.

    Acknowledged late: a worker killed mid-close leaves the message to be delivered again, and the
    redelivered run finishes the close unless the month has moved on (closed, retried, reopened)."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    period = PayPeriod.objects.get(pk=period_id)
    if run is not None and chunks.head_count(period) > chunks.chunk_size():
        return _close_in_chunks(period, user_id, run)
    # A superseded run (redelivered after a retry) must not overwrite the live run's progress.
    mine = run is None or progress_of(period_id).get("run") in (None, run)

    def progress(done: int, total: int) -> None:
        if mine:
            progress_set(period_id, state="running", done=done, total=total)

    progress(0, 0)
    # How it ended is the period's to say (its status and events), not this record's.
    period = period_close(user=user, period=period, progress=progress, run=run)
    done = period.payslips.count()
    if period.status == PeriodStatus.CLOSED:
        render_period_pdfs.delay(period_id)
    return {"period": str(period), "payslips": done}


def _close_in_chunks(period: PayPeriod, user_id: int | None, run: int) -> dict:
    """A company larger than one chunk: plan the run's chunks (once) and hand each to any worker."""
    if period.status != PeriodStatus.CLOSING or current_run(period) != run:
        return {"period": str(period), "chunks": 0}  # superseded or over: a redelivered start does nothing
    planned = chunks.chunks_plan(period, run)
    waiting = [chunk.pk for chunk in planned if chunk.status != ChunkStatus.DONE]
    group(close_chunk.s(chunk_id, user_id) for chunk_id in waiting).apply_async()
    return {"period": str(period), "chunks": len(planned)}


@shared_task(bind=True, max_retries=CHUNK_RETRIES)
def close_chunk(self, chunk_id: int, user_id: int | None) -> dict:
    """Write one chunk of a close, retried on failure; whichever chunk commits last closes the period.

    Idempotent: a chunk done already (a redelivered message) writes nothing and only tries to finish."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    attempt = self.request.retries
    while True:
        chunks.chunk_started(chunk_id=chunk_id, worker=self.request.hostname or "")
        try:
            written = chunks.chunk_close(chunk_id=chunk_id)
            break
        except Exception as exc:
            final = isinstance(exc, DomainError) or attempt >= self.max_retries  # a rule refusing stays refused
            error = str(exc) or type(exc).__name__
            chunks.chunk_attempt_failed(chunk_id=chunk_id, error=error, final=final, user=user)
            if final:
                raise
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=min(60, 2**attempt)) from exc
            attempt += 1  # in-process (the embedded default) there is no queue to come back through: again now
    chunk = CloseChunk.objects.get(pk=chunk_id)
    closed = chunks.run_finish(period_id=chunk.period_id, run=chunk.run_id, user=user)
    if closed:
        render_period_pdfs.delay(chunk.period_id)
    return {"chunk": chunk.number, "written": written, "closed": closed}


@shared_task
def close_last_month() -> str:
    """Beat: close last month's period if it is still open (see config.celery), whatever is not ready.

    What was not ready is written into the period's history as the reason for closing."""
    from .closing import close_readiness

    today = timezone.localdate()
    last = today.replace(day=1) - timedelta(days=1)
    period, _created = PayPeriod.objects.get_or_create(year=last.year, month=last.month)
    if period.status == PeriodStatus.CLOSED:
        return "already closed"
    reason = " ".join([str(_("Closed automatically on the scheduled day.")), *close_readiness(period, today)])
    if chunks.head_count(period) > chunks.chunk_size():  # a large company: in chunks, as HR's button does
        ticket = close_claim(user=None, period=period, reason=reason)
        if ticket is not None:
            close_period.apply_async((period.pk, None, ticket.pk))
        return f"queued {period} in chunks"
    period_close(user=None, period=period, reason=reason)
    render_period_pdfs.delay(period.pk)
    return f"closed {period}"


def pdfs_key(period_id: int) -> str:
    return f"period-pdfs:{period_id}"


def pdfs_progress_of(period_id: int) -> dict:
    return cache.get(pdfs_key(period_id)) or {}


@shared_task
def render_period_pdfs(period_id: int) -> list[str]:
    """After the close: the whole period's payslips, one PDF per department, for HR and printing."""
    from .pdf import department_pdfs

    def progress(done: int, total: int) -> None:
        cache.set(pdfs_key(period_id), {"state": "running", "done": done, "total": total}, PROGRESS_TTL)

    cache.set(pdfs_key(period_id), {"state": "running", "done": 0, "total": 0}, PROGRESS_TTL)
    try:
        paths = department_pdfs(PayPeriod.objects.get(pk=period_id), progress=progress)
    except Exception as exc:  # the waiting page says so and the next click queues the job again
        cache.set(pdfs_key(period_id), {"state": "failed", "error": str(exc)[:300]}, PROGRESS_TTL)
        raise
    cache.set(pdfs_key(period_id), {"state": "done", "done": len(paths), "total": len(paths)}, PROGRESS_TTL)
    return [str(p) for p in paths]
