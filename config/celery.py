"""The Celery app. Its beat schedule lives here and nowhere else."""

import os

from celery import Celery

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
}
