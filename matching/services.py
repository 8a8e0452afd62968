"""Writes of organizations, requests and matches. API and pages call these, nothing else."""

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from accounts.system import SYSTEM, as_user
from common import clock, events
from common.errors import Conflict, Forbidden, InvalidInput
from lib.jdates import jdate
from matching import policies, workflow
from matching.models import Match, MatchStatus, Organization, Request, RequestStatus
from talent import services as talent_services
from talent.models import Profile, ProfileStatus

REQUEST_FIELDS = (
    "title",
    "description",
    "kind_wanted",
    "dates",
    "time_band",
    "start_time",
    "end_time",
    "day_contact",
    "place",
    "audience",
    "headcount",
)
R = RequestStatus
# Request moves a requester or coordinator makes by hand; open <-> filled follows the matches.
REQUEST_MOVES = {
    R.DRAFT: {R.OPEN, R.CANCELLED},
    R.OPEN: {R.DRAFT, R.CLOSED, R.CANCELLED},
    R.FILLED: {R.CLOSED, R.CANCELLED},
    R.CLOSED: {R.OPEN},
    R.CANCELLED: set(),
}
REQUEST_LABELS = dict(RequestStatus.choices)


def _full_clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=["search_vector", *exclude])
    except DjangoValidationError as exc:
        raise InvalidInput("入力内容を確認してください。", fields=exc.message_dict) from exc


@transaction.atomic
def organization_create(*, actor, data: dict) -> Organization:
    if not policies.can_manage_organizations(actor):
        raise Forbidden("団体の登録はコーディネーターが行います。")
    org = Organization(**data)
    _full_clean(org)
    org.save()
    return org


ORGANIZATION_FIELDS = ("name", "kind", "area", "address", "phone", "email")


@transaction.atomic
def organization_update(*, actor, organization: Organization, data: dict) -> Organization:
    if not policies.can_manage_organizations(actor):
        raise Forbidden("団体の編集はコーディネーターが行います。")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    for key, value in data.items():
        if key in ORGANIZATION_FIELDS:
            setattr(organization, key, value)
    _full_clean(organization)
    organization.save()
    return organization


def clean_dates(dates, *, kept=(), today: date | None = None) -> list[date]:
    """A request's dates, sorted. A date given twice is refused (not silently merged), and
    every date must lie after today — except one the request already had (editing a request
    keeps the days that already happened)."""
    today = today or clock.today()
    dates = list(dates or [])
    seen, twice = set(), []
    for d in dates:
        if d in seen and d not in twice:
            twice.append(d)
        seen.add(d)
    problems = [f"{jdate(d)} が2回入力されています。1回にしてください。" for d in twice]
    past = sorted(d for d in seen if d <= today and d not in set(kept))
    problems += [
        f"{jdate(d)} は過ぎているか今日です。明日以降の日付を入力してください。" for d in past
    ]
    if problems:
        raise InvalidInput("日程を確認してください。", fields={"dates": problems})
    return sorted(seen)


@transaction.atomic
def request_create(
    *, actor, organization: Organization, data: dict, status=R.OPEN, history: bool = False
) -> Request:
    """Post a request in ``organization``'s name (requesters: only their own).

    ``history=True`` (loaders of existing records only: the demo city, test factories) keeps
    dates that are already past, as they were; every page and API call posts with the rule."""
    if not policies.can_post_request_for(actor, organization):
        raise Forbidden("この団体の名前で依頼を登録する権限がありません。")
    if status not in (R.DRAFT, R.OPEN):
        raise InvalidInput("新しい依頼は「下書き」か「募集中」で登録します。")
    values = {k: v for k, v in data.items() if k in REQUEST_FIELDS}
    given = values.get("dates") or []
    values["dates"] = clean_dates(given, kept=given if history else ())
    values["audience"] = list(dict.fromkeys(values.get("audience") or []))
    request = Request(organization=organization, created_by=as_user(actor), status=status, **values)
    _full_clean(request, exclude=["created_by"])
    request.save()
    return request


