"""Data-protection requests (個人情報保護法): a person's copy of everything held about them,
and withdrawal (退会) that erases their personal data while the city's counts stay.

Withdrawal anonymises rather than deletes: the profile row stays as an anonymous shell (kind,
created date, status 退会) so that its matches and activity records — dates, hours, kinds,
organizations — still count in the 年度 reports, while everything that says who the person
was (name, reading, contact, free text, 地区, times, the login's name and e-mail, the notes and
feedback about their activities, their login name and addresses in the audit log) is erased.
Saving the profile stamps it for every process's matcher (matching/index_cache.py): the
next ranking call drops it, and search never finds it (its text is gone and
``profiles_visible_to`` leaves withdrawn profiles out).
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_coordinator
from accounts.system import SYSTEM
from audit import selectors as audit_selectors
from audit import services as audit
from common import events
from common.errors import Forbidden, InvalidInput, NotFound
from common.pipeline import SYSTEM as SYSTEM_PARTY
from matching.models import Match, MatchEvent, MatchStatus
from matching.services import match_set_status
from talent.models import Disclosure, Profile, ProfileStatus
from talent.pipeline import PROFILE_PIPELINE
from volunteers.models import ActivityRecord

WITHDRAWN_NAME = "退会した方"
# What a person's own copy leaves out: the city's internal fields (COMMON privacy rule).
INTERNAL_FIELDS = ("screening_note", "external_id")
PROFILE_EXPORT_FIELDS = (
    "id", "kind", "display_name", "furigana", "skills", "experience", "bio", "availability",
    "fee", "email", "phone", "public_fields", "status", "created_at", "updated_at",
)  # fmt: skip
ACTIVE = (MatchStatus.PROPOSED, MatchStatus.ACCEPTED, MatchStatus.CONFIRMED)


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _check_may_read(actor, user, profile) -> None:
    if is_coordinator(actor):
        return
    own_user = user is not None and actor.is_authenticated and user.pk == actor.pk
    own_profile = profile is not None and profile.user_id is not None
    if own_user or (own_profile and profile.user_id == actor.pk):
        return
    raise Forbidden("本人とコーディネーターだけが、この情報を取り出せます。")


def _profile_of(user) -> Profile | None:
    if user is None:
        return None
    return Profile.objects.filter(user=user).exclude(status=ProfileStatus.WITHDRAWN).first()


@transaction.atomic
def personal_data(*, actor, user=None, profile: Profile | None = None) -> dict:
    """Everything held about one person, as plain JSON-ready data: the login, the profile,
    its matches and activities, who was shown their contact data, and the audit log's
    entries about them. The person themself, or a coordinator (a paper request). Recorded."""
    if profile is None:
        profile = _profile_of(user)
    elif user is None and profile.user_id is not None:
        user = get_user_model().objects.get(pk=profile.user_id)
    if user is None and profile is None:
        raise NotFound("取り出す情報がありません。")
    _check_may_read(actor, user, profile)
    data = {"generated_at": timezone.now().isoformat(), "account": None, "profile": None}
    targets = []
    if user is not None:
        data["account"] = {
            "username": user.username,
            "email": user.email,
            "role": user.role,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "terms_accepted_at": _iso(getattr(user, "terms_accepted_at", None)),
        }
        targets.append(("accounts.user", user.pk))
    if profile is not None:
        data["profile"] = {name: _iso(getattr(profile, name)) for name in PROFILE_EXPORT_FIELDS}
        data["profile"]["areas"] = list(profile.areas.values_list("name", flat=True))
        data["matches"] = _matches(profile)
        data["activities"] = _activities(profile)
        data["contact_disclosures"] = _disclosures(profile)
        targets.append(("talent.profile", profile.pk))
        targets += [("matching.match", m["id"]) for m in data["matches"]]
        targets += [
            ("volunteers.activityrecord", pk)
            for pk in ActivityRecord.objects.filter(match__profile=profile).values_list(
                "pk", flat=True
            )
        ]
    data["audit_log"] = [
        {
            "at": _iso(e.at),
            "action": e.action,
            "by": "本人"
            if user is not None and e.actor_id == user.pk
            else ("システム・未ログイン" if e.actor_id is None else "市の職員"),
            "changes": e.changes,
        }
        for e in audit_selectors.entries_about(
            user_id=user.pk if user is not None else None, targets=targets
        )
    ]
    audit.record(
        actor=actor,
        action="personal_data.download",
        target=profile if profile is not None else user,
        detail={"by": "coordinator" if is_coordinator(actor) else "self"},
    )
    return data


def _matches(profile: Profile) -> list[dict]:
    matches = Match.objects.filter(profile=profile).select_related("request__organization")
    return [
        {
            "id": m.pk,
            "request_title": m.request.title,
            "organization": m.request.organization.name,
            "dates": [d.isoformat() for d in m.request.dates],
            "status": m.status,
            "proposed_at": _iso(m.created_at),
            "history": [
                {"from": e.from_status, "to": e.to_status, "at": _iso(e.at), "note": e.note}
                for e in m.events.all()
            ],
        }
        for m in matches.order_by("created_at", "id")
    ]


def _activities(profile: Profile) -> list[dict]:
    records = ActivityRecord.objects.filter(match__profile=profile).select_related(
        "match__request__organization"
    )
    return [
        {
            "date": r.date.isoformat(),
            "hours": str(r.hours),
            "request_title": r.match.request.title,
            "organization": r.match.request.organization.name,
            "rating": r.rating,
            "requester_feedback": r.requester_feedback,
            "volunteer_feedback": r.volunteer_feedback,
        }
        for r in records.order_by("date", "id")
    ]


def _disclosures(profile: Profile) -> list[dict]:
    """Who was shown this person's contact data: when, how, and which organization (or the
    city's staff) — not the staff member's name."""
    rows = []
    views = Disclosure.objects.filter(profile_ids__contains=[profile.pk]).select_related(
        "viewer__membership__organization"
    )
    for view in views.order_by("at", "id"):
        viewer = view.viewer
        membership = getattr(viewer, "membership", None) if viewer is not None else None
        if viewer is None:
            who = "不明"
        elif membership is not None:
            who = membership.organization.name
        else:
            who = "市の職員"
        rows.append({"at": _iso(view.at), "channel": view.channel, "who": who})
    return rows


# ------------------------------------------------------------------ CSV


def _cell(value) -> str:
    """A cell that a spreadsheet shows as typed: text that would start a formula gets a
    leading apostrophe."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def personal_data_csv(data: dict) -> str:
    """The same data as rows of 区分, 番号, 項目, 値 (UTF-8 with BOM, for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["区分", "番号", "項目", "値"])

    def rows(section, number, mapping):
        for key, value in mapping.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for i, item in enumerate(value, 1):
                    rows(f"{section}.{key}", f"{number}-{i}" if number else str(i), item)
                continue
            if isinstance(value, list):
                value = "、".join(str(v) for v in value)
            elif isinstance(value, dict):
                value = "; ".join(f"{k}: {v}" for k, v in value.items())
            writer.writerow([_cell(section), _cell(number), _cell(key), _cell(value)])

    for section in ("account", "profile"):
        if data.get(section):
            rows(section, "", data[section])
    for section in ("matches", "activities", "contact_disclosures", "audit_log"):
        for i, item in enumerate(data.get(section) or [], 1):
            rows(section, str(i), item)
    return "\ufeff" + out.getvalue()


# ------------------------------------------------------------------ withdrawal


@transaction.atomic
def withdraw(
    *, actor, profile: Profile, password: str | None = None, reference: str = ""
) -> Profile:
    """退会: erase ``profile``'s personal data (and its login's), keep the anonymous counts.

    The volunteer themself confirms with their password; a coordinator acts on a paper
    request and gives its ``reference`` (a receipt number, not personal data). Matches still
    in progress are cancelled first (the requester is told through the usual cancel).
    """
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    own = actor.is_authenticated and profile.user_id is not None and profile.user_id == actor.pk
    if is_coordinator(actor):
        if not reference.strip():
            raise InvalidInput(
                "紙の申請の受付番号などを記入してください。",
                fields={"reference": ["受付番号などを入力してください。"]},
            )
    elif own:
        if not password or not actor.check_password(password):
            raise InvalidInput(
                "パスワードが違います。",
                fields={"password": ["確認のため、いまのパスワードを入力してください。"]},
            )
    else:
        raise Forbidden("退会の手続きは本人か、コーディネーターが行います。")
    PROFILE_PIPELINE.check(profile.status, ProfileStatus.WITHDRAWN, {SYSTEM_PARTY})

    cancelled = 0
    for match in Match.objects.filter(profile=profile, status__in=ACTIVE):
        match_set_status(actor=SYSTEM, match=match, status=MatchStatus.CANCELLED, note="退会のため")
        cancelled += 1
    # What was written about the person in their matches and activities.
    Match.objects.filter(profile=profile).update(note="")
    MatchEvent.objects.filter(match__profile=profile).update(note="")
    ActivityRecord.objects.filter(match__profile=profile).update(
        requester_feedback="", volunteer_feedback=""
    )

    user_id = profile.user_id
    old_email, old_phone = profile.email, profile.phone
    for name in ("furigana", "skills", "experience", "bio", "email", "phone", "external_id"):
        setattr(profile, name, "")
    profile.display_name = WITHDRAWN_NAME
    profile.screening_note = ""
    profile.availability = []
    profile.public_fields = []
    profile.status = ProfileStatus.WITHDRAWN
    profile.user = None
    profile.save()  # also re-derives the search terms (now empty) and stamps the matcher
    profile.areas.clear()

    if user_id is not None:
        _anonymise_login(user_id)
    # Messages kept for the person (the outbox, the お知らせ page) hold their name and
    # address: their subscribers erase them too, in this transaction.
    events.emit(events.PROFILE_WITHDRAWN, user_id=user_id, email=old_email, phone=old_phone)
    audit.record(
        actor=SYSTEM if own else actor,
        action="personal_data.withdraw",
        target=profile,
        detail={
            "by": "self" if own else "coordinator",
            "reference": reference.strip()[:100],
            "cancelled_matches": cancelled,
        },
    )
    return profile


def _anonymise_login(user_id: int) -> None:
    user = get_user_model().objects.select_for_update().get(pk=user_id)
    user.username = f"withdrawn-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False  # sessions and API tokens stop working at once
    user.set_unusable_password()
    user.save()
    audit.forget_actor(user_id=user.pk, replacement=f"退会者{user.pk}")
