"""Writes of organizations, requests and matches. API and pages call these, nothing else."""

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from accounts.services import user_create
from accounts.system import as_user
from audit import services as audit
from common import clock, events
from common.errors import Conflict, Forbidden, InvalidInput
from common.pipeline import SYSTEM
from lib.jdates import jdate
from matching import policies
from matching.models import (
    Match,
    MatchEvent,
    MatchStatus,
    Membership,
    Organization,
    Request,
    RequestStatus,
)
from matching.pipeline import MATCH_PIPELINE, REQUEST_PIPELINE, match_parties, request_parties
from matching.selectors import places_taken
from talent import insurance
from talent import services as talent_services
from talent.models import Profile, ProfileStatus

REQUEST_FIELDS = (
    "title",
    "description",
    "kind_wanted",
    "kinds_wanted",
    "kinds_strict",
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
S = MatchStatus
# What the audit log compares before and after a change of a request.
AUDITED_REQUEST_FIELDS = (*REQUEST_FIELDS, "status")

# One name for a Request instance everywhere: ``req`` (``request`` is Django's HTTP request in
# every view that calls these). Match.request keeps its name: it is the API's field too.


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
    audit.record(
        actor=actor,
        action="organization.create",
        target=org,
        changes=audit.created(
            audit.snapshot(org, ("name", "kind", "area", "address", "phone", "email"))
        ),
    )
    return org


ORGANIZATION_FIELDS = ("name", "kind", "area", "address", "phone", "email")
# What each match move tells the people concerned (common/events.py; the outbox listens).
MATCH_EVENTS = {
    S.ACCEPTED: events.MATCH_ACCEPTED,
    S.DECLINED: events.MATCH_DECLINED,
    S.CONFIRMED: events.MATCH_CONFIRMED,
}


@transaction.atomic
def organization_update(*, actor, organization: Organization, data: dict) -> Organization:
    if not policies.can_manage_organizations(actor):
        raise Forbidden("団体の編集はコーディネーターが行います。")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    fields = ("name", "kind", "area", "address", "phone", "email")
    before = audit.snapshot(organization, fields)
    for key, value in data.items():
        if key in ORGANIZATION_FIELDS:
            setattr(organization, key, value)
    _full_clean(organization)
    organization.save()
    changes = audit.diff(before, audit.snapshot(organization, fields))
    if changes:
        audit.record(actor=actor, action="organization.edit", target=organization, changes=changes)
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
def requester_create(
    *,
    username: str,
    password: str,
    organization: Organization,
    email: str = "",
    first_name: str = "",
    check_password: bool = True,
):
    """A login for a school, 公民館 or group: the user and its membership, together."""
    user = user_create(
        username=username,
        password=password,
        role=Role.REQUESTER,
        email=email,
        first_name=first_name,
        check_password=check_password,
    )
    Membership.objects.create(user=user, organization=organization)
    return user


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
    req = Request(organization=organization, created_by=as_user(actor), status=status, **values)
    _sync_kinds(req, values)
    _full_clean(req, exclude=["created_by"])
    req.save()
    audit.record(
        actor=actor,
        action="request.create",
        target=req,
        changes=audit.created(audit.snapshot(req, AUDITED_REQUEST_FIELDS)),
    )
    return req


@transaction.atomic
def request_edit(*, actor, req: Request, data: dict, status: str | None = None) -> Request:
    """Edit a request and, when ``status`` differs from the current one, move it: one use
    case, all or nothing (a refused move leaves the edited fields unsaved too)."""
    if not policies.can_edit_request(actor, req):
        raise Forbidden("この依頼を編集する権限がありません。")
    req = Request.objects.select_for_update().get(pk=req.pk)
    before = audit.snapshot(req, REQUEST_FIELDS)
    dates_before = list(req.dates)
    for key, value in data.items():
        if key in REQUEST_FIELDS:
            setattr(req, key, value)
    if "dates" in data:
        req.dates = clean_dates(req.dates, kept=dates_before)
    _sync_kinds(req, data)
    taken = places_taken(req)
    if req.headcount < taken:
        raise Conflict(f"すでに{taken}名が確定しているため、必要人数をそれより少なくできません。")
    _full_clean(req, exclude=["created_by"])
    req.save()
    changes = audit.diff(before, audit.snapshot(req, REQUEST_FIELDS))
    if changes:
        audit.record(actor=actor, action="request.edit", target=req, changes=changes)
    _follow_places(req, actor=actor)
    if status is not None and status != req.status:
        req = request_set_status(actor=actor, req=req, status=status)
    return req


def _sync_kinds(req: Request, data: dict) -> None:
    """``kinds_wanted`` is the truth; the first round's ``kind_wanted`` follows it (the one
    kind when exactly one is wanted), or, sent alone by an older client, sets it."""
    if "kinds_wanted" in data:
        req.kinds_wanted = list(dict.fromkeys(req.kinds_wanted or []))
    elif "kind_wanted" in data:
        req.kinds_wanted = [req.kind_wanted] if req.kind_wanted else []
    req.kind_wanted = req.kinds_wanted[0] if len(req.kinds_wanted) == 1 else ""
    if not req.kinds_wanted:
        req.kinds_strict = False  # "only these kinds" of no kind means any kind


@transaction.atomic
def request_set_status(*, actor, req: Request, status: str) -> Request:
    """The one way a request changes status (REQUEST_PIPELINE says which moves are legal and
    who may make them); what follows from a move is in ``_after_request_move``."""
    req = Request.objects.select_for_update().get(pk=req.pk)
    current = req.status
    REQUEST_PIPELINE.check(current, status, request_parties(actor, req))
    req.status = status
    req.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor, action="request.status", target=req, changes={"status": [current, status]}
    )
    _after_request_move(req, current, actor=actor)
    return req


