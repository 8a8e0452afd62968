"""Each volunteer's activity history (コミュニティ・キャリア), scoped to the caller."""

from django.db.models import QuerySet

from accounts.roles import is_coordinator, is_requester
from matching.selectors import organization_id_of
from volunteers.models import ActivityRecord


def activities_visible_to(user) -> QuerySet[ActivityRecord]:
    qs = ActivityRecord.objects.select_related(
        "match", "match__profile", "match__request", "match__request__organization"
    )
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    if is_requester(user):
        return qs.filter(match__request__organization_id=organization_id_of(user))
    return qs.filter(match__profile__user_id=user.id)
