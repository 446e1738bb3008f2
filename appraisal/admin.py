from datetime import date

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from ledger.admin import ClosedMonthAdminMixin, ClosedMonthInlineMixin

from .models import Award, GradeApplication, GradeCampaign, Scorecard, ScoreEntry


def _month_day(obj):
    """The first day of the row's own year and month (None while the form has not set them)."""
    year, month = getattr(obj, "year", None), getattr(obj, "month", None)
    return date(year, month, 1) if year and month and 1 <= month <= 12 else None


class ScoreEntryInline(ClosedMonthInlineMixin, admin.TabularInline):
    model = ScoreEntry
    extra = 0

    def closed_month_dates(self, scorecard):
        return [_month_day(scorecard)]


@admin.register(Scorecard)
class ScorecardAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
    list_display = ["engineer", "year", "month", "status", "score", "band", "performance_pay_amount"]
    list_filter = ["status", "year", "month", "band"]
    search_fields = ["engineer__name", "engineer__employee_no"]
    readonly_fields = ["score", "band", "coefficient", "performance_pay_amount", "metrics", "trace"]
    inlines = [ScoreEntryInline]

    def closed_month_dates(self, obj):
        return [_month_day(obj)]


@admin.register(Award)
class AwardAdmin(ClosedMonthAdminMixin, SimpleHistoryAdmin):
    """Decisions go through the two-step approval (manager, then HR), never a field edit."""

    list_display = ["kind", "department", "year", "month", "status", "proposed_by"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "manager_decided_by", "hr_decided_by", "decided_at"]

    def closed_month_dates(self, obj):
        # The month it is for, and the month its money went into on approval.
        return [_month_day(obj), timezone.localdate(obj.decided_at) if obj.decided_at else None]


class GradeApplicationInline(admin.TabularInline):
    model = GradeApplication
    extra = 0
    fields = ["engineer", "target_grade", "eligible", "decision", "appeal_outcome"]
    readonly_fields = fields


@admin.register(GradeCampaign)
class GradeCampaignAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "half", "status", "notice_until"]
    inlines = [GradeApplicationInline]
