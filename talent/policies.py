"""Who may do what with profiles. Each rule is written once, here."""

from accounts.roles import is_coordinator, is_volunteer
from talent.models import Profile


def can_edit_profile(user, profile: Profile) -> bool:
    if is_coordinator(user):
        return True
    return user.is_authenticated and profile.user_id is not None and profile.user_id == user.id


def can_create_own_profile(user) -> bool:
    return is_volunteer(user) and not _has_profile(user)


def _has_profile(user) -> bool:
    return Profile.objects.filter(user=user).exists()
