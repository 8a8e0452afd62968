"""The Django admin for organizations, requests, matches and the domain synonym list.

Coordinators edit the synonym list here (accounts/services.py grants them that right); the
rest is for superusers. Matches are read only: their status moves only through
matching.services.match_set_status (the table in matching/pipeline.py), which writes the
audit trail.
"""

from django.contrib import admin

from matching.models import Match, MatchEvent, Organization, Request, SynonymGroup
from matching.search import request_search
from talent.admin import FullTextSearchMixin


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "phone"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "address"]


@admin.register(Request)
class RequestAdmin(FullTextSearchMixin, admin.ModelAdmin):
    list_display = ["title", "organization", "status", "kind_wanted", "time_band", "created_at"]
    list_filter = ["status", "kind_wanted", "time_band", "organization__area"]
    search_fields = ["title"]  # shows the search box; the search itself is full text
    list_select_related = ["organization"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def full_text_search(self, request, queryset, search_term):
        return request_search(queryset, search_term)


class MatchEventInline(admin.TabularInline):
    model = MatchEvent
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["request", "profile", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["request", "profile"]
    fields = ["request", "profile", "status", "proposed_by", "created_at", "updated_at", "note"]
    readonly_fields = ["request", "profile", "status", "proposed_by", "created_at", "updated_at"]
    inlines = [MatchEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
