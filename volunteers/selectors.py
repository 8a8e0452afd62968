"""Each volunteer's activity history (コミュニティ・キャリア), scoped to the caller."""

from django.db.models import QuerySet

from accounts.models import Role
from volunteers.models import ActivityRecord


def activities_visible_to(user) -> QuerySet[ActivityRecord]:
    qs = ActivityRecord.objects.select_related(
        "match", "match__profile", "match__request", "match__request__organization"
    )
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.COORDINATOR:
        return qs
    if user.role == Role.REQUESTER:
        return qs.filter(match__request__organization_id=user.organization_id)
    return qs.filter(match__profile__user_id=user.id)
