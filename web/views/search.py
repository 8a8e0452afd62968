"""Talent search for coordinators: the same full-text search as ``GET /api/profiles/?q=``
(talent.search), over the caller's visible profiles, with the filters of the form."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe

from common.errors import DomainError
from lib.slots import slots_of
from lib.text.snippets import highlight_html
from talent import search as text_search
from talent import selectors
from web.forms import TalentSearchForm


def search_profiles(user, data: dict):
    """The visible profiles matching the form's words and filters, best first."""
    qs = selectors.profiles_visible_to(user)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("area"):
        qs = qs.filter(areas=data["area"])
    if data.get("fee"):
        qs = qs.filter(fee=data["fee"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("weekday") or data.get("band"):
        slots = slots_of(weekday=data.get("weekday") or None, time_band=data.get("band") or None)
        qs = qs.filter(availability__overlap=slots)
    q = (data.get("q") or "").strip()
    return text_search.profile_search(qs, q, viewer=user).prefetch_related("areas")


def render_search(request):
    form = TalentSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            results = search_profiles(request.user, data)
            page = Paginator(results, 30).get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)  # evaluated once, snippets attached
        except DomainError as exc:
            form.add_error("q", exc.message)
        else:
            q = (data.get("q") or "").strip()
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
        {"form": form, "page": page, "params": params.urlencode()},
    )
