from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money written by the close and the approvals: shown, never edited here (use an adjustment)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
