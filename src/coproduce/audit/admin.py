from django.contrib import admin

from coproduce.audit.models import AuditEvent, RecordView


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "model", "object_id", "summary")
    list_filter = ("action", "model")


@admin.register(RecordView)
class RecordViewAdmin(ReadOnlyAdmin):
    list_display = ("at", "viewer_label", "subject_model", "subject_id", "what")
