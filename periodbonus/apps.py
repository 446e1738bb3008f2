from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodBonusConfig(AppConfig):
    """Quarterly and year-end bonuses from the period's KPI result (document KF-BONUS)."""

    name = "periodbonus"
    verbose_name = _("Quarterly and year-end bonus")
