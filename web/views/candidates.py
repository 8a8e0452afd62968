"""The matcher's ranked candidates for a request, on the coordinator's request page.

``matching.candidates.candidates_for_request`` ranks and explains; this module only reads the
coordinator's filter choices from the query string (plain GET parameters, no script needed)
and limits the profiles to what this user may see.

Filters a coordinator controls:

- ``kinds`` (repeatable): the kinds that could help; absent means the request's own, ``any``
  means every kind;
- ``kind_strict=1``: only those kinds (otherwise a kind is a preference: a boost); without
  ``filters=1`` (the form's own marker) the request's own choice holds;
- ``dates=0``: ignore the request's dates (otherwise people whose 曜日・時間帯 do not fit are
  left out; people who filled in none are kept, after the others).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matching import policies
from matching.candidates import (
    KIND_LABELS,
    CandidateList,
    Options,
    candidates_for_request,
    request_kinds,
)
from talent import selectors as talent_selectors


@dataclass
class CandidatesPage:
    available: bool
    listing: CandidateList | None = None
    rows: list = field(default_factory=list)  # (ProfileCandidate, visible profile)
    kinds: list[tuple[str, str, bool]] = field(default_factory=list)  # (code, label, chosen)
    strict: bool = False  # only the chosen kinds
    error: str = ""


def options_from(params, request_obj, limit: int) -> Options:
    """The coordinator's filter choices; anything unknown falls back to the default."""
    chosen = [k for k in params.getlist("kinds") if k in KIND_LABELS or k == "any"]
    if not chosen:
        kinds = None
    elif "any" in chosen:
        kinds = ()
    else:
        kinds = tuple(dict.fromkeys(chosen))
    submitted = params.get("filters") == "1"
    return Options(
        kinds=kinds,
        kinds_strict=(params.get("kind_strict") == "1") if submitted else None,
        use_dates=params.get("dates") != "0",
        limit=limit,
    )


def for_request(user, request_obj, params, *, limit: int = 10) -> CandidatesPage:
    if not policies.can_see_candidates(user):
        return CandidatesPage(available=False, error="候補を見られるのはコーディネーターだけです。")
    options = options_from(params, request_obj, limit)
    listing = candidates_for_request(request_obj, options)
    ids = [c.profile.pk for c in listing.results]
    visible = talent_selectors.profiles_visible_to(user).prefetch_related("areas").in_bulk(ids)
    kinds = request_kinds(request_obj) if options.kinds is None else options.kinds
    return CandidatesPage(
        available=True,
        listing=listing,
        rows=[(c, visible[c.profile.pk]) for c in listing.results if c.profile.pk in visible],
        kinds=[(code, label, code in kinds) for code, label in KIND_LABELS.items()],
        strict=bool(kinds)
        and (request_obj.kinds_strict if options.kinds_strict is None else options.kinds_strict),
    )
