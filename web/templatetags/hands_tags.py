"""{% raised_hands req %}: who said やってみたい for a request, with the matcher's reasons where
it ranks them, and a one-click propose button. A separate include so that the coordinator's
candidates page (web/views/candidates.py) stays the matcher's."""

from django import template

from matching import interest, policies
from matching.candidates import Options, candidates_for_request
from matching.models import RequestStatus

register = template.Library()


@register.inclusion_tag("web/includes/raised_hands.html", takes_context=True)
def raised_hands(context, req):
    user = context["request"].user
    hands = list(interest.hands_for(req))
    ranked = {}
    if hands and policies.can_see_candidates(user):
        found = candidates_for_request(req, Options(limit=200))
        ranked = {c.profile.pk: (rank, c) for rank, c in enumerate(found.results, start=1)}
    live = set(req.matches.exclude(status="cancelled").values_list("profile_id", flat=True))
    rows = [
        {
            "hand": h,
            "profile": h.profile,
            "rank": ranked.get(h.profile_id, (None, None))[0],
            "candidate": ranked.get(h.profile_id, (None, None))[1],
            "proposed": h.profile_id in live,
        }
        for h in hands
    ]
    # Best ranked first; people the matcher filtered out keep their order at the end.
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0))
    return {
        "req": req,
        "rows": rows,
        "can_propose": req.status == RequestStatus.OPEN,
        "csrf_token": context.get("csrf_token"),
    }
