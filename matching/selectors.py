"""Reads of organizations, requests and matches, always scoped to the caller."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from accounts.roles import is_coordinator, is_requester
from matching.models import IN_PROGRESS, PLACE_HOLDING, Match, Organization, Request, RequestStatus
from talent.privacy import Relation


def organization_id_of(user) -> int | None:
    """The organization a requester speaks for (matching.Membership); None for everyone else.
    The membership is cached on the user object, so this costs one query per login loaded."""
    if not is_requester(user):
        return None
    membership = getattr(user, "membership", None)  # a missing one raises AttributeError
    return membership.organization_id if membership is not None else None


def organization_of(user) -> Organization | None:
    org_id = organization_id_of(user)
    return None if org_id is None else Organization.objects.get(pk=org_id)


def places_taken(request: Request) -> int:
    """How many of ``request``'s places are taken (confirmed or completed matches): the one
    headcount count. ``places_taken_annotation`` is the same rule for lists."""
    return Match.objects.filter(request=request).holding_places().count()


def places_taken_annotation() -> Count:
    """``Request.objects.annotate(taken=places_taken_annotation())``."""
    return Count("matches", filter=Q(matches__status__in=PLACE_HOLDING))


def organizations_visible_to(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.select_related("area")


def requests_visible_to(user) -> QuerySet[Request]:
    """Coordinators see every request; requesters their organization's; volunteers the open
    ones and those they have been proposed for."""
    qs = Request.objects.select_related("organization", "organization__area")
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    if is_requester(user):
        return qs.filter(organization_id=organization_id_of(user))
    return qs.filter(Q(status=RequestStatus.OPEN) | Q(matches__profile__user_id=user.id)).distinct()


def matches_visible_to(user) -> QuerySet[Match]:
    """Coordinators see all matches; requesters those of their organization; volunteers their own."""
    qs = Match.objects.select_related("request", "request__organization", "profile")
    if not user.is_authenticated:
        return qs.none()
    if is_coordinator(user):
        return qs
    if is_requester(user):
        return qs.filter(request__organization_id=organization_id_of(user))
    return qs.filter(profile__user_id=user.id)


def profile_relations(viewer, profile_ids: Iterable[int] | None = None) -> dict[int, str]:
    """For a requester: each person its organization has a match under way or finished with,
    as the privacy gate's relation (talent.privacy.Relation): ``confirmed`` when a match holds
    a place (confirmed or completed), else ``proposed`` (proposed or accepted); declined and
    cancelled matches relate nobody. One query. Handed to talent.privacy by matching.apps
    (talent may not import matching)."""
    org = organization_id_of(viewer)
    if org is None:
        return {}
    qs = Match.objects.filter(
        request__organization_id=org, status__in={*PLACE_HOLDING, *IN_PROGRESS}
    )
    if profile_ids is not None:
        qs = qs.filter(profile_id__in=list(profile_ids))
    found: dict[int, str] = {}
    for profile_id, status in qs.values_list("profile_id", "status"):
        if status in PLACE_HOLDING:
            found[profile_id] = Relation.CONFIRMED
        else:
            found.setdefault(profile_id, Relation.PROPOSED)
    return found
