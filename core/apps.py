from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from .choice_labels import speed_up_choice_displays

        speed_up_choice_displays(apps.get_models(include_auto_created=True))
