from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """Pay periods and payable items: the ledger every workflow writes into and the close reads."""

    name = "ledger"
    verbose_name = _("Pay ledger")
