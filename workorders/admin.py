from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Participant, PieceRateItem, PieceRateTable, WorkOrder, WorkOrderLine


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
