from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class CommissionConfig(AppConfig):
    name = "commission"
    verbose_name = pgettext_lazy("commission app", "Commission")
