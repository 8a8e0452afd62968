"""Talent search for coordinators: the same full-text search as ``GET /api/profiles/?q=``
(talent.search), over the caller's visible profiles, with the filters of the form."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.html import format_html, format_html_join

from common.errors import DomainError
from talent import selectors
from web.forms import TalentSearchForm

try:  # talent.search arrives with the search work; until then the filters work on their own.
    from talent import search as text_search
except ImportError:  # pragma: no cover - only while the search module is not in the tree
    text_search = None


def _slots(day: str, band: str) -> list[str]:
    if text_search is not None:
        return text_search.slots_of(weekday=day or None, time_band=band or None)
    days = [day] if day else ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    bands = [band] if band else ["am", "pm", "night"]
    return [f"{d}_{b}" for d in days for b in bands]


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
        qs = qs.filter(availability__overlap=_slots(data.get("weekday"), data.get("band")))
    q = (data.get("q") or "").strip()
    if text_search is not None:
        qs = text_search.profile_search(qs, q, viewer=user)
    else:
        qs = qs.order_by("furigana", "id")
    return qs.prefetch_related("areas")


def snippet_html(snippet: dict | None) -> str:
    """A search snippet ({"text", "highlights": [[start, end], …]}) with <mark> around hits."""
    if not snippet:
        return ""
    text, parts, pos = snippet["text"], [], 0
    for start, end in snippet.get("highlights", []):
        parts.append((text[pos:start], text[start:end]))
        pos = end
    body = format_html_join("", "{}<mark>{}</mark>", parts)
    return body + format_html("{}", text[pos:])  # both SafeStrings: every piece is escaped


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
            if q and text_search is not None:
                snippets = text_search.profile_snippets(page.object_list, q, viewer=request.user)
                for p in page.object_list:
                    p.snippet = snippet_html(snippets.get(p.pk))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/coordinator/talent_search.html",
        {"form": form, "page": page, "params": params.urlencode()},
    )
