from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PolicyStatus, PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(SimpleHistoryAdmin):
    list_display = ["document_no", "version", "title", "effective_from", "status", "approved_by", "approved_at"]
    list_filter = ["status", "document_no"]

    def get_readonly_fields(self, request, obj=None):
        # Approval goes through the service (role and four-eyes checks), never a field edit.
        fields = ["status", "approved_by", "approved_at", "compiled_by"]
        if obj is not None and obj.status != PolicyStatus.DRAFT:
            return [f.name for f in self.model._meta.fields]
        return fields
