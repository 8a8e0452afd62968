"""The actor for work done by management commands (imports, the demo loader): a coordinator
with no login, so services apply the same rules as for city staff."""

from accounts.models import Role


class SystemActor:
    is_authenticated = True
    is_anonymous = False
    role = Role.COORDINATOR
    id = None
    pk = None
    username = "system"


SYSTEM = SystemActor()


def as_user(actor):
    """The login to record as having done something, or None for the system actor."""
    return None if isinstance(actor, SystemActor) else actor
