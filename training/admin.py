from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Course, SessionAttendance, StudyReward, TrainingSession


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "category", "skill", "active"]
    list_filter = ["category", "active"]


class AttendanceInline(admin.TabularInline):
    model = SessionAttendance
    extra = 0
    raw_id_fields = ["engineer", "paid_training"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["course", "starts_on", "ends_on", "hours", "trainer", "place"]
    inlines = [AttendanceInline]


@admin.register(StudyReward)
class StudyRewardAdmin(SimpleHistoryAdmin):
    """Read-only: rewards are recorded and decided through the pages and the API (four-eyes, the ledger)."""

    list_display = ["engineer", "skill", "level", "amount", "status", "recorded_by", "decided_by"]
    list_filter = ["status", "skill"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
