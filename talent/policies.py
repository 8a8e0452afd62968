"""Who may do what with profiles. Each rule is written once, here."""

from accounts.roles import is_coordinator, is_volunteer
from talent.models import CONTACT_FIELDS, Profile


def can_edit_profile(user, profile: Profile) -> bool:
    if is_coordinator(user):
        return True
    return user.is_authenticated and profile.user_id is not None and profile.user_id == user.id


def can_create_own_profile(user) -> bool:
    return is_volunteer(user) and not _has_profile(user)


def _has_profile(user) -> bool:
    return Profile.objects.filter(user=user).exists()


def hidden_fields(user, profile: Profile, *, confirmed_profile_ids: frozenset[int]) -> set[str]:
    """The fields of ``profile`` that ``user`` must not receive.

    Contact data and fields the volunteer did not consent to publish reach only coordinators,
    the volunteer themself, and a requester whose organization has a confirmed (or completed)
    match with this person. ``confirmed_profile_ids`` is that set for the caller, computed once
    per response by talent.selectors.confirmed_profile_ids_for (no query per row).
    """
    if is_coordinator(user):
        return set()
    if user.is_authenticated and profile.user_id is not None and profile.user_id == user.id:
        return set()
    if profile.id in confirmed_profile_ids:
        return set()
    private = {"furigana", "experience", "bio"} - set(profile.public_fields)
    return {*CONTACT_FIELDS, *private, "external_id", "screening_note"}
