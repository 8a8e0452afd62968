"""The Django admin for profiles and the 地区 list.

Coordinators (is_staff, with rights on Area only: accounts/services.py) keep the 地区 list
here; the other models are for superusers fixing data. Every save goes through the model's
save(), which rewrites the search tokens in the same transaction, so an edit made here is
found by the search at once.
"""

from django.contrib import admin, messages

from accounts.system import SYSTEM
from common.errors import DomainError
from talent.models import Area, Disclosure, Profile
from talent.search import profile_search

admin.site.site_header = "つなぐ 管理サイト"
admin.site.site_title = "つなぐ 管理サイト"
admin.site.index_title = "データの管理"


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "furigana", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name", "furigana"]


class FullTextSearchMixin:
    """The admin's search box runs the service's full-text search (same syntax as the API)."""

    search_help_text = (
        'スペース区切りで全部を含むもの、OR でいずれか、-語 で除外、"…" で語順どおり。'
    )

    def full_text_search(self, request, queryset, search_term):
        raise NotImplementedError

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        try:
            return self.full_text_search(request, queryset, search_term), False
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return queryset.none(), False


@admin.register(Profile)
class ProfileAdmin(FullTextSearchMixin, admin.ModelAdmin):
    list_display = ["display_name", "furigana", "kind", "status", "fee", "updated_at"]
    list_filter = ["status", "kind", "fee", "areas"]
    search_fields = ["display_name"]  # shows the search box; the search itself is full text
    filter_horizontal = ["areas"]
    readonly_fields = ["user", "last_proposed_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "status", "screening_note", "display_name", "furigana"]}),
        ("内容", {"fields": ["skills", "experience", "bio"]}),
        ("活動の条件", {"fields": ["areas", "availability", "fee"]}),
        ("連絡先と公開", {"fields": ["email", "phone", "public_fields", "external_id"]}),
        ("記録", {"fields": readonly_fields}),
    ]

    def full_text_search(self, request, queryset, search_term):
        # Whoever may open this page sees every field of every profile in it already.
        return profile_search(queryset, search_term, viewer=SYSTEM)


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    """The audit trail of who was shown whose contact data: read only. Searching a profile
    id lists every disclosure that included it."""

    list_display = ["at", "viewer", "channel", "profile_ids", "fields"]
    list_filter = ["channel"]
    date_hierarchy = "at"
    search_fields = ["=viewer__username"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.isdigit():
            return queryset.filter(profile_ids__contains=[int(term)]), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