def _after_request_move(req: Request, previous: str, *, actor) -> None:
    if req.status == R.CANCELLED:
        # Everyone still involved is released; each match records why.
        for match in req.matches.in_progress():
            _move_match(match, S.CANCELLED, actor=actor, parties={SYSTEM}, note="依頼の取り下げ")
    if req.status == R.OPEN:
        # Re-opened with its places already taken: it is filled at once.
        _follow_places(req, actor=actor)


def _follow_places(req: Request, *, actor) -> None:
    """A request is filled exactly while its confirmed matches reach the headcount, and it
    closes itself once those are all completed (nothing is left to happen)."""
    if req.status not in (R.OPEN, R.FILLED):
        return
    wanted = R.FILLED if places_taken(req) >= req.headcount else R.OPEN
    if wanted == R.FILLED and not req.matches.filter(status=S.CONFIRMED).exists():
        wanted = R.CLOSED  # every place taken, and every one of them completed
    if req.status != wanted:
        REQUEST_PIPELINE.check(req.status, wanted, {SYSTEM})
        audit.record(
            actor=actor,
            action="request.status",
            target=req,
            changes={"status": [req.status, wanted]},
            detail={"by": "headcount"},
        )
        req.status = wanted
        req.save(update_fields=["status", "updated_at"])


@transaction.atomic
def match_propose(*, actor, req: Request, profile: Profile, note: str = "") -> Match:
    """A coordinator proposes ``profile`` for ``req``; the volunteer then answers."""
    if not policies.can_propose(actor):
        raise Forbidden("提案はコーディネーターが行います。")
    req = Request.objects.select_for_update().get(pk=req.pk)
    if req.status != R.OPEN:
        raise Conflict("募集中の依頼にだけ提案できます。", code="request_not_open")
    # Read the status afresh: the caller's object may predate a pause or a suspension.
    profile = Profile.objects.get(pk=profile.pk)
    if profile.status != ProfileStatus.PUBLISHED:
        raise Conflict("公開中の人材だけを提案できます。", code="profile_not_published")
    try:
        with transaction.atomic():
            match = Match.objects.create(
                request=req, profile=profile, proposed_by=as_user(actor), note=note[:2000]
            )
    except IntegrityError as exc:
        raise Conflict("この人はすでにこの依頼に提案されています。", code="duplicate") from exc
    MatchEvent.objects.create(
        match=match, from_status="", to_status=S.PROPOSED, actor=as_user(actor)
    )
    audit.record(
        actor=actor,
        action="match.propose",
        target=match,
        changes={"status": [None, S.PROPOSED]},
        detail={"request": req.pk, "profile": profile.pk},
    )
    Profile.objects.filter(pk=profile.pk).update(last_proposed_at=timezone.now())
    events.emit(events.MATCH_PROPOSED, match=match)
    return match


