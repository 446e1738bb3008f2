from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BonusLine, BonusRound


class LineInline(admin.TabularInline):
    model = BonusLine
    extra = 0
    can_delete = False
    readonly_fields = ["engineer", "rank", "mean", "band", "eligible", "reason", "standard_amount", "amount", "note"]
    exclude = ["months", "trace"]


@admin.register(BonusRound)
class BonusRoundAdmin(SimpleHistoryAdmin):
    list_display = ["department", "kind", "year", "quarter", "status", "policy_version"]
    list_filter = ["kind", "status", "year"]
    inlines = [LineInline]

    def has_change_permission(self, request, obj=None):
        return False  # every change goes through the services (four-eyes, the ledger)

    def has_add_permission(self, request):
        return False