@transaction.atomic
def request_update(*, actor, request: Request, data: dict) -> Request:
    if not policies.can_edit_request(actor, request):
        raise Forbidden("この依頼を編集する権限がありません。")
    request = Request.objects.select_for_update().get(pk=request.pk)
    before = list(request.dates)
    for key, value in data.items():
        if key in REQUEST_FIELDS:
            setattr(request, key, value)
    if "dates" in data:
        request.dates = clean_dates(request.dates, kept=before)
    confirmed = request.matches.filter(status__in=workflow.PLACE_HOLDING).count()
    if request.headcount < confirmed:
        raise Conflict(
            f"すでに{confirmed}名が確定しているため、必要人数をそれより少なくできません。"
        )
    _full_clean(request, exclude=["created_by"])
    request.save()
    return request


@transaction.atomic
def request_set_status(*, actor, request: Request, status: str) -> Request:
    if not policies.can_edit_request(actor, request):
        raise Forbidden("この依頼の状態を変える権限がありません。")
    request = Request.objects.select_for_update().get(pk=request.pk)
    if status not in REQUEST_LABELS:
        raise InvalidInput(
            "状態の指定が正しくありません。", fields={"status": ["不明な状態です。"]}
        )
    if status not in REQUEST_MOVES[R(request.status)]:
        raise Conflict(
            f"「{REQUEST_LABELS[request.status]}」の依頼を「{REQUEST_LABELS[status]}」にはできません。",
            code="illegal_transition",
        )
    request.status = status
    request.save(update_fields=["status", "updated_at"])
    if status == R.CANCELLED:
        for match in request.matches.filter(status__in=workflow.ACTIVE):
            workflow.transition(
                match=match, to=MatchStatus.CANCELLED, actor=actor, note="依頼の取り下げ"
            )
    return request


@transaction.atomic
def match_propose(*, actor, request: Request, profile: Profile, note: str = "") -> Match:
    """A coordinator proposes ``profile`` for ``request``; the volunteer then answers."""
    if not policies.is_coordinator(actor):
        raise Forbidden("提案はコーディネーターが行います。")
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != R.OPEN:
        raise Conflict("募集中の依頼にだけ提案できます。", code="request_not_open")
    # Read the status afresh: the caller's object may predate a pause or a suspension.
    profile = Profile.objects.get(pk=profile.pk)
    if profile.status != ProfileStatus.PUBLISHED:
        raise Conflict("公開中の人材だけを提案できます。", code="profile_not_published")
    try:
        with transaction.atomic():
            match = Match.objects.create(
                request=request, profile=profile, proposed_by=as_user(actor), note=note[:2000]
            )
    except IntegrityError as exc:
        raise Conflict("この人はすでにこの依頼に提案されています。", code="duplicate") from exc
    workflow.record_proposal(match=match, actor=actor)
    events.emit(events.MATCH_PROPOSED, match=match)
    return match


def match_accept(*, actor, match: Match, note: str = "") -> Match:
    return workflow.transition(match=match, to=MatchStatus.ACCEPTED, actor=actor, note=note)


def match_decline(*, actor, match: Match, note: str = "") -> Match:
    return workflow.transition(match=match, to=MatchStatus.DECLINED, actor=actor, note=note)


def match_confirm(*, actor, match: Match, note: str = "") -> Match:
    return workflow.transition(match=match, to=MatchStatus.CONFIRMED, actor=actor, note=note)


def match_cancel(*, actor, match: Match, note: str = "") -> Match:
    return workflow.transition(match=match, to=MatchStatus.CANCELLED, actor=actor, note=note)


@transaction.atomic
def volunteer_pause(*, actor, profile: Profile) -> Profile:
    """休止: the volunteer (or a coordinator for them) leaves matching for a while. Their
    proposals not yet confirmed are withdrawn, and everyone concerned is told; confirmed
    activities stay (cancelling those is a separate, deliberate step)."""
    profile = talent_services.profile_set_status(
        actor=actor, profile=profile, status=ProfileStatus.PAUSED
    )
    for match in Match.objects.filter(
        profile=profile, status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED]
    ):
        # The office withdraws the proposal on the volunteer's behalf (a volunteer may not
        # cancel a proposal themself in the workflow's table).
        workflow.transition(
            match=match, to=MatchStatus.CANCELLED, actor=SYSTEM, note="ボランティアの休止のため"
        )
    return profile


@transaction.atomic
def volunteer_resume(*, actor, profile: Profile) -> Profile:
    return talent_services.profile_set_status(
        actor=actor, profile=profile, status=ProfileStatus.PUBLISHED
    )
