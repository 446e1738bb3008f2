"""Celery jobs for the close and its documents. Thin: ids in, one service call, progress out."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from ledger.models import PayPeriod, PeriodStatus

from .close import period_close

PROGRESS_TTL = 3600


def progress_key(period_id: int) -> str:
    return f"period-close:{period_id}"


def progress_of(period_id: int) -> dict:
    return cache.get(progress_key(period_id)) or {}


@shared_task(bind=True)
def close_period(self, period_id: int, user_id: int | None) -> dict:
    """Close one period, publishing progress for the page's progress bar."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    key = progress_key(period_id)

    def progress(done: int, total: int) -> None:
        cache.set(key, {"state": "running", "done": done, "total": total}, PROGRESS_TTL)

    cache.set(key, {"state": "running", "done": 0, "total": 0}, PROGRESS_TTL)
    try:
        period = period_close(user=user, period=PayPeriod.objects.get(pk=period_id), progress=progress)
    except Exception as exc:
        cache.set(key, {"state": "failed", "error": str(exc)[:300]}, PROGRESS_TTL)
        raise
    done = period.payslips.count()
    cache.set(key, {"state": "done", "done": done, "total": done}, PROGRESS_TTL)
    render_period_pdfs.delay(period_id)
    return {"period": str(period), "payslips": done}


@shared_task
def close_last_month() -> str:
    """Beat: close last month's period if it is still open (see config.celery)."""
    last = timezone.localdate().replace(day=1) - timedelta(days=1)
    period, _created = PayPeriod.objects.get_or_create(year=last.year, month=last.month)
    if period.status == PeriodStatus.CLOSED:
        return "already closed"
    close_period(period.pk, None)
    return f"closed {period}"


@shared_task
def render_period_pdfs(period_id: int) -> list[str]:
    """After the close: the whole period's payslips, one PDF per department, for HR and printing."""
    from .pdf import department_pdfs

    return [str(p) for p in department_pdfs(PayPeriod.objects.get(pk=period_id))]
