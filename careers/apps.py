from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """The career ladder (document KF-CAREER), promotion reviews and internal competitions, rank changes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"
    verbose_name = _("Careers")
