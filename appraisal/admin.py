from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Award, GradeApplication, GradeCampaign, Scorecard, ScoreEntry


class ScoreEntryInline(admin.TabularInline):
    model = ScoreEntry
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "year", "month", "status", "score", "band", "performance_pay_amount"]
    list_filter = ["status", "year", "month", "band"]
    search_fields = ["engineer__name", "engineer__employee_no"]
    readonly_fields = ["score", "band", "coefficient", "performance_pay_amount", "metrics", "trace"]
    inlines = [ScoreEntryInline]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    """Decisions go through the two-step approval (manager, then HR), never a field edit."""

    list_display = ["kind", "department", "year", "month", "status", "proposed_by"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "manager_decided_by", "hr_decided_by", "decided_at"]


class GradeApplicationInline(admin.TabularInline):
    model = GradeApplication
    extra = 0
    fields = ["engineer", "target_grade", "eligible", "decision", "appeal_outcome"]
    readonly_fields = fields


@admin.register(GradeCampaign)
class GradeCampaignAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "half", "status", "notice_until"]
    inlines = [GradeApplicationInline]
