"""The match state machine: the one table of legal moves and the one function that makes them.

    proposed --accept--> accepted --confirm--> confirmed --complete--> completed
    proposed --confirm (agreed by phone)--> confirmed
    proposed --decline--> declined
    proposed / accepted / confirmed --cancel--> cancelled

Confirming takes a row lock on the request first, so two coordinators confirming at the same
moment are serialised and the headcount is never exceeded.
"""

from django.db import transaction
from django.utils import timezone

from accounts.system import as_user
from common import events
from common.errors import Conflict, Forbidden
from matching import policies
from matching.models import Match, MatchEvent, MatchStatus, Request, RequestStatus

S = MatchStatus
COORDINATOR, VOLUNTEER, REQUESTER = "coordinator", "volunteer", "requester"

# (from, to) -> the parties who may make that move. Coordinators may answer on behalf of a
# volunteer who has no login (paper registrations) and confirm what was agreed by phone.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.PROPOSED, S.ACCEPTED): frozenset({VOLUNTEER, COORDINATOR}),
    (S.PROPOSED, S.DECLINED): frozenset({VOLUNTEER, COORDINATOR}),
    (S.PROPOSED, S.CONFIRMED): frozenset({COORDINATOR}),
    (S.ACCEPTED, S.CONFIRMED): frozenset({COORDINATOR}),
    (S.CONFIRMED, S.COMPLETED): frozenset({COORDINATOR, REQUESTER}),
    (S.PROPOSED, S.CANCELLED): frozenset({COORDINATOR, REQUESTER}),
    (S.ACCEPTED, S.CANCELLED): frozenset({COORDINATOR, REQUESTER, VOLUNTEER}),
    (S.CONFIRMED, S.CANCELLED): frozenset({COORDINATOR, REQUESTER, VOLUNTEER}),
}
LABELS = dict(MatchStatus.choices)
PLACE_HOLDING = (S.CONFIRMED, S.COMPLETED)
# What each move tells the people concerned (common/events.py; the outbox listens).
EVENTS = {
    S.ACCEPTED: events.MATCH_ACCEPTED,
    S.DECLINED: events.MATCH_DECLINED,
    S.CONFIRMED: events.MATCH_CONFIRMED,
}
ACTIVE = (S.PROPOSED, S.ACCEPTED, S.CONFIRMED)


def parties(user, match: Match) -> set[str]:
    found = set()
    if policies.is_coordinator(user):
        found.add(COORDINATOR)
    if policies.is_match_volunteer(user, match):
        found.add(VOLUNTEER)
    if policies.is_match_requester(user, match):
        found.add(REQUESTER)
    return found


def allowed_moves(user, match: Match) -> list[str]:
    """The statuses ``user`` may move ``match`` to now (for showing buttons)."""
    mine = parties(user, match)
    return [to for (frm, to), who in TRANSITIONS.items() if frm == match.status and who & mine]


@transaction.atomic
def transition(*, match: Match, to: str, actor, note: str = "") -> Match:
    """Move ``match`` to ``to`` on behalf of ``actor``, or raise Conflict / Forbidden.

    The request row is locked before the match (always in that order, so no deadlocks), then
    the headcount is checked against the confirmed matches under that lock.
    """
    request = Request.objects.select_for_update().get(pk=match.request_id)
    match = Match.objects.select_for_update().select_related("profile").get(pk=match.pk)
    match.request = request
    current = match.status
    who = TRANSITIONS.get((current, to))
    if who is None:
        raise Conflict(
            f"「{LABELS[current]}」のマッチングを「{LABELS.get(to, to)}」にはできません。",
            code="illegal_transition",
        )
    if not who & parties(actor, match):
        raise Forbidden(f"このマッチングを「{LABELS[to]}」にする権限がありません。")
    if to == S.CONFIRMED:
        _check_room(request)
    match.status = to
    match.save(update_fields=["status", "updated_at"])
    MatchEvent.objects.create(
        match=match, from_status=current, to_status=to, actor=as_user(actor), note=note[:2000]
    )
    _sync_request_status(request)
    if to == S.CANCELLED:
        events.emit(
            events.MATCH_CANCELLED, match=match, actor=actor, note=note, from_status=current
        )
    elif to in EVENTS:
        events.emit(EVENTS[to], match=match)
    return match


def _check_room(request: Request) -> None:
    if request.status not in (RequestStatus.OPEN, RequestStatus.FILLED):
        raise Conflict("この依頼は募集中ではないため、確定できません。", code="request_not_open")
    taken = request.matches.filter(status__in=PLACE_HOLDING).count()
    if taken >= request.headcount:
        raise Conflict(
            f"この依頼の必要人数（{request.headcount}名）はすでに確定しています。",
            code="headcount_full",
        )


def _sync_request_status(request: Request) -> None:
    """A request is filled exactly while its confirmed matches reach the headcount, and it
    closes itself once those are all completed (nothing is left to happen)."""
    if request.status not in (RequestStatus.OPEN, RequestStatus.FILLED):
        return
    confirmed = request.matches.filter(status=S.CONFIRMED).count()
    completed = request.matches.filter(status=S.COMPLETED).count()
    taken = confirmed + completed
    wanted = RequestStatus.FILLED if taken >= request.headcount else RequestStatus.OPEN
    if wanted == RequestStatus.FILLED and completed and not confirmed:
        wanted = RequestStatus.CLOSED
    if request.status != wanted:
        request.status = wanted
        request.save(update_fields=["status", "updated_at"])


def record_proposal(*, match: Match, actor) -> None:
    MatchEvent.objects.create(
        match=match, from_status="", to_status=S.PROPOSED, actor=as_user(actor)
    )
    match.profile.__class__.objects.filter(pk=match.profile_id).update(
        last_proposed_at=timezone.now()
    )
