"""Who may do what with organizations, requests and matches. Each rule is written once, here."""

from accounts.models import Role
from matching.models import Match, Organization, Request


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.role == Role.COORDINATOR


def can_manage_organizations(user) -> bool:
    return is_coordinator(user)


def can_post_request_for(user, organization: Organization) -> bool:
    """Coordinators post for anyone; a requester only in its own organization's name."""
    if is_coordinator(user):
        return True
    return (
        user.is_authenticated
        and user.role == Role.REQUESTER
        and user.organization_id == organization.id
    )


def can_edit_request(user, request: Request) -> bool:
    return can_post_request_for(user, request.organization)


def can_see_candidates(user) -> bool:
    """Only coordinators see the ranked candidates (they contain unpublished judgements)."""
    return is_coordinator(user)


def is_match_volunteer(user, match: Match) -> bool:
    return (
        user.is_authenticated
        and match.profile.user_id is not None
        and match.profile.user_id == user.id
    )


def is_match_requester(user, match: Match) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.REQUESTER
        and user.organization_id == match.request.organization_id
    )
