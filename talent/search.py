"""Full-text search of profiles: the one search behind ``GET /api/profiles/?q=`` and the pages.

Query syntax and snippets: talent/fulltext.py. What is searched: ``Profile.search_vector``, the
Sudachi terms of name and skills at weight A, experience at B, the self-introduction at C,
the reading of the name at D, kept in step with the text by ``Profile.save()`` in the same
transaction, under a GIN index.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVectorField
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from accounts.roles import is_coordinator
from lib.text import analyze
from lib.text.snippets import page_snippets
from talent import policies, selectors
from talent.fulltext import apply_search, parse_query
from talent.models import READING_ORDER, Profile

# The free-text fields a snippet may come from, most telling first.
SNIPPET_FIELDS = ("skills", "experience", "bio")

# Where each field a volunteer may keep private sits in ``search_vector`` (talent/models.py).
# The rule itself is talent.policies.hidden_fields; this is its translation into weights, so a
# caller who may not see someone's self-introduction cannot find them by it either.
CONSENT_WEIGHTS = {"experience": "b", "bio": "c", "furigana": "d"}


def profile_search(queryset: QuerySet[Profile], text: str | None, *, viewer) -> QuerySet[Profile]:
    """The profiles of ``queryset`` (already scoped to ``viewer``) matching ``text``, best
    first, then in 五十音順; with no text, all of them in 五十音順.

    Raises InvalidInput when the text is too long; any other text gives a result, possibly
    empty (a query of only particles or symbols finds nothing).
    """
    query = parse_query(text, analyze)
    if query.is_blank:
        return queryset.order_by(*READING_ORDER)
    visible = None if is_coordinator(viewer) else _visible_vector(viewer)
    return apply_search(queryset, query, order=READING_ORDER, visible_vector=visible)


def _visible_vector(viewer) -> RawSQL:
    """``search_vector`` cut to what ``viewer`` may see of each row (policies.hidden_fields):
    all of it for their own profile and for a requester's confirmed matches; otherwise name
    and skills (weight A) plus the fields the volunteer consented to publish."""
    table = Profile._meta.db_table
    consented = ", ".join(
        f"CASE WHEN '{field}' = ANY({table}.public_fields) THEN '{weight}' END"
        for field, weight in CONSENT_WEIGHTS.items()
    )
    sql = (
        f"CASE WHEN {table}.user_id = %s OR {table}.id = ANY(%s) THEN {table}.search_vector "
        f"ELSE ts_filter({table}.search_vector, "
        f"array_remove(ARRAY['a', {consented}]::\"char\"[], NULL)) END"
    )
    confirmed = sorted(selectors.confirmed_profile_ids_for(viewer))
    return RawSQL(sql, [viewer.id, confirmed], output_field=SearchVectorField())


def profile_snippets(
    profiles: Iterable[Profile],
    text: str | None,
    *,
    viewer,
    confirmed_profile_ids: frozenset[int] | None = None,
) -> dict[int, dict | None]:
    """For each profile of a result page: a short piece of its text with the found words
    marked, taken only from the fields ``viewer`` may see."""
    if confirmed_profile_ids is None:
        confirmed_profile_ids = selectors.confirmed_profile_ids_for(viewer)

    def visible_fields(profile: Profile) -> list[str]:
        hidden = policies.hidden_fields(
            viewer, profile, confirmed_profile_ids=confirmed_profile_ids
        )
        return [name for name in SNIPPET_FIELDS if name not in hidden]

    return page_snippets(profiles, text, analyze, visible_fields)
