"""After a match: completing it records the activity; each volunteer's history reads them back."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from common.errors import InvalidInput
from matching import workflow
from matching.models import Match, MatchStatus
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
    match = workflow.transition(match=match, to=MatchStatus.COMPLETED, actor=actor)
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
    return record
