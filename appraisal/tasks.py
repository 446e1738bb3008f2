"""Celery jobs of the appraisal app. Thin: one service call each."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from engineers.models import Department

from .scorecards.services import Month, scorecards_prepare


@shared_task
def prepare_month_scorecards() -> int:
    """On the 1st, every department's scorecards for the new month (peers assigned), so engineers
    can self-assess and the grid shows metrics from day one. Returns how many exist."""
    today = timezone.localdate()
    month = Month(today.year, today.month)
    return sum(len(scorecards_prepare(department=d, month=month)) for d in Department.objects.order_by("code"))
