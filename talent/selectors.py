"""Reads of profiles, always scoped to the caller."""

from django.db.models import Q, QuerySet

from accounts.roles import is_coordinator
from talent import privacy
from talent.models import Profile, ProfileStatus


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Coordinators see every profile; others the published ones, their own, and (requesters)
    the people of their confirmed or completed matches. Which fields of each: talent.privacy."""
    # A withdrawn (退会) profile is an anonymous shell kept for the counts: nobody lists it.
    qs = Profile.objects.exclude(status=ProfileStatus.WITHDRAWN)
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    visible = Q(status=ProfileStatus.PUBLISHED) | Q(user_id=user.id)
    confirmed = privacy.matched_ids(user).get(privacy.Relation.CONFIRMED)
    if confirmed:
        visible |= Q(id__in=confirmed)
    return qs.filter(visible)
