from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdmin, ReadOnlyMixin
from ledger.admin import ClosedMonthAdminMixin, ClosedMonthInlineMixin

from .models import (
    BonusKind,
    BonusRequest,
    CrewSelfAssessment,
    DistributionLine,
    Participant,
    PieceRateItem,
    PieceRateTable,
    RequestStatus,
    RequestTransition,
    SiteInspection,
    WorkOrder,
    WorkOrderLine,
)


def _work_order_day(work_order):
    """The month a work order's piece-rate money belongs to: the local date it was resolved."""
    resolved = getattr(work_order, "resolved_at", None)
    return timezone.localdate(resolved) if resolved else None


def _paid_crew_days(work_order):
    """Inspections and the distribution plan fed a crew incentive: locked with the month it was paid in."""
    if work_order is None or work_order.pk is None:
        return []
    return [
        timezone.localdate(at)
        for at in work_order.bonus_requests.filter(kind=BonusKind.CREW, status=RequestStatus.APPROVED)
        .exclude(decided_at=None)
        .values_list("decided_at", flat=True)
    ]


class PricedInline(ReadOnlyMixin, admin.TabularInline):
    """Lines and participants are priced by the work-order service (rate table, amounts, shares, the
    order's total): an admin edit would change a quantity and leave its amount behind, in any month.
    Shown here, changed on the work order's page."""

    extra = 0


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


class LineInline(PricedInline):
    model = WorkOrderLine
    readonly_fields = ["description", "unit", "unit_rate", "amount"]


class ParticipantInline(PricedInline):
    model = Participant
    readonly_fields = ["share_amount"]
    autocomplete_fields = ["engineer"]


@admin.register(WorkOrder)
class WorkOrderAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
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

    def closed_month_dates(self, obj):
        # The stored month (moving a closed month's order out of it) and the submitted one (into it).
        return [obj.completed_on, _work_order_day(obj)]


@admin.register(WorkOrderLine)
class WorkOrderLineAdmin(ReadOnlyAdmin):  # priced by the work-order service, see PricedInline
    list_display = ["work_order", "item_code", "quantity", "unit_rate", "amount"]
    search_fields = ["work_order__number", "item_code"]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):  # priced by the work-order service, see PricedInline
    list_display = ["work_order", "engineer", "days_worked", "split_pct", "share_amount"]
    search_fields = ["work_order__number", "engineer__name"]


def _decided_day(request):
    """The month an approved (or rejected) request's decision, and its money, belong to."""
    at = getattr(request, "decided_at", None)
    return timezone.localdate(at) if at else None


class TransitionInline(ClosedMonthInlineMixin, admin.TabularInline):
    model = RequestTransition
    extra = 0
    readonly_fields = ["action", "from_status", "to_status", "actor", "at", "reason"]
    can_delete = False

    def closed_month_dates(self, request):
        return [_decided_day(request)]


@admin.register(BonusRequest)
class BonusRequestAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
    """Read-mostly: state changes go through the workflow (roles and four-eyes), never a field edit."""

    list_display = ["id", "kind", "work_order", "engineer", "status", "amount", "proposed_by"]
    list_filter = ["kind", "status"]
    search_fields = ["work_order__number", "engineer__name"]
    readonly_fields = ["status", "amount", "applied_by", "decided_at"]
    inlines = [TransitionInline]

    def closed_month_dates(self, obj):
        return [_decided_day(obj)]


@admin.register(SiteInspection)
class SiteInspectionAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
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

    def closed_month_dates(self, obj):
        return _paid_crew_days(getattr(obj, "work_order", None))


class DistributionInline(ClosedMonthInlineMixin, admin.TabularInline):
    model = DistributionLine
    extra = 0

    def closed_month_dates(self, assessment):
        return _paid_crew_days(getattr(assessment, "work_order", None))


@admin.register(CrewSelfAssessment)
class CrewSelfAssessmentAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["work_order", "written_by", "updated_at"]
    search_fields = ["work_order__number"]
    inlines = [DistributionInline]

    def closed_month_dates(self, obj):
        return _paid_crew_days(getattr(obj, "work_order", None))
