from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib import admin
from django.utils.translation import gettext as _

from core.admin import ReadOnlyAdmin

from .models import PayableItem, PayPeriod, PeriodEvent
from .selectors import not_open_period
from .services import closed_message


class ClosedMonthAdminMixin:
    """Rows that belong to a month are read-only in the admin once its pay period is closing or
    closed, as they are everywhere else (`require_month_open`): a correction is an adjustment in
    the open period, never an edit of a paid month.

    A ModelAdmin says which dates govern a row (`closed_month_dates(obj)`); the row is locked when
    any of them falls in a month that is not open. An inline's `obj` is its parent row. Adding or
    moving a row into a closed month through the form is refused as a form error."""

    def closed_month_dates(self, obj) -> Iterable[date | None]:
        raise NotImplementedError

    def closed_period(self, obj) -> PayPeriod | None:
        if obj is None:
            return None
        for day in self.closed_month_dates(obj):
            if day is not None:
                period = not_open_period(day.year, day.month)
                if period:
                    return period
        return None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.closed_period(obj) is None

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.closed_period(obj) is None

    def get_deleted_objects(self, objs, request):
        """The changelist's bulk delete: a closed month's rows make the whole deletion refused."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            period = self.closed_period(obj)
            if period:
                perms_needed.add(
                    _("%(obj)s (pay period %(period)s is %(status)s)")
                    % {"obj": obj, "period": period, "status": period.get_status_display()}
                )
        return to_delete, model_count, perms_needed, protected

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        admin = self

        class RefuseClosedMonth(form):
            def _post_clean(self):
                super()._post_clean()  # the instance now carries the submitted values
                period = admin.closed_period(self.instance)
                if period:
                    self.add_error(None, closed_message(period))

        return RefuseClosedMonth


class ClosedMonthInlineMixin(ClosedMonthAdminMixin):
    """The same for an inline: its rows are locked with their parent's month."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.closed_period(obj) is None


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
