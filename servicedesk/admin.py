from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ServiceRequest, SurveyInvitation, Transition


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_state", "to_state", "actor", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    """Read-only: requests move through their services (timestamps are set by the actions, not typed)."""

    list_display = ["number", "customer_name", "category", "priority", "state", "engineer", "logged_at"]
    list_filter = ["state", "category", "priority", "department"]
    search_fields = ["customer_name", "customer_phone", "product"]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["request", "created_at", "expires_at", "answered_at", "stars"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
