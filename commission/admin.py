from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, Franchisee, Pickup, Settlement, StaffPost


@admin.register(Franchisee)
class FranchiseeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "city", "discount_rate", "active"]
    search_fields = ["code", "name"]


@admin.register(StaffPost)
class StaffPostAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "post"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["franchisee", "role", "engineer", "start", "end"]
    list_filter = ["role"]


@admin.register(Pickup)
class PickupAdmin(SimpleHistoryAdmin):
    """Read here; written through the grid, the import and the API (the services check the month)."""

    list_display = ["franchisee", "month", "sales_amount", "discount_rate", "pickup_amount"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Settlement)
class SettlementAdmin(SimpleHistoryAdmin):
    list_display = ["month", "status", "policy_version", "proposed_by", "decided_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
