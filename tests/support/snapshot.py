"""Every row a write could touch, to assert that a refused call changed nothing at all."""

from accounts.models import User
from matching.models import Match, MatchEvent, Organization, Request
from talent.models import Disclosure, Profile
from volunteers.models import ActivityRecord
from web.models import FormSubmission

MODELS = (
    User,
    Organization,
    Profile,
    Profile.areas.through,
    Disclosure,
    Request,
    Match,
    MatchEvent,
    ActivityRecord,
    FormSubmission,
)


def database() -> dict[str, list[dict]]:
    return {
        m._meta.label: [
            {k: v for k, v in row.items() if k != "search_vector"}
            for row in m.objects.order_by("pk").values()
        ]
        for m in MODELS
    }
