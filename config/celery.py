"""The Celery app. Its beat schedule lives here and nowhere else."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("incentive_desk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic jobs, all in one place. Times are Asia/Shanghai (CELERY_TIMEZONE).
app.conf.beat_schedule = {
    "expire-idle-lockouts": {
        "task": "core.tasks.clean_expired_lockouts",
        "schedule": 3600.0,
    },
    "warn-about-sla-breaches": {
        "task": "servicedesk.tasks.warn_about_breaches",
        "schedule": 900.0,
    },
    "open-the-months-scorecards": {
        "task": "appraisal.tasks.prepare_month_scorecards",
        "schedule": crontab(day_of_month=1, hour=1, minute=0),
    },
}

# Close last month automatically on a chosen day (PAYROLL_AUTO_CLOSE_DAY=5 → the 5th at 02:00).
_auto_close_day = os.environ.get("PAYROLL_AUTO_CLOSE_DAY", "")
if _auto_close_day.isdigit():
    app.conf.beat_schedule["close-last-month"] = {
        "task": "payroll.tasks.close_last_month",
        "schedule": crontab(day_of_month=_auto_close_day, hour=2, minute=0),
    }