@transaction.atomic
def match_set_status(*, actor, match: Match, status: str, note: str = "") -> Match:
    """The one way a match moves (accept, decline, confirm, complete, cancel): MATCH_PIPELINE
    says which moves are legal and who may make them.

    The request row is locked before the match (always in that order, so no deadlocks); the
    headcount is checked against the confirmed matches under that lock, so two coordinators
    confirming at once are serialised and the headcount is never exceeded.
    """
    req = Request.objects.select_for_update().get(pk=match.request_id)
    match = Match.objects.select_for_update().select_related("profile").get(pk=match.pk)
    match.request = req
    return _move_match(match, status, actor=actor, parties=match_parties(actor, match), note=note)


def _move_match(match: Match, status: str, *, actor, parties: set[str], note: str) -> Match:
    """Check, write, audit, then what follows — for every match move (callers hold the locks)."""
    current = match.status
    MATCH_PIPELINE.check(current, status, parties)
    if status == S.CONFIRMED:
        _check_room(match.request)
        insurance.check_confirmation(match.profile, match.request.dates)
    match.status = status
    match.save(update_fields=["status", "updated_at"])
    MatchEvent.objects.create(
        match=match, from_status=current, to_status=status, actor=as_user(actor), note=note[:2000]
    )
    audit.record(
        actor=actor, action="match.status", target=match, changes={"status": [current, status]}
    )
    _follow_places(match.request, actor=actor)
    if status == S.CANCELLED:
        events.emit(
            events.MATCH_CANCELLED, match=match, actor=actor, note=note, from_status=current
        )
    elif status in MATCH_EVENTS:
        events.emit(MATCH_EVENTS[status], match=match)
    return match


def _check_room(req: Request) -> None:
    if req.status not in (R.OPEN, R.FILLED):
        raise Conflict("この依頼は募集中ではないため、確定できません。", code="request_not_open")
    if places_taken(req) >= req.headcount:
        raise Conflict(
            f"この依頼の必要人数（{req.headcount}名）はすでに確定しています。",
            code="headcount_full",
        )


@transaction.atomic
def volunteer_pause(*, actor, profile: Profile) -> Profile:
    """休止: the volunteer (or a coordinator for them) leaves matching for a while. Their
    proposals not yet confirmed are withdrawn, and everyone concerned is told; confirmed
    activities stay (cancelling those is a separate, deliberate step)."""
    profile = talent_services.profile_set_status(
        actor=actor, profile=profile, status=ProfileStatus.PAUSED
    )
    for match in Match.objects.filter(profile=profile, status__in=[S.PROPOSED, S.ACCEPTED]):
        req = Request.objects.select_for_update().get(pk=match.request_id)
        match = Match.objects.select_for_update().select_related("profile").get(pk=match.pk)
        match.request = req
        # A move that follows from the pause (the table lets SYSTEM withdraw a proposal; the
        # volunteer could not cancel a mere proposal themself).
        _move_match(
            match, S.CANCELLED, actor=actor, parties={SYSTEM}, note="ボランティアの休止のため"
        )
    return profile


@transaction.atomic
def volunteer_resume(*, actor, profile: Profile) -> Profile:
    return talent_services.profile_set_status(
        actor=actor, profile=profile, status=ProfileStatus.PUBLISHED
    )
