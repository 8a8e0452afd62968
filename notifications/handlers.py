"""Which event tells whom what: one handler per domain event (common/events.py).

Every handler runs inside the transaction of the change and only writes outbox rows
(notifications/outbox.py). What a mail may say is decided here, per recipient:

- mails never carry a volunteer's contact data, reading, screening note or registration
  number — the requester of a confirmed match sees the phone number on the request's page,
  where each disclosure is recorded (talent.privacy), not in a mail that is forwarded and kept;
- a volunteer learns the organization's day contact only once the match is confirmed;
- links point at the page where the person acts (the answer link is one-time and signed).
"""

from common import events
from lib.fiscal import fiscal_year_bounds, wareki_fiscal_year
from matching.models import MatchStatus
from notifications import links
from notifications.outbox import coordinators, invitee, queue, requesters, volunteer


def _others(recipients, actor):
    actor_id = getattr(actor, "pk", None)
    return [r for r in recipients if r.user is None or r.user.pk != actor_id]


def profile_submitted(*, profile):
    queue("profile_submitted", volunteer(profile), {"profile": profile}, link="/me/")


def profile_published(*, profile):
    queue("profile_published", volunteer(profile), {"profile": profile}, link="/me/")


def profile_sent_back(*, profile, reason):
    queue(
        "profile_sent_back",
        volunteer(profile),
        {"profile": profile, "reason": reason},
        link="/me/profile/",
    )


def match_proposed(*, match):
    queue(
        "match_proposed",
        volunteer(match.profile),
        {"match": match, "req": match.request},
        link=links.answer_path(match),
    )


def match_accepted(*, match):
    for r in coordinators():
        queue(
            "match_accepted",
            r,
            {"match": match, "req": match.request},
            link=f"/coord/requests/{match.request_id}/",
        )


def match_declined(*, match):
    for r in coordinators():
        queue(
            "match_declined",
            r,
            {"match": match, "req": match.request},
            link=f"/coord/requests/{match.request_id}/",
        )


def match_confirmed(*, match):
    context = {"match": match, "req": match.request}
    queue("match_confirmed_volunteer", volunteer(match.profile), context, link="/me/activities/")
    for r in requesters(match.request.organization):
        queue("match_confirmed_requester", r, context, link=f"/requests/{match.request_id}/")


def match_cancelled(*, match, actor, note, from_status):
    context = {"match": match, "req": match.request, "note": note, "was": from_status}
    for r in _others([volunteer(match.profile)], actor):
        queue("match_cancelled", r, context, link="/me/")
    if from_status == MatchStatus.CONFIRMED:
        for r in _others(requesters(match.request.organization), actor):
            queue("match_cancelled", r, context, link=f"/requests/{match.request_id}/")
    for r in _others(coordinators(), actor):
        queue("match_cancelled", r, context, link=f"/coord/requests/{match.request_id}/")


def activity_recorded(*, record):
    match = record.match
    queue(
        "activity_recorded",
        volunteer(match.profile),
        {"record": record, "match": match, "req": match.request},
        link=f"/me/activities/{record.pk}/confirm/",
    )


def activity_disputed(*, record):
    match = record.match
    for r in coordinators():
        queue(
            "activity_disputed",
            r,
            {"record": record, "match": match, "req": match.request},
            link="/coord/activities/",
        )


def interest_raised(*, interest):
    for r in coordinators():
        queue(
            "interest_raised",
            r,
            {"interest": interest, "req": interest.request, "profile": interest.profile},
            link=f"/coord/requests/{interest.request_id}/",
        )


def renewal_requested(*, profile, fiscal_year):
    queue(
        "renewal_requested",
        volunteer(profile),
        {
            "profile": profile,
            "year_label": wareki_fiscal_year(fiscal_year),
            # The registration runs out on March 31, the last day of the 年度 before.
            "until": fiscal_year_bounds(fiscal_year - 1)[1],
        },
        link="/me/",
    )


def profile_withdrawn(*, user_id, email, phone):
    """退会: every message kept for the person goes (their address and name are in it)."""
    from django.db.models import Q

    from notifications.models import Notification

    mine = Q(user_id=user_id) if user_id is not None else Q(pk__in=[])
    if email:
        mine |= Q(to_email__iexact=email)
    if phone:
        mine |= Q(to_phone=phone)
    Notification.objects.filter(mine).delete()


def invitation_created(*, invitation, token):
    queue(
        "invitation",
        invitee(invitation.email, invitation.organization),
        {"invitation": invitation},
        link=f"/invite/{token}/",
    )


HANDLERS = {
    events.PROFILE_SUBMITTED: profile_submitted,
    events.PROFILE_PUBLISHED: profile_published,
    events.PROFILE_SENT_BACK: profile_sent_back,
    events.MATCH_PROPOSED: match_proposed,
    events.MATCH_ACCEPTED: match_accepted,
    events.MATCH_DECLINED: match_declined,
    events.MATCH_CONFIRMED: match_confirmed,
    events.MATCH_CANCELLED: match_cancelled,
    events.ACTIVITY_RECORDED: activity_recorded,
    events.ACTIVITY_DISPUTED: activity_disputed,
    events.INTEREST_RAISED: interest_raised,
    events.INVITATION_CREATED: invitation_created,
    events.RENEWAL_REQUESTED: renewal_requested,
    events.PROFILE_WITHDRAWN: profile_withdrawn,
}


def register() -> None:
    for name, handler in HANDLERS.items():
        events.subscribe(name, handler)
