"""Celery jobs of the service desk. Thin: one service call each."""

from __future__ import annotations

from celery import shared_task

from .alerts import sla_warn_supervisors


@shared_task
def warn_about_breaches() -> int:
    """Every quarter of an hour: the supervisors hear of requests about to breach or past a deadline."""
    return sla_warn_supervisors()
