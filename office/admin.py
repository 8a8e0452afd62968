from django.contrib import admin

from office.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "indicator", "value", "note"]
    list_filter = ["fiscal_year", "indicator"]
