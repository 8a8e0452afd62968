"""Who may do what with organizations and requests. Each rule is written once, here; the
moves of requests and matches are in the tables of matching/pipeline.py."""

from accounts.roles import is_coordinator, is_requester
from matching.models import Organization, Request
from matching.selectors import organization_id_of


def can_manage_organizations(user) -> bool:
    return is_coordinator(user)


def can_post_request_for(user, organization: Organization) -> bool:
    """Coordinators post for anyone; a requester only in its own organization's name."""
    if is_coordinator(user):
        return True
    return is_requester(user) and organization_id_of(user) == organization.id


def can_edit_request(user, request: Request) -> bool:
    return can_post_request_for(user, request.organization)


def can_propose(user) -> bool:
    return is_coordinator(user)


def can_see_candidates(user) -> bool:
    """Only coordinators see the ranked candidates (they contain unpublished judgements)."""
    return is_coordinator(user)
