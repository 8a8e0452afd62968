"""Reads of organizations, requests and matches, always scoped to the caller."""

from django.db.models import Q, QuerySet

from accounts.models import Role
from matching.models import Match, Organization, Request, RequestStatus


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
