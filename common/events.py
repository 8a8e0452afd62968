"""Domain events: how a service tells the rest of the system that something happened to a
person, without importing the apps that care.

Services call ``emit(NAME, ...)`` inside their own ``@transaction.atomic`` block; subscribers
(the notifications app, registered in its ``AppConfig.ready``) run synchronously, in the same
transaction, so a notification row exists exactly when the change it reports was committed.
A subscriber's exception rolls the change back with it: an outbox row is part of the change.

The names and their keyword arguments are the contract (keep them stable):

=========================  =================================================================
profile.submitted          profile                      (a registration reached screening)
profile.published          profile
profile.sent_back          profile, reason
match.proposed             match
match.accepted             match
match.declined             match
match.confirmed            match
match.cancelled            match, actor, note, from_status
activity.recorded          record                       (the requester recorded an activity)
activity.disputed          record                       (the volunteer corrected the hours)
interest.raised            interest                     (a volunteer raised a hand)
invitation.created         invitation, token            (token: the one-time link's secret)
renewal.requested          profile, fiscal_year         (年度更新: asked once per 年度)
profile.withdrawn          user_id, email, phone        (退会: the person's data is erased)
=========================  =================================================================
"""

from collections import defaultdict
from collections.abc import Callable

PROFILE_SUBMITTED = "profile.submitted"
PROFILE_PUBLISHED = "profile.published"
PROFILE_SENT_BACK = "profile.sent_back"
MATCH_PROPOSED = "match.proposed"
MATCH_ACCEPTED = "match.accepted"
MATCH_DECLINED = "match.declined"
MATCH_CONFIRMED = "match.confirmed"
MATCH_CANCELLED = "match.cancelled"
ACTIVITY_RECORDED = "activity.recorded"
ACTIVITY_DISPUTED = "activity.disputed"
INTEREST_RAISED = "interest.raised"
INVITATION_CREATED = "invitation.created"
RENEWAL_REQUESTED = "renewal.requested"
PROFILE_WITHDRAWN = "profile.withdrawn"

_subscribers: dict[str, list[Callable]] = defaultdict(list)
_muted = False


def subscribe(name: str, handler: Callable) -> None:
    if handler not in _subscribers[name]:
        _subscribers[name].append(handler)


def emit(name: str, **payload) -> None:
    """Run every subscriber of ``name`` now, in the caller's transaction."""
    if _muted:
        return
    for handler in _subscribers.get(name, ()):
        handler(**payload)


class muted:
    """Switch every subscriber off for a block (the benchmark's baseline, bulk loaders)."""

    def __enter__(self):
        global _muted
        self._before, _muted = _muted, True

    def __exit__(self, *exc):
        global _muted
        _muted = self._before
