"""Who someone is, written once: every "is this a coordinator?" in the service asks here.

Anonymous visitors, logins and the system actor of the commands (accounts/system.py) all
answer; nobody else compares ``user.role`` by hand.
"""

from accounts.models import Role


def _role(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.role


def is_coordinator(user) -> bool:
    return _role(user) == Role.COORDINATOR


def is_requester(user) -> bool:
    return _role(user) == Role.REQUESTER


def is_volunteer(user) -> bool:
    return _role(user) == Role.VOLUNTEER
