"""Who may do what with profiles. Each rule is written once, here."""

from accounts.models import Role
from talent.models import Profile


def can_manage_profiles(user) -> bool:
    """Coordinators screen, publish, suspend and enter profiles on someone's behalf."""
    return user.is_authenticated and user.role == Role.COORDINATOR


def can_edit_profile(user, profile: Profile) -> bool:
    if can_manage_profiles(user):
        return True
    return user.is_authenticated and profile.user_id is not None and profile.user_id == user.id


def can_create_own_profile(user) -> bool:
    return user.is_authenticated and user.role == Role.VOLUNTEER and not _has_profile(user)


def _has_profile(user) -> bool:
    return Profile.objects.filter(user=user).exists()
