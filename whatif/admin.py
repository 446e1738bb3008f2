from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdmin, ReadOnlyMixin

from .models import DraftApproval, Simulation


@admin.register(Simulation)
class SimulationAdmin(ReadOnlyAdmin):
    list_display = ["version", "requested_by", "requested_at", "status", "done", "total"]
    list_filter = ["status"]
    exclude = ["result"]


@admin.register(DraftApproval)
class DraftApprovalAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["version", "simulation", "approved_by", "approved_at"]
