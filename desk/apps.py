from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top of the stack: each role's home page and the demo company, which may use every app."""

    name = "desk"
    verbose_name = _("Desk")
