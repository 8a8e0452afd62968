"""Activity records in the Django admin, read only: they are written when a match is
completed (volunteers/services.py)."""

from django.contrib import admin

from volunteers.models import ActivityRecord


@admin.register(ActivityRecord)
class ActivityRecordAdmin(admin.ModelAdmin):
    list_display = ["date", "match", "hours", "rating"]
    date_hierarchy = "date"
    list_select_related = ["match__request", "match__profile"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
