"""The day-before reminder: queued by ``send_reminders`` for every confirmed activity on the
next day, once per person and date (the outbox row's ``dedupe_key``), so running it twice — or
twice at once — queues nothing new."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from matching.models import Match, MatchStatus
from notifications.outbox import queue, requesters, volunteer


def queue_reminders(*, today: date) -> int:
    """Queue reminders for activities on ``today`` + 1; return how many rows were written."""
    day = today + timedelta(days=1)
    matches = (
        Match.objects.filter(status=MatchStatus.CONFIRMED, request__dates__contains=[day])
        .select_related("request__organization", "profile__user")
        .order_by("id")
    )
    written = 0
    for match in matches:
        context = {"match": match, "req": match.request, "day": day}
        people = [(volunteer(match.profile), True, "v", "/me/activities/")]
        people += [
            (r, False, f"u{r.user.pk}" if r.user else "org", f"/requests/{match.request_id}/")
            for r in requesters(match.request.organization)
        ]
        for recipient, for_volunteer, who, link in people:
            key = f"reminder:{match.pk}:{day.isoformat()}:{who}"
            try:
                with transaction.atomic():
                    row = queue(
                        "reminder",
                        recipient,
                        {**context, "for_volunteer": for_volunteer},
                        link=link,
                        dedupe_key=key,
                    )
            except IntegrityError:  # another run wrote it a moment ago
                row = None
            written += row is not None
    return written
