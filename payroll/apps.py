from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayrollConfig(AppConfig):
    """Policy versions, pay periods, payslips and exports (built in later issues)."""

    name = "payroll"
    verbose_name = _("Payroll")
