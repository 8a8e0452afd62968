"""The rows of each export: the 名簿 (profiles), requests and activities, as the caller may see
them. Profile fields pass through the privacy gate (office/gate.py) row by row, so a field the
caller may not see is written empty, whoever calls this."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from matching.models import MatchStatus
from matching.selectors import places_taken_annotation, requests_visible_to
from office.gate import shown_profile_fields
from office.reports.period import Period
from talent.models import CONSENTABLE_FIELDS, READING_ORDER
from talent.selectors import profiles_visible_to
from volunteers.selectors import activities_visible_to

CONSENT_LABELS = dict(CONSENTABLE_FIELDS)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple]


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


# (field, header): the 名簿's columns, in the order a coordinator reads them.
PROFILE_COLUMNS = (
    ("id", "ID"),
    ("display_name", "氏名"),
    ("furigana", "ふりがな"),
    ("kind", "種別"),
    ("status", "状態"),
    ("skills", "できること・教えられること"),
    ("experience", "経験・資格"),
    ("bio", "自己紹介"),
    ("areas", "活動できる地区"),
    ("availability", "活動できる時間帯（コード）"),
    ("fee", "謝礼"),
    ("email", "メールアドレス"),
    ("phone", "電話番号"),
    ("external_id", "市の登録番号"),
    ("public_fields", "公開に同意した項目"),
    ("created_at", "登録日"),
    ("published_at", "初回公開日"),
)


def profiles(viewer, fiscal_year: int | None = None) -> Dataset:
    """The 名簿 in 五十音順; with a 年度, the people registered in it."""
    qs = profiles_visible_to(viewer).prefetch_related("areas").order_by(*READING_ORDER)
    if fiscal_year is not None:
        qs = qs.filter(**Period(fiscal_year).within("created_at"))
    rows = []
    for p, shown in shown_profile_fields(viewer, qs, [f for f, _ in PROFILE_COLUMNS]):
        values = {
            "id": p.id,
            "display_name": p.display_name,
            "furigana": p.furigana,
            "kind": p.get_kind_display(),
            "status": p.get_status_display(),
            "skills": p.skills,
            "experience": p.experience,
            "bio": p.bio,
            "areas": "、".join(a.name for a in p.areas.all()),
            "availability": " ".join(p.availability),
            "fee": p.get_fee_display(),
            "email": p.email,
            "phone": p.phone,
            "external_id": p.external_id,
            "public_fields": "、".join(CONSENT_LABELS.get(f, f) for f in p.public_fields),
            "created_at": _local_date(p.created_at),
            "published_at": _local_date(p.published_at),
        }
        rows.append(tuple(values[f] if f in shown else "" for f, _ in PROFILE_COLUMNS))
    return Dataset("profiles", "名簿", tuple(h for _, h in PROFILE_COLUMNS), rows)


REQUEST_COLUMNS = (
    "ID", "件名", "依頼内容", "依頼団体", "団体の種別", "地区", "求める人材の種別", "日程",
    "時間帯", "場所", "対象", "必要な人数", "確定した人数", "状態", "登録日",
)  # fmt: skip


def requests(viewer, fiscal_year: int | None = None) -> Dataset:
    qs = (
        requests_visible_to(viewer)
        .select_related("organization", "organization__area")
        .annotate(taken=places_taken_annotation())
        .order_by("created_at", "id")
    )
    if fiscal_year is not None:
        qs = qs.filter(**Period(fiscal_year).within("created_at"))
    audience = dict(qs.model._meta.get_field("audience").base_field.choices)
    rows = [
        (
            r.id,
            r.title,
            r.description,
            r.organization.name,
            r.organization.get_kind_display(),
            r.organization.area.name if r.organization.area else "",
            r.get_kind_wanted_display(),
            "、".join(d.isoformat() for d in r.dates),
            r.get_time_band_display(),
            r.place,
            "、".join(audience.get(a, a) for a in r.audience),
            r.headcount,
            r.taken,
            r.get_status_display(),
            _local_date(r.created_at),
        )
        for r in qs
    ]
    return Dataset("requests", "依頼", REQUEST_COLUMNS, rows)


ACTIVITY_COLUMNS = (
    "ID", "活動日", "氏名", "依頼", "依頼団体", "団体の種別", "活動時間", "評価",
    "依頼者からの感想", "ボランティアからの感想",
)  # fmt: skip


def activities(viewer, fiscal_year: int | None = None) -> Dataset:
    qs = activities_visible_to(viewer).filter(match__status=MatchStatus.COMPLETED)
    if fiscal_year is not None:
        qs = qs.filter(**Period(fiscal_year).within_dates("date"))
    rows = [
        (
            a.id,
            a.date,
            a.match.profile.display_name,
            a.match.request.title,
            a.match.request.organization.name,
            a.match.request.organization.get_kind_display(),
            a.hours,
            a.rating,
            a.requester_feedback,
            a.volunteer_feedback,
        )
        for a in qs.order_by("date", "id")
    ]
    return Dataset("activities", "活動記録", ACTIVITY_COLUMNS, rows)


DATASETS = {"profiles": profiles, "requests": requests, "activities": activities}
