"""Reads of profiles, always scoped to the caller."""

from django.db.models import Q, QuerySet

from accounts.policies import may_browse
from accounts.roles import is_coordinator, is_volunteer
from talent import privacy
from talent.models import Profile, ProfileStatus


def is_screened_volunteer(user) -> bool:
    """A volunteer whose own registration a coordinator has published."""
    return Profile.objects.filter(user_id=user.id, status=ProfileStatus.PUBLISHED).exists()


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Coordinators see every profile; requesters the published ones and the people of their
    confirmed or completed matches; a volunteer its own, and — once screened (published) and
    with a confirmed e-mail address — the other published ones (README: security → who reads
    what). Which fields of each: talent.privacy."""
    # A withdrawn (退会) profile is an anonymous shell kept for the counts: nobody lists it.
    qs = Profile.objects.exclude(status=ProfileStatus.WITHDRAWN)
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    if is_volunteer(user) and not (may_browse(user) and is_screened_volunteer(user)):
        return qs.filter(user_id=user.id)
    visible = Q(status=ProfileStatus.PUBLISHED) | Q(user_id=user.id)
    confirmed = privacy.matched_ids(user).get(privacy.Relation.CONFIRMED)
    if confirmed:
        visible |= Q(id__in=confirmed)
    return qs.filter(visible)
