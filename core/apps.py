from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .choice_labels import speed_up_choice_displays
        from .write_version import install_write_counter

        speed_up_choice_displays(apps.get_models(include_auto_created=True))
        post_migrate.connect(install_write_counter, sender=self, dispatch_uid="core.install_write_counter")
