"""Ranked candidates with their reasons, in both directions, from the process's index cache.

The request's and the profile's own terms are read from their stored ``tok_*`` columns: the
query path never runs Sudachi.
"""

from __future__ import annotations

import time

from lib.engine.index import Query
from lib.engine.ranking import DEFAULT_WEIGHTS, FILTER_ORDER
from lib.slots import mask_to_slots, request_slot_groups, slots_to_mask
from matching.index_cache import profile_cache, request_cache
from matching.models import Match, MatchStatus, Request
from talent.models import Area, Profile, ProfileKind

# A person already proposed, declined or confirmed for a request is not proposed again; a
# cancelled proposal may be made anew.
EXCLUDING_STATUSES = [s for s in MatchStatus.values if s != MatchStatus.CANCELLED]

FILTER_LABELS = {
    "not_published": "公開中でない",
    "kind": "種別が違う",
    "availability": "日時が合わない",
    "excluded": "提案済み・辞退・確定済み",
}
SOFT_FACTOR_LABELS = {
    "same_area": "同じ地区",
    "not_asked_recently": "最近依頼していない人を優先",
}
KIND_LABELS = dict(ProfileKind.choices)


def candidates_for_request(request: Request, *, limit: int = 10) -> dict:
    """Published profiles ranked for ``request``, best first, each with its reasons."""
    index = profile_cache.fresh()
    exclude = Match.objects.filter(request=request, status__in=EXCLUDING_STATUSES).values_list(
        "profile_id", flat=True
    )
    area_id = request.organization.area_id
    result = index.rank(
        Query(
            fields={"title": request.tok_title, "description": request.tok_description},
            kind=request.kind_wanted or None,
            required_slots=request_slot_groups(request.dates, request.time_band),
            areas=(area_id,) if area_id else (),
            exclude=set(exclude),
            limit=limit,
            now=time.time(),
        )
    )
    profiles = Profile.objects.in_bulk([c.doc_id for c in result.candidates])
    areas = _area_names()
    results = []
    for c in result.candidates:
        profile = profiles.get(c.doc_id)
        if profile is None:  # deleted between the index's look and this one
            continue
        results.append(
            {
                "profile_id": c.doc_id,
                "display_name": profile.display_name,
                "kind": profile.kind,
                "kind_label": KIND_LABELS.get(profile.kind, profile.kind),
                **_reasons(c, areas),
            }
        )
    return _envelope(results, result)


def requests_for_profile(profile: Profile, *, limit: int = 10) -> dict:
    """Open requests ranked for a volunteer's profile: the other direction, same machinery."""
    index = request_cache.fresh()
    exclude = Match.objects.filter(profile=profile, status__in=EXCLUDING_STATUSES).values_list(
        "request_id", flat=True
    )
    area_ids = tuple(profile.areas.values_list("id", flat=True))
    result = index.rank(
        Query(
            fields={
                "skills": profile.tok_skills,
                "experience": profile.tok_experience,
                "bio": profile.tok_bio,
            },
            kind=profile.kind,
            offered_slots=slots_to_mask(profile.availability),
            areas=area_ids,
            exclude=set(exclude),
            limit=limit,
            now=time.time(),
        )
    )
    requests = Request.objects.select_related("organization").in_bulk(
        [c.doc_id for c in result.candidates]
    )
    areas = _area_names()
    results = []
    for c in result.candidates:
        req = requests.get(c.doc_id)
        if req is None:
            continue
        results.append(
            {
                "request_id": c.doc_id,
                "title": req.title,
                "organization_name": req.organization.name,
                "dates": [d.isoformat() for d in req.dates],
                "time_band": req.time_band,
                **_reasons(c, areas),
            }
        )
    return _envelope(results, result)


def _area_names() -> dict[int, str]:
    return dict(Area.objects.values_list("id", "name"))


def _reasons(c, areas: dict[int, str]) -> dict:
    required = mask_to_slots(c.required_slots)
    covered = mask_to_slots(c.covered_slots)
    if not required:
        fit = "not_required"
    elif len(covered) == len(required):
        fit = "full"
    else:
        fit = "partial" if covered else "none"
    return {
        "score": c.score,
        "text_score": c.text_score,
        # Plain words, for tools that only want the list; details below.
        "matched_terms": [t.term for t in c.matched_terms],
        "term_contributions": [
            {
                "term": t.term,
                "contribution": t.contribution,
                "via": t.via,
                "matched": list(t.matched),
            }
            for t in c.matched_terms
        ],
        "availability": {"required": required, "covered": covered, "fit": fit},
        "areas": {"shared": [areas.get(a, str(a)) for a in c.shared_areas]},
        "soft_factors": [
            {
                "name": f.name,
                "label": SOFT_FACTOR_LABELS.get(f.name, f.name),
                "boost": f.boost,
                "weight": DEFAULT_WEIGHTS.get(f.name),
            }
            for f in c.soft_factors
        ],
    }


def _envelope(results: list[dict], result) -> dict:
    return {
        "results": results,
        "filtered": {name: result.removed.get(name, 0) for name in FILTER_ORDER},
        "filtered_labels": FILTER_LABELS,
        "considered": result.considered,
    }
