"""Housekeeping jobs scheduled in config.celery's beat schedule."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def clean_expired_lockouts():
    """Forget failed-login records older than a day (the lock itself lasts 30 minutes)."""
    call_command("axes_reset_failure_logs", "--age", "1")
