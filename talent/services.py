"""Writes of profiles. The API, the pages, the import command and the demo loader call these."""

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import is_coordinator, is_volunteer
from audit import services as audit
from common import events
from common.errors import Conflict, Forbidden, InvalidInput
from common.pipeline import SYSTEM
from lib.slots import SLOT_CODES
from talent import policies
from talent.models import Area, Disclosure, Profile, ProfileStatus, current_fiscal_year
from talent.pipeline import PROFILE_PIPELINE, profile_parties

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
    "birth_year",
)

# The city's own fields: only coordinators write them (talent/privacy.py: only they read them).
COORDINATOR_FIELDS = ("external_id",)

STATUS_LABELS = dict(ProfileStatus.choices)
# What the audit log compares before and after a change of a profile (personal values are
# written as "***" there: audit.services.PERSONAL_FIELDS).
AUDITED_FIELDS = (*PROFILE_FIELDS, "areas", "status", "screening_note")


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


def _refuse_city_fields(actor, data: dict, current: Profile | None = None) -> None:
    """A volunteer sending the city's registration number is refused (403), not ignored: the
    value is not theirs to set, and a silent drop would hide a wrong client."""
    if is_coordinator(actor):
        return
    for name in COORDINATOR_FIELDS:
        if name in data and data[name] != (getattr(current, name) if current else ""):
            raise Forbidden("市の登録番号はコーディネーターが入力します。")


def _initial_status(*, actor, status: str | None) -> str:
    if status is None:
        return ProfileStatus.PENDING
    if status not in STATUS_LABELS:
        raise InvalidInput(
            "状態の指定が正しくありません。", fields={"status": ["不明な状態です。"]}
        )
    if is_coordinator(actor):
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
    if is_coordinator(actor):
        user = owner
    elif policies.can_create_own_profile(actor):
        user = actor
    elif is_volunteer(actor):
        raise Conflict("プロフィールはすでに登録されています。編集画面から更新してください。")
    else:
        raise Forbidden("人材の登録はボランティア本人かコーディネーターが行えます。")
    _refuse_city_fields(actor, data)
    values = {k: v for k, v in data.items() if k in PROFILE_FIELDS}
    values["availability"] = _clean_availability(values.get("availability", []))
    profile = Profile(**values, status=_initial_status(actor=actor, status=status), user=user)
    _save(profile)
    profile.areas.set(areas)
    audit.record(
        actor=actor,
        action="profile.register",
        target=profile,
        changes=audit.created(audit.snapshot(profile, AUDITED_FIELDS)),
    )
    if profile.status == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SUBMITTED, profile=profile)
    return profile


@transaction.atomic
def profile_edit(
    *,
    actor,
    profile: Profile,
    data: dict,
    areas: Iterable[Area] | None = None,
    status: str | None = None,
    note: str = "",
) -> Profile:
    """Edit a profile and, when ``status`` differs from the current one, move it: one use case,
    all or nothing (a refused move leaves the edited fields unsaved too). The volunteer edits
    their own; coordinators any."""
    if not policies.can_edit_profile(actor, profile):
        raise Forbidden("このプロフィールを編集する権限がありません。")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    _refuse_city_fields(actor, data, profile)
    before = audit.snapshot(profile, AUDITED_FIELDS)
    for key, value in data.items():
        if key in PROFILE_FIELDS:
            setattr(profile, key, value)
    profile.availability = _clean_availability(profile.availability)
    _save(profile)
    if areas is not None:
        profile.areas.set(areas)
    changes = audit.diff(before, audit.snapshot(profile, AUDITED_FIELDS))
    if changes:
        audit.record(actor=actor, action="profile.edit", target=profile, changes=changes)
    if status is not None and status != profile.status:
        profile = profile_set_status(actor=actor, profile=profile, status=status, note=note)
    return profile


@transaction.atomic
def profile_set_status(*, actor, profile: Profile, status: str, note: str = "") -> Profile:
    """The one way a profile changes status (talent/pipeline.py says which moves are legal and
    who may make them): screening by coordinators, a volunteer submitting their draft."""
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    return _move_profile(
        profile, status, parties=profile_parties(actor, profile), note=note, actor=actor
    )


def profile_lapse(*, profile: Profile) -> Profile:
    """The 年度 rollover's move (talent/renewal.py): published, not renewed → 更新待ち."""
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    return _move_profile(profile, ProfileStatus.LAPSED, parties={SYSTEM}, note="", actor=None)


def _move_profile(profile: Profile, status: str, *, parties: set[str], note: str, actor) -> Profile:
    current = profile.status
    PROFILE_PIPELINE.check(current, status, parties)
    if (current, status) == (ProfileStatus.PENDING, ProfileStatus.DRAFT) and not note.strip():
        raise InvalidInput(
            "差し戻すときは理由を書いてください。", fields={"note": ["理由を入力してください。"]}
        )
    before = audit.snapshot(profile, ("status", "screening_note"))
    profile.status = status
    profile.screening_note = note.strip() if status == ProfileStatus.DRAFT else ""
    if status == ProfileStatus.PUBLISHED:
        # Publishing after screening registers the person for the current 年度 at least.
        profile.valid_fiscal_year = max(profile.valid_fiscal_year, current_fiscal_year())
    _save(profile)
    audit.record(
        actor=actor,
        # A coordinator's move is a screening decision; the volunteer's is a submission, the
        # 年度 rollover's (no actor) a lapse.
        action="profile.screening"
        if actor is not None and is_coordinator(actor)
        else "profile.status",
        target=profile,
        changes=audit.diff(before, audit.snapshot(profile, ("status", "screening_note"))),
    )
    if status == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SUBMITTED, profile=profile)
    elif status == ProfileStatus.PUBLISHED and current != ProfileStatus.PAUSED:
        events.emit(events.PROFILE_PUBLISHED, profile=profile)
    elif status == ProfileStatus.DRAFT and current == ProfileStatus.PENDING:
        events.emit(events.PROFILE_SENT_BACK, profile=profile, reason=profile.screening_note)
    return profile


def _save(profile: Profile) -> None:
    if profile.status == ProfileStatus.PUBLISHED and profile.published_at is None:
        profile.published_at = timezone.now()
    try:
        with transaction.atomic():
            profile.full_clean(exclude=["user", "areas", "search_vector"])
            profile.save()
    except IntegrityError as exc:
        raise Conflict("同じ市の登録番号の人材がすでに登録されています。") from exc
    except DjangoValidationError as exc:
        raise InvalidInput("入力内容を確認してください。", fields=exc.message_dict) from exc


@transaction.atomic
def purge_disclosures(*, older_than_days: int) -> int:
    """Delete the contact-disclosure records older than ``older_than_days`` days (the
    retention period, settings.TSUNAGU_CONTACT_LOG_DAYS); returns how many were deleted."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = Disclosure.objects.filter(at__lt=cutoff).delete()
    return deleted
