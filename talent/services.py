"""Writes of profiles. The API, the pages, the import command and the demo loader call these."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from common import events
from common.errors import Conflict, Forbidden, InvalidInput
from lib.slots import SLOT_CODES
from talent import policies
from talent.models import Area, ContactView, Profile, ProfileStatus

# Editable by the volunteer and by coordinators; status, user and screening have their own paths.
PROFILE_FIELDS = (
    "kind",
    "display_name",
    "furigana",
    "skills",
    "experience",
    "bio",
    "availability",
    "fee",
    "email",
    "phone",
    "public_fields",
    "external_id",
)

# Screening: which status moves a coordinator may make (a volunteer only submits a draft).
STATUS_MOVES = {
    ProfileStatus.DRAFT: {ProfileStatus.PENDING, ProfileStatus.PUBLISHED},
    ProfileStatus.PENDING: {ProfileStatus.PUBLISHED, ProfileStatus.DRAFT},
    ProfileStatus.PUBLISHED: {ProfileStatus.SUSPENDED, ProfileStatus.DRAFT},
    ProfileStatus.SUSPENDED: {ProfileStatus.PUBLISHED},
    ProfileStatus.PAUSED: {ProfileStatus.PUBLISHED, ProfileStatus.SUSPENDED},
}
# The moves a volunteer makes on their own profile: submit a draft, pause (休止) and resume.
OWN_MOVES = {
    (ProfileStatus.DRAFT, ProfileStatus.PENDING),
    (ProfileStatus.PUBLISHED, ProfileStatus.PAUSED),
    (ProfileStatus.PAUSED, ProfileStatus.PUBLISHED),
}
STATUS_LABELS = dict(ProfileStatus.choices)


def _clean_availability(slots: Iterable[str]) -> list[str]:
    slots = list(dict.fromkeys(slots))
    unknown = [s for s in slots if s not in SLOT_CODES]
    if unknown:
        raise InvalidInput(
            "活動できる時間帯の指定が正しくありません。",
            fields={
                "availability": [f"「{s}」は使えません（例: mon_am, wed_pm）。" for s in unknown]
            },
        )
    return slots


def _initial_status(*, actor, status: str | None) -> str:
    if status is None:
        return ProfileStatus.PENDING
    if status not in STATUS_LABELS:
        raise InvalidInput(
            "状態の指定が正しくありません。", fields={"status": ["不明な状態です。"]}
        )
    if policies.can_manage_profiles(actor):
        return status
    if status in (ProfileStatus.DRAFT, ProfileStatus.PENDING):
        return status
    raise Forbidden("公開はコーディネーターの審査のあとに行われます。")


@transaction.atomic
def profile_register(
    *,
    actor,
    data: dict,
    areas: Iterable[Area] = (),
    status: str | None = None,
    owner=None,
) -> Profile:
    """Register a profile: a volunteer for themself, or a coordinator on someone's behalf.

    A volunteer's own profile is linked to their login; a coordinator's entry (from a paper
    form) has no login unless ``owner`` is given.
    """
    if policies.can_manage_profiles(actor):
        user = owner
    elif policies.can_create_own_profile(actor):
        user = actor
    elif actor.is_authenticated and actor.is_volunteer:
        raise Conflict("プロフィールはすでに登録されています。編集画面から更新してください。")
    else:
        raise Forbidden("人材の登録はボランティア本人かコーディネーターが行えます。")
    values = {k: v for k, v in data.items() if k in PROFILE_FIELDS}
    values["availability"] = _clean_availability(values.get("availability", []))
    profile = Profile(**values, status=_initial_status(actor=actor, status=status), user=user)
    _save(profile)
    profile.areas.set(areas)
    if profile.status == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SUBMITTED, profile=profile)
    return profile


@transaction.atomic
def profile_update(*, actor, profile: Profile, data: dict, areas: Iterable[Area] | None = None):
    """Change what a profile says. The volunteer edits their own; coordinators any."""
    if not policies.can_edit_profile(actor, profile):
        raise Forbidden("このプロフィールを編集する権限がありません。")
    for key, value in data.items():
        if key in PROFILE_FIELDS:
            setattr(profile, key, value)
    profile.availability = _clean_availability(profile.availability)
    _save(profile)
    if areas is not None:
        profile.areas.set(areas)
    return profile


@transaction.atomic
def profile_set_status(*, actor, profile: Profile, status: str, note: str = "") -> Profile:
    """Screening: publish, send back (to draft, with a reason), suspend, or re-publish.

    A volunteer may only submit their own draft for screening.
    """
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    current = ProfileStatus(profile.status)
    if status not in STATUS_LABELS:
        raise InvalidInput(
            "状態の指定が正しくありません。", fields={"status": ["不明な状態です。"]}
        )
    own_submit = policies.can_edit_profile(actor, profile) and (current, status) in OWN_MOVES
    if not (policies.can_manage_profiles(actor) or own_submit):
        raise Forbidden("登録の審査はコーディネーターが行います。")
    if not own_submit and status not in STATUS_MOVES[current]:
        raise Conflict(
            f"「{STATUS_LABELS[current]}」の登録を「{STATUS_LABELS[status]}」にはできません。"
        )
    if status == ProfileStatus.DRAFT and current == ProfileStatus.PENDING and not note.strip():
        raise InvalidInput(
            "差し戻すときは理由を書いてください。", fields={"note": ["理由を入力してください。"]}
        )
    profile.status = status
    profile.screening_note = note.strip() if status == ProfileStatus.DRAFT else ""
    _save(profile)
    if status == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SUBMITTED, profile=profile)
    elif status == ProfileStatus.PUBLISHED and current != ProfileStatus.PAUSED:
        events.emit(events.PROFILE_PUBLISHED, profile=profile)
    elif status == ProfileStatus.DRAFT and current == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SENT_BACK, profile=profile, reason=profile.screening_note)
    return profile


def _save(profile: Profile) -> None:
    try:
        with transaction.atomic():
            profile.full_clean(exclude=["user", "areas", "search_vector"])
            profile.save()
    except IntegrityError as exc:
        raise Conflict("同じ市の登録番号の人材がすでに登録されています。") from exc
    except DjangoValidationError as exc:
        raise InvalidInput("入力内容を確認してください。", fields=exc.message_dict) from exc


def record_contact_views(*, viewer, profiles: Iterable[Profile], channel: str) -> None:
    """Write one audit row per profile whose contact data was just shown to ``viewer``."""
    rows = [
        ContactView(profile=p, viewer=viewer, channel=channel)
        for p in profiles
        if p.user_id != viewer.id and (p.email or p.phone)
    ]
    ContactView.objects.bulk_create(rows)
