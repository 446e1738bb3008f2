from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare and honours")

    def ready(self):
        # Attendance sits below this app and cannot import it: it asks its hook, which this fills in.
        from attendance import hooks

        from .leave import paid_leave_warnings

        hooks.register_paid_leave_check(paid_leave_warnings)
