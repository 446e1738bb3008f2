from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """Policy versions of the controlled document (FS-MS-KF-13 …): the parameters every amount is computed under."""

    name = "policies"
    verbose_name = _("Pay policies")
