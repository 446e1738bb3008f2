from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayrollConfig(AppConfig):
    """The monthly close, payslips and their questions, the payroll workbook and payslip PDFs."""

    name = "payroll"
    verbose_name = _("Payroll")
