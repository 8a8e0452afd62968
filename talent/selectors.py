"""Reads of profiles, always scoped to the caller."""

from django.db.models import Q, QuerySet

from accounts.models import Role
from accounts.policies import may_browse
from talent.models import Profile, ProfileStatus


def confirmed_profile_ids_for(user) -> frozenset[int]:
    """Profiles whose contact data this requester may see: its confirmed or completed matches."""
    if not user.is_authenticated or user.role != Role.REQUESTER:
        return frozenset()
    from matching.models import Match, MatchStatus

    return frozenset(
        Match.objects.filter(
            request__organization_id=user.organization_id,
            status__in=[MatchStatus.CONFIRMED, MatchStatus.COMPLETED],
        ).values_list("profile_id", flat=True)
    )


def is_screened_volunteer(user) -> bool:
    """A volunteer whose own registration a coordinator has published."""
    return Profile.objects.filter(user_id=user.id, status=ProfileStatus.PUBLISHED).exists()


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Coordinators see every profile; requesters the published ones and the people of their
    confirmed matches; a volunteer its own, and — once screened (published) and with a
    confirmed e-mail address — the other published ones (README: security → who reads what)."""
    qs = Profile.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.COORDINATOR:
        return qs
    if user.role == Role.VOLUNTEER and not (may_browse(user) and is_screened_volunteer(user)):
        return qs.filter(user_id=user.id)
    visible = Q(status=ProfileStatus.PUBLISHED) | Q(user_id=user.id)
    confirmed = confirmed_profile_ids_for(user)
    if confirmed:
        visible |= Q(id__in=confirmed)
    return qs.filter(visible)
