from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdmin, ReadOnlyMixin

from .models import (
    BankFileDownload,
    CloseChunk,
    Payslip,
    PayslipAppeal,
    PayslipLine,
    PayslipPublication,
    PayslipReceipt,
)


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


@admin.register(PayslipPublication)
class PayslipPublicationAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Written by HR's publish button only (payroll/delivery.py)."""

    list_display = ["period", "published_by", "published_at", "closed_at"]


@admin.register(PayslipReceipt)
class PayslipReceiptAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Written by the engineers' reading and confirming and HR's reminders only."""

    list_display = ["publication", "engineer", "read_at", "confirmed_at", "reminded_at"]
    list_filter = ["publication__period"]
    search_fields = ["engineer__name", "engineer__employee_no"]
    list_select_related = ["publication__period", "engineer"]


@admin.register(CloseChunk)
class CloseChunkAdmin(ReadOnlyAdmin):
    """Written by the chunked close only (payroll/chunks.py): which part of which run, its tries and error."""

    list_display = ["period", "run", "number", "first_id", "last_id", "people", "status", "attempts", "worker"]
    list_filter = ["status", "period"]
