"""After a match: completing it records the activity; each volunteer's history reads them back."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from audit import services as audit
from common.errors import InvalidInput
from matching.models import Match, MatchStatus
from matching.services import match_set_status
from volunteers.models import ActivityRecord


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
) -> ActivityRecord:
    """Close a confirmed match with what happened: the date, the hours and the feedback."""
    match = match_set_status(actor=actor, match=match, status=MatchStatus.COMPLETED)
    record = ActivityRecord(
        match=match,
        date=date,
        hours=hours,
        requester_feedback=requester_feedback,
        rating=rating,
        volunteer_feedback=volunteer_feedback,
    )
    try:
        record.full_clean()
    except DjangoValidationError as exc:
        raise InvalidInput("活動記録の内容を確認してください。", fields=exc.message_dict) from exc
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
    return record
