"""After a match: the requester records the activity (completing the match), the volunteer
confirms or corrects the hours and adds their own comment, and a coordinator settles a
disagreement. Each is one transaction; the people concerned are told through the outbox
(events ``activity.recorded`` and ``activity.disputed``)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_coordinator
from audit import services as audit
from common import clock, events
from common.errors import Conflict, Forbidden, InvalidInput
from common.pipeline import VOLUNTEER
from lib.jdates import jdate
from matching.models import Match, MatchStatus
from matching.pipeline import match_parties
from matching.services import match_set_status
from volunteers.models import ActivityRecord, HoursState


def _clean(record: ActivityRecord) -> None:
    try:
        record.full_clean()
    except DjangoValidationError as exc:
        raise InvalidInput("活動記録の内容を確認してください。", fields=exc.message_dict) from exc


def check_activity_date(match: Match, day: date, *, today: date | None = None) -> None:
    """An activity is recorded on or after its day: the day recorded is not after today
    (Asia/Tokyo). Any past day is accepted, not only the request's dates: activities are often
    moved by a phone call that never reaches the request."""
    today = today or clock.today()
    if day > today:
        raise InvalidInput(
            "まだ活動の日になっていません。",
            fields={
                "date": [f"{jdate(day)} は今日より後です。活動が終わってから記録してください。"]
            },
        )


@transaction.atomic
def match_complete(
    *,
    actor,
    match: Match,
    date: date,
    hours: Decimal,
    requester_feedback: str = "",
    rating: int | None = None,
    volunteer_feedback: str = "",
    participants: int | None = None,
) -> ActivityRecord:
    """Close a confirmed match with what happened: the date, the hours, how many took part,
    a short comment and a rating; the volunteer is then asked to confirm the hours."""
    # The move first (who may, in which state: 403 / 409), then the date (400); a refused
    # date rolls the move back with everything else.
    match = match_set_status(actor=actor, match=match, status=MatchStatus.COMPLETED)
    check_activity_date(match, date)
    record = ActivityRecord(
        match=match,
        date=date,
        hours=hours,
        requester_feedback=requester_feedback,
        rating=rating,
        volunteer_feedback=volunteer_feedback,
        participants=participants,
    )
    _clean(record)
    record.save()
    audit.record(
        actor=actor,
        action="activity.record",
        target=record,
        changes=audit.created(
            audit.snapshot(
                record, ("date", "hours", "rating", "requester_feedback", "volunteer_feedback")
            )
        ),
    )
    events.emit(events.ACTIVITY_RECORDED, record=record)
    return record


@transaction.atomic
def activity_confirm(
    *, actor, record: ActivityRecord, hours: Decimal, comment: str = ""
) -> ActivityRecord:
    """The volunteer confirms the requester's hours (same figure) or corrects them (another
    figure: the record goes to the coordinators' list), and leaves their own comment."""
    record = (
        ActivityRecord.objects.select_for_update()
        .select_related("match__profile", "match__request__organization")
        .get(pk=record.pk)
    )
    if VOLUNTEER not in match_parties(actor, record.match):
        raise Forbidden("この活動の時間を確認できるのは、活動したご本人です。")
    if record.hours_state != HoursState.RECORDED:
        raise Conflict("この活動の時間はすでに確認済みです。", code="already_confirmed")
    record.volunteer_hours = hours
    record.volunteer_feedback = (comment or "").strip()
    record.volunteer_confirmed_at = timezone.now()
    record.hours_state = HoursState.AGREED if hours == record.hours else HoursState.DISPUTED
    _clean(record)
    record.save()
    audit.record(
        actor=actor,
        action="activity.confirm",
        target=record,
        detail={"hours": str(hours), "state": record.hours_state},
    )
    if record.hours_state == HoursState.DISPUTED:
        events.emit(events.ACTIVITY_DISPUTED, record=record)
    return record


@transaction.atomic
def activity_resolve(*, actor, record: ActivityRecord, hours: Decimal, note: str = ""):
    """A coordinator settles a disagreement on the hours with the figure that counts."""
    if not is_coordinator(actor):
        raise Forbidden("時間の食い違いはコーディネーターが確認します。")
    record = ActivityRecord.objects.select_for_update().get(pk=record.pk)
    if record.hours_state != HoursState.DISPUTED:
        raise Conflict("この活動の時間に食い違いはありません。", code="not_disputed")
    before = audit.snapshot(record, ("hours", "hours_state"))
    record.hours = hours
    record.resolution_note = (note or "").strip()
    record.hours_state = HoursState.RESOLVED
    _clean(record)
    record.save()
    audit.record(
        actor=actor,
        action="activity.resolve",
        target=record,
        changes=audit.diff(before, audit.snapshot(record, ("hours", "hours_state"))),
    )
    return record
