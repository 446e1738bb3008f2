from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Absence,
    Award,
    Crew,
    CrewMembership,
    Department,
    Engineer,
    EngineerSkill,
    GradeApplication,
    GradeCampaign,
    Incident,
    Scorecard,
    ScoreEntry,
)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "manager"]
    search_fields = ["code", "name"]


class SkillInline(admin.TabularInline):
    model = EngineerSkill
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Engineer)
class EngineerAdmin(SimpleHistoryAdmin):
    list_display = ["employee_no", "name", "department", "employment_type", "status", "technical_grade"]
    list_filter = ["department", "employment_type", "status", "technical_grade"]
    search_fields = ["employee_no", "name", "phone"]
    autocomplete_fields = ["user"]
    inlines = [SkillInline, AbsenceInline]


class MembershipInline(admin.TabularInline):
    model = CrewMembership
    extra = 0
    autocomplete_fields = ["engineer"]


@admin.register(Crew)
class CrewAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "department", "leader"]
    list_filter = ["department"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(CrewMembership)
class CrewMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["crew", "engineer", "start_date", "end_date"]
    list_filter = ["crew"]


@admin.register(EngineerSkill)
class EngineerSkillAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "skill", "certificate_no", "issued_on", "expires_on"]
    list_filter = ["skill"]


@admin.register(Absence)
class AbsenceAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "start_date", "end_date", "kind", "excused"]
    list_filter = ["kind", "excused"]


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = ["engineer", "occurred_on", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["engineer__name", "engineer__employee_no", "description"]


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
