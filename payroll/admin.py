from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    PayableItem,
    PayPeriod,
    Payslip,
    PayslipAppeal,
    PayslipLine,
    PeriodEvent,
    PolicyStatus,
    PolicyVersion,
)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(SimpleHistoryAdmin):
    list_display = ["document_no", "version", "title", "effective_from", "status", "approved_by", "approved_at"]
    list_filter = ["status", "document_no"]

    def get_readonly_fields(self, request, obj=None):
        # Approval goes through the service (role and four-eyes checks), never a field edit.
        fields = ["status", "approved_by", "approved_at", "compiled_by"]
        if obj is not None and obj.status != PolicyStatus.DRAFT:
            return [f.name for f in self.model._meta.fields]
        return fields


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money written by the close and the approvals: shown, never edited here (use an adjustment)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = PeriodEvent
    extra = 0
    readonly_fields = ["action", "actor", "reason", "at"]
    can_delete = False


@admin.register(PayPeriod)
class PayPeriodAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "closed_at", "closed_by"]
    inlines = [EventInline]


@admin.register(PayableItem)
class PayableItemAdmin(ReadOnlyAdmin):
    list_display = ["period", "engineer", "kind", "amount", "source"]
    list_filter = ["kind", "period"]
    search_fields = ["engineer__name", "source"]


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
