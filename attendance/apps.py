from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = pgettext_lazy("attendance app", "Attendance")
