"""Talent search for coordinators: the same FilterSet as ``GET /api/profiles/``
(talent.filters.ProfileFilter: full text plus kind, 地区, weekday, time band, fee, status) over
the caller's visible profiles, rendered as a page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe

from common.errors import DomainError
from lib.text.snippets import highlight_html
from talent import search as text_search
from talent import selectors
from talent.filters import ProfileFilter


def render_search(request):
    found = ProfileFilter(
        request.GET or None,
        queryset=selectors.profiles_visible_to(request.user),
        request=request,
    )
    page = None
    if found.is_bound and found.is_valid():
        try:
            results = found.qs.prefetch_related("areas")
            page = Paginator(results, 30).get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)  # evaluated once, snippets attached
        except DomainError as exc:
            found.form.add_error("q", exc.message)
            page = None
        else:
            q = (found.form.cleaned_data.get("q") or "").strip()
            if q:
                snippets = text_search.profile_snippets(page.object_list, q, viewer=request.user)
                for p in page.object_list:
                    snippet = snippets.get(p.pk)
                    p.snippet = (
                        mark_safe(highlight_html(snippet["text"], snippet["highlights"]))
                        if snippet
                        else ""
                    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/coordinator/talent_search.html",
        {"form": found.form, "page": page, "params": params.urlencode()},
    )
