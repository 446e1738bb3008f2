from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "servicedesk"
    verbose_name = _("Service requests")

    def ready(self):
        from workorders.forms_pdf import EVALUATION_EXTRAS

        from .qr import survey_qr

        if survey_qr not in EVALUATION_EXTRAS:
            EVALUATION_EXTRAS.append(survey_qr)
