"""Talent search for coordinators: the same FilterSet as ``GET /api/profiles/``
(talent.filters.ProfileFilter: full text plus kind, 地区, weekday, time band, fee, status) over
the caller's visible profiles, rendered as a page through the privacy gate."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe

from common.errors import DomainError
from lib.text.snippets import highlight_html
from talent import privacy, selectors
from talent import search as text_search
from talent.filters import ProfileFilter

# The columns of the result list (the snippet may also quote experience or bio).
RESULT_FIELDS = frozenset(
    {"id", "display_name", "furigana", "kind", "skills", "experience", "bio", "areas", "fee"}
    | {"status"}
)


def _snippet_html(snippet: dict | None) -> str:
    if not snippet:
        return ""
    return mark_safe(highlight_html(snippet["text"], snippet["highlights"]))


def render_search(request):
    found = ProfileFilter(
        request.GET or None,
        queryset=selectors.profiles_visible_to(request.user).order_by(
            *text_search.profile_order(request.user)
        ),
        request=request,
    )
    page = None
    if found.is_bound and found.is_valid():
        try:
            results = found.qs.prefetch_related("areas")
            page = Paginator(results, 30).get_page(request.GET.get("page"))
            # What the list shows of each person, as the privacy gate allows it.
            views = privacy.profile_views(
                request.user, page.object_list, channel="web", fields=RESULT_FIELDS
            )
        except DomainError as exc:
            found.form.add_error("q", exc.message)
            page = None
        else:
            q = (found.form.cleaned_data.get("q") or "").strip()
            snippets = text_search.profile_snippets(views, q) if q else {}
            page.object_list = [
                {"person": view, "snippet": _snippet_html(snippets.get(view.pk))} for view in views
            ]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/coordinator/talent_search.html",
        {"form": found.form, "page": page, "params": params.urlencode()},
    )
