from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BonusRequest,
    CrewSelfAssessment,
    DistributionLine,
    Participant,
    PieceRateItem,
    PieceRateTable,
    RequestTransition,
    SiteInspection,
    WorkOrder,
    WorkOrderLine,
)


class ItemInline(admin.TabularInline):
    model = PieceRateItem
    extra = 0


@admin.register(PieceRateTable)
class PieceRateTableAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "effective_from", "status"]
    list_filter = ["status"]
    inlines = [ItemInline]


@admin.register(PieceRateItem)
class PieceRateItemAdmin(SimpleHistoryAdmin):
    list_display = ["table", "code", "description", "unit", "unit_rate"]
    list_filter = ["table"]
    search_fields = ["code", "description"]


class LineInline(admin.TabularInline):
    model = WorkOrderLine
    extra = 0
    readonly_fields = ["description", "unit", "unit_rate", "amount"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    readonly_fields = ["share_amount"]
    autocomplete_fields = ["engineer"]


@admin.register(WorkOrder)
class WorkOrderAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "order_type",
        "is_special",
        "department",
        "crew",
        "completed_on",
        "piece_rate_total_amount",
    ]
    list_filter = ["order_type", "is_special", "department"]
    search_fields = ["number", "customer_name", "site_address"]
    date_hierarchy = "reported_at"
    readonly_fields = ["completed_on", "piece_rate_total_amount", "rate_table"]
    raw_id_fields = ["repeat_of"]
    inlines = [LineInline, ParticipantInline]


@admin.register(WorkOrderLine)
class WorkOrderLineAdmin(SimpleHistoryAdmin):
    list_display = ["work_order", "item_code", "quantity", "unit_rate", "amount"]
    search_fields = ["work_order__number", "item_code"]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["work_order", "engineer", "days_worked", "split_pct", "share_amount"]
    search_fields = ["work_order__number", "engineer__name"]


class TransitionInline(admin.TabularInline):
    model = RequestTransition
    extra = 0
    readonly_fields = ["action", "from_status", "to_status", "actor", "at", "reason"]
    can_delete = False


@admin.register(BonusRequest)
class BonusRequestAdmin(SimpleHistoryAdmin):
    """Read-mostly: state changes go through the workflow (roles and four-eyes), never a field edit."""

    list_display = ["id", "kind", "work_order", "engineer", "status", "amount", "proposed_by"]
    list_filter = ["kind", "status"]
    search_fields = ["work_order__number", "engineer__name"]
    readonly_fields = ["status", "amount", "applied_by", "decided_at"]
    inlines = [TransitionInline]


@admin.register(SiteInspection)
class SiteInspectionAdmin(SimpleHistoryAdmin):
    list_display = [
        "work_order",
        "inspector_role",
        "inspector_name",
        "inspected_on",
        "safety",
        "quality",
        "communication",
        "rules",
    ]
    list_filter = ["inspector_role"]
    search_fields = ["work_order__number"]


class DistributionInline(admin.TabularInline):
    model = DistributionLine
    extra = 0


@admin.register(CrewSelfAssessment)
class CrewSelfAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["work_order", "written_by", "updated_at"]
    search_fields = ["work_order__number"]
    inlines = [DistributionInline]
