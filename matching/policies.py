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


ORGANIZATION_CONTACT_FIELDS = ("address", "phone", "email")


def organization_contact_visible(user, organization: Organization, contact_ids=frozenset()) -> bool:
    """An organization's phone, e-mail and address reach coordinators, its own members, and the
    volunteers of its confirmed or completed matches (``contact_ids``, from
    selectors.contact_organization_ids_for) — not every signed-up account."""
    if not user.is_authenticated:
        return False
    if user.role == Role.COORDINATOR:
        return True
    if user.role == Role.REQUESTER:
        return user.organization_id == organization.id
    return organization.id in contact_ids
