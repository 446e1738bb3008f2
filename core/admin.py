from django.contrib import admin


class ReadOnlyMixin:
    """Shown, never added, changed or deleted here: for a ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Money written by the close and the approvals: shown, never edited here (use an adjustment)."""
