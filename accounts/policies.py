"""What a login may read before it is trusted (README: security → sign-up).

- A login made on the sign-up page is *unverified* until its owner opens the link in the
  confirmation mail: it sees its own login and profile, and the public pages, nothing else.
- Staff-made logins (coordinators, requesters, paper registrations, the demo) are trusted.

The selectors of talent and matching start from these answers.
"""

from accounts.roles import is_coordinator


def email_verified(user) -> bool:
    return not getattr(user, "self_registered", False) or user.email_verified_at is not None


def may_browse(user) -> bool:
    """May this login read anything beyond its own profile and the public pages?"""
    return bool(user.is_authenticated) and email_verified(user)


def is_staff_member(user) -> bool:
    """Coordinators and admin logins: the people a second factor protects."""
    return is_coordinator(user) or (
        bool(user.is_authenticated) and (user.is_staff or user.is_superuser)
    )
