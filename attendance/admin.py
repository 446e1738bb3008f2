from datetime import date

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.admin import ClosedMonthAdminMixin

from .models import AttendanceMonth


@admin.register(AttendanceMonth)
class AttendanceMonthAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["engineer", "year", "month", "days_worked", "unpaid_absence_days", "overtime_weekday_hours"]
    list_filter = ["year", "month"]
    search_fields = ["engineer__employee_no", "engineer__name"]
    autocomplete_fields = ["engineer"]

    def closed_month_dates(self, obj):
        return [date(obj.year, obj.month, 1) if obj and obj.year and obj.month else None]
