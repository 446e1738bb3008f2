from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import PayableItem, PayPeriod, PeriodEvent


class EventInline(admin.TabularInline):
    model = PeriodEvent
    extra = 0
    readonly_fields = ["action", "actor", "reason", "at"]
    can_delete = False


@admin.register(PayPeriod)
class PayPeriodAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "closed_at", "closed_by"]
    inlines = [EventInline]


@admin.register(PayableItem)
class PayableItemAdmin(ReadOnlyAdmin):
    list_display = ["period", "engineer", "kind", "amount", "source"]
    list_filter = ["kind", "period"]
    search_fields = ["engineer__name", "source"]
