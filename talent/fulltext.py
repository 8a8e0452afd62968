"""Full-text search in PostgreSQL: a parsed query (lib/text/query.py) applied to a queryset.

The parser and the query tree (``lib.text.query``) and the snippets (``lib.text.snippets``) are
Django-free; this module is the SQL side that talent/search.py and matching/search.py share.
"""

from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Expression, F, QuerySet

from common.errors import InvalidInput
from lib.text import query as text_query
from lib.text.query import Analyze, ParsedQuery


def parse_query(text: str | None, analyze: Analyze) -> ParsedQuery:
    """Read a search box's text; a text too long to search is InvalidInput (400)."""
    try:
        return text_query.parse_query(text, analyze)
    except text_query.QueryError as exc:
        raise InvalidInput(exc.message, fields=exc.fields) from exc


# -- in SQL ---------------------------------------------------------------------------------

# ts_rank_cd weights for D, C, B, A: the field weights set by each model's search_vector.
# D holds only a profile's reading, which ranks like the name it reads.
RANK_WEIGHTS = [1.0, 0.2, 0.4, 1.0]


def ts_query(text: str) -> SearchQuery:
    """``to_tsquery('simple', %s)`` over a tsquery text built by ParsedQuery (a parameter)."""
    return SearchQuery(text, config="simple", search_type="raw")


def apply_search(
    queryset: QuerySet,
    query: ParsedQuery,
    *,
    order: Sequence,
    visible_vector: Expression | None = None,
) -> QuerySet:
    """Filter ``queryset`` to the rows matching ``query``, best first, then by ``order``.

    ``visible_vector``: the part of each row's ``search_vector`` the caller may search (fields
    they may not see must not be found either). The whole query is then checked against it,
    after a GIN-indexed pass over the full vector with the query's excluding parts left out
    (every row that matches the visible part matches that too).
    """
    if query.is_blank:
        return queryset
    if query.is_empty:
        return queryset.none()
    tsquery = ts_query(query.tsquery)
    if visible_vector is None:
        queryset = queryset.filter(search_vector=tsquery)
        vector: Expression = F("search_vector")
    else:
        if query.positive_tsquery:
            queryset = queryset.filter(search_vector=ts_query(query.positive_tsquery))
        queryset = queryset.alias(visible_vector=visible_vector).filter(visible_vector=tsquery)
        vector = F("visible_vector")
    rank = SearchRank(vector, tsquery, weights=RANK_WEIGHTS, cover_density=True)
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *order)
