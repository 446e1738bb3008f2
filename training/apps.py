from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training records (courses, sessions, attendance), certificates and study rewards (seed 000 培训激励)."""

    name = "training"
    verbose_name = _("Training and study rewards")
