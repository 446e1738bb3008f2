from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdmin

from .models import BankFileDownload, Payslip, PayslipAppeal, PayslipLine


class LineInline(admin.TabularInline):
    model = PayslipLine
    extra = 0
    readonly_fields = ["kind", "description", "amount", "rule", "policy_version", "source"]
    exclude = ["trace"]


@admin.register(Payslip)
class PayslipAdmin(ReadOnlyAdmin):
    list_display = ["period", "engineer", "department_name", "gross_amount"]
    list_filter = ["period", "department_name"]
    search_fields = ["engineer__name", "engineer__employee_no"]
    inlines = [LineInline]


@admin.register(PayslipAppeal)
class PayslipAppealAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "period", "line_kind", "status", "answered_by"]
    list_filter = ["status"]


@admin.register(BankFileDownload)
class BankFileDownloadAdmin(ReadOnlyAdmin):
    list_display = ["period", "layout_name", "downloaded_by", "downloaded_at", "payments", "total_amount"]
    list_filter = ["period", "layout"]
