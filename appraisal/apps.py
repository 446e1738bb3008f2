from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    """Monthly KPI scorecards, honours and penalties, technical grade campaigns and their reports."""

    name = "appraisal"
    verbose_name = _("Appraisal")
