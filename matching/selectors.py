"""Reads of organizations, requests and matches, always scoped to the caller."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from accounts.models import Role
from matching.models import Match, MatchStatus, Organization, Request, RequestStatus
from matching.workflow import PLACE_HOLDING
from talent.privacy import Relation

# Matches still waiting for an answer or a confirmation.
WAITING = (MatchStatus.PROPOSED, MatchStatus.ACCEPTED)


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
    if user.role == Role.COORDINATOR:
        return qs
    if user.role == Role.REQUESTER:
        return qs.filter(organization_id=user.organization_id)
    return qs.filter(Q(status=RequestStatus.OPEN) | Q(matches__profile__user_id=user.id)).distinct()


def matches_visible_to(user) -> QuerySet[Match]:
    """Coordinators see all matches; requesters those of their organization; volunteers their own."""
    qs = Match.objects.select_related("request", "request__organization", "profile")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.COORDINATOR:
        return qs
    if user.role == Role.REQUESTER:
        return qs.filter(request__organization_id=user.organization_id)
    return qs.filter(profile__user_id=user.id)


def profile_relations(viewer, profile_ids: Iterable[int] | None = None) -> dict[int, str]:
    """For a requester: each person its organization has a live or finished match with, as the
    privacy gate's relation (talent.privacy.Relation): ``confirmed`` when a match is confirmed
    or completed, else ``proposed`` when one is proposed or accepted. One query. Registered
    with talent.privacy by matching.apps (talent may not import matching)."""
    if not viewer.is_authenticated or viewer.role != Role.REQUESTER:
        return {}
    qs = Match.objects.filter(
        request__organization_id=viewer.organization_id,
        status__in=[*PLACE_HOLDING, *WAITING],
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
