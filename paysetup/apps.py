from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaySetupConfig(AppConfig):
    """HR's pages, services and API for what each engineer is paid and where it goes (the models are
    engineers/models/pay.py). Above the ledger: a month already closed refuses changes to what it used."""

    name = "paysetup"
    verbose_name = _("Pay set-up")
