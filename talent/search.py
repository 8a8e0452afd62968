"""Full-text search of profiles: the one search behind ``GET /api/profiles/?q=`` and the pages.

Query syntax and snippets: talent/fulltext.py. What is searched: ``Profile.search_vector``, the
Sudachi terms of name and skills at weight A, experience at B, the self-introduction at C,
the reading of the name at D, kept in step with the text by ``Profile.save()`` in the same
transaction, under a GIN index. What a viewer may search and sort by is the privacy gate's
(talent.privacy): nobody finds a profile by words they may not read, nor sees a list sorted
by a reading they may not see.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from lib.text import analyze
from lib.text.snippets import page_snippets
from talent import privacy
from talent.fulltext import apply_search, parse_query
from talent.models import Profile

# The free-text fields a snippet may come from, most telling first.
SNIPPET_FIELDS = ("skills", "experience", "bio")


def profile_order(viewer) -> list:
    """五十音順 by the reading where ``viewer`` may see it (talent.privacy.visible_sort)."""
    return privacy.visible_sort(viewer, "furigana")


def profile_search(queryset: QuerySet[Profile], text: str | None, *, viewer) -> QuerySet[Profile]:
    """The profiles of ``queryset`` (already scoped to ``viewer``) matching ``text``, best
    first, then in 五十音順; with no text, all of them in 五十音順 (both by readings the
    viewer may see).

    Raises InvalidInput when the text is too long; any other text gives a result, possibly
    empty (a query of only particles or symbols finds nothing).
    """
    query = parse_query(text, analyze)
    order = profile_order(viewer)
    if query.is_blank:
        return queryset.order_by(*order)
    visible = privacy.visible_search_vector(viewer)
    return apply_search(queryset, query, order=order, visible_vector=visible)


def profile_snippets(
    views: Iterable[privacy.ProfileView], text: str | None
) -> dict[int, dict | None]:
    """For each profile of a result page (as the gate returned it): a short piece of its text
    with the found words marked, taken only from the fields the viewer may see."""
    views = list(views)
    shown = {v.pk: [name for name in SNIPPET_FIELDS if v.shows(name)] for v in views}
    return page_snippets([v.profile for v in views], text, analyze, lambda p: shown[p.pk])
