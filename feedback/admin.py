"""The admin shows the supervision records to a superuser only: it is the one place an anonymous suggestion's author
can be read (for an audit), so nobody else, staff or not, opens these pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyMixin

from .models import Feedback, PolicyReview, SupervisionMember


class SuperuserOnly(ReadOnlyMixin, SimpleHistoryAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Feedback)
class FeedbackAdmin(SuperuserOnly):
    list_display = ["id", "category", "document_no", "rule", "status", "anonymous", "author", "created_at"]
    list_filter = ["status", "category", "anonymous"]


@admin.register(SupervisionMember)
class SupervisionMemberAdmin(SuperuserOnly):
    list_display = ["user", "added_by", "added_at", "ended_by", "ended_at"]


@admin.register(PolicyReview)
class PolicyReviewAdmin(SuperuserOnly):
    list_display = ["year", "status", "draft", "started_by", "closed_by", "closed_at"]
