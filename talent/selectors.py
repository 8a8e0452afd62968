"""Reads of profiles, always scoped to the caller."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from accounts.roles import is_coordinator, is_requester
from talent.models import Profile, ProfileStatus


# Which profiles a requester's confirmed matches open to them is for matching to say: it sits
# above talent, and talent imports nothing above itself. matching hands its selector over at
# start-up (matching/apps.py); until then nobody has a confirmed match.
def _nobody(user) -> frozenset[int]:
    return frozenset()


_confirmed_source: Callable[[object], frozenset[int]] = _nobody


def set_confirmed_source(source: Callable[[object], frozenset[int]]) -> None:
    global _confirmed_source
    _confirmed_source = source


def confirmed_profile_ids_for(user) -> frozenset[int]:
    """Profiles whose contact data this requester may see: its confirmed or completed matches."""
    if not is_requester(user):
        return frozenset()
    return _confirmed_source(user)


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Coordinators see every profile; others the published ones, their own, and (requesters)
    the people of their confirmed matches."""
    # A withdrawn (退会) profile is an anonymous shell kept for the counts: nobody lists it.
    qs = Profile.objects.exclude(status=ProfileStatus.WITHDRAWN)
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    visible = Q(status=ProfileStatus.PUBLISHED) | Q(user_id=user.id)
    confirmed = confirmed_profile_ids_for(user)
    if confirmed:
        visible |= Q(id__in=confirmed)
    return qs.filter(visible)
