"""Full-text search of requests: ``GET /api/requests/?q=`` and the pages where volunteers
browse open requests. Same syntax and snippets as profiles (talent/fulltext.py); the vector
is ``Request.search_vector`` (title at weight A, description at B)."""

from collections.abc import Iterable

from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from lib.text import analyze
from lib.text.snippets import page_snippets
from matching.models import Request
from talent.fulltext import apply_search, parse_query

SNIPPET_FIELDS = ("description", "title")


def request_search(queryset: QuerySet[Request], text: str | None) -> QuerySet[Request]:
    """The requests of ``queryset`` (already scoped to the caller) matching ``text``, best
    first, then newest first; with no text, ``queryset`` as it is.

    Every field of a request its caller may list is public to them, so no field is cut out.
    """
    query = parse_query(text, analyze)
    return apply_search(queryset, query, order=("-created_at", "-id"))


def request_snippets(requests: Iterable[Request], text: str | None) -> dict[int, dict | None]:
    """For each request of a result page: its text around the found words, marked."""
    return page_snippets(requests, text, analyze, lambda request: list(SNIPPET_FIELDS))


def requests_on_dates(queryset: QuerySet[Request], *, start=None, end=None) -> QuerySet[Request]:
    """The requests with at least one date between ``start`` and ``end`` (either may be open)."""
    bounds, params = [], []
    if start is not None:
        bounds.append("d >= %s")
        params.append(start)
    if end is not None:
        bounds.append("d <= %s")
        params.append(end)
    if not bounds:
        return queryset
    table = Request._meta.db_table
    sql = f"EXISTS (SELECT 1 FROM unnest({table}.dates) AS d WHERE {' AND '.join(bounds)})"
    return queryset.filter(RawSQL(sql, params, output_field=BooleanField()))
