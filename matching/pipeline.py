"""The request and match pipelines: tables of legal moves and who may make each.

Requests::

    draft ⇄ open ⇄ filled            (open ⇄ filled follows the confirmed matches: SYSTEM)
    open / filled ─▶ closed ─▶ open  (closing and re-opening by hand)
    draft / open / filled ─▶ cancelled (cancels the request's matches in progress)

Matches::

    proposed ─accept─▶ accepted ─confirm─▶ confirmed ─complete─▶ completed
    proposed ─confirm (agreed by phone)─▶ confirmed
    proposed ─decline─▶ declined
    proposed / accepted / confirmed ─cancel─▶ cancelled

The one function that moves each is in matching/services.py (``request_set_status``,
``match_set_status``), with every side effect of a move written there, in one place.
"""

from accounts.roles import is_coordinator, is_requester
from common.pipeline import COORDINATOR, REQUESTER, SYSTEM, VOLUNTEER, Pipeline
from matching.models import Match, MatchStatus, Request, RequestStatus
from matching.selectors import organization_id_of

R = RequestStatus
S = MatchStatus

REQUEST_PIPELINE = Pipeline(
    "依頼",
    RequestStatus.choices,
    {
        # (from, to): who may
        (R.DRAFT, R.OPEN): {REQUESTER, COORDINATOR},
        (R.DRAFT, R.CANCELLED): {REQUESTER, COORDINATOR},
        (R.OPEN, R.DRAFT): {REQUESTER, COORDINATOR},
        (R.OPEN, R.FILLED): {SYSTEM},  # the last place confirmed
        (R.OPEN, R.CLOSED): {REQUESTER, COORDINATOR},
        (R.OPEN, R.CANCELLED): {REQUESTER, COORDINATOR},
        (R.FILLED, R.OPEN): {SYSTEM},  # a confirmed match cancelled, or the headcount raised
        (R.FILLED, R.CLOSED): {REQUESTER, COORDINATOR, SYSTEM},  # SYSTEM: all completed
        (R.FILLED, R.CANCELLED): {REQUESTER, COORDINATOR},
        (R.CLOSED, R.OPEN): {REQUESTER, COORDINATOR},
    },
)

# Coordinators may answer for a volunteer who has no login (paper registrations) and confirm
# what was agreed by phone. SYSTEM cancels the matches of a cancelled request.
MATCH_PIPELINE = Pipeline(
    "マッチング",
    MatchStatus.choices,
    {
        # (from, to): who may
        (S.PROPOSED, S.ACCEPTED): {VOLUNTEER, COORDINATOR},
        (S.PROPOSED, S.DECLINED): {VOLUNTEER, COORDINATOR},
        (S.PROPOSED, S.CONFIRMED): {COORDINATOR},
        (S.ACCEPTED, S.CONFIRMED): {COORDINATOR},
        (S.CONFIRMED, S.COMPLETED): {COORDINATOR, REQUESTER},
        (S.PROPOSED, S.CANCELLED): {COORDINATOR, REQUESTER, SYSTEM},
        (S.ACCEPTED, S.CANCELLED): {COORDINATOR, REQUESTER, VOLUNTEER, SYSTEM},
        (S.CONFIRMED, S.CANCELLED): {COORDINATOR, REQUESTER, VOLUNTEER, SYSTEM},
    },
)


def request_parties(user, request: Request) -> set[str]:
    found = set()
    if is_coordinator(user):
        found.add(COORDINATOR)
    if is_requester(user) and organization_id_of(user) == request.organization_id:
        found.add(REQUESTER)
    return found


def match_parties(user, match: Match) -> set[str]:
    found = set()
    if is_coordinator(user):
        found.add(COORDINATOR)
    owner = match.profile.user_id
    if user.is_authenticated and owner is not None and owner == user.id:
        found.add(VOLUNTEER)
    if is_requester(user) and organization_id_of(user) == match.request.organization_id:
        found.add(REQUESTER)
    return found


def request_moves(user, request: Request) -> list[str]:
    """The statuses ``user`` may move ``request`` to by hand now (for the buttons)."""
    return REQUEST_PIPELINE.targets(request.status, request_parties(user, request))


def match_moves(user, match: Match) -> list[str]:
    """The statuses ``user`` may move ``match`` to now (for the buttons)."""
    return MATCH_PIPELINE.targets(match.status, match_parties(user, match))
