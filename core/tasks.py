"""Housekeeping jobs scheduled in config.celery's beat schedule."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def clean_expired_lockouts():
    """Forget failed-login records whose cool-off has passed."""
    call_command("axes_reset_failure_logs", "--age", "1")
