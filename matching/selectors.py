"""Reads of organizations, requests and matches, always scoped to the caller."""

from django.db.models import Q, QuerySet

from accounts.models import Role
from accounts.policies import may_browse
from matching.models import Match, MatchStatus, Organization, Request, RequestStatus


def organizations_visible_to(user) -> QuerySet[Organization]:
    """Every signed-in login with a confirmed e-mail address sees the organizations' names;
    their contact data is a separate rule (policies.organization_contact_visible)."""
    if not may_browse(user):
        return Organization.objects.none()
    return Organization.objects.select_related("area")


def contact_organization_ids_for(user) -> frozenset[int]:
    """Organizations whose phone, e-mail and address this volunteer may see: those of its
    confirmed or completed matches."""
    if not user.is_authenticated or user.role != Role.VOLUNTEER:
        return frozenset()
    return frozenset(
        Match.objects.filter(
            profile__user_id=user.id, status__in=[MatchStatus.CONFIRMED, MatchStatus.COMPLETED]
        ).values_list("request__organization_id", flat=True)
    )


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
    if not may_browse(user):
        # An unconfirmed sign-up sees only what it was proposed for (nothing, in practice).
        return qs.filter(matches__profile__user_id=user.id).distinct()
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
