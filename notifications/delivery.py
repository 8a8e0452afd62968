"""Delivering the outbox: the one loop ``send_notifications`` (and the serve loop) runs.

Claiming: each batch is read with ``SELECT … FOR UPDATE SKIP LOCKED`` inside a transaction
that stays open while the batch is handed to the mail server, and the rows are marked sent (or
rescheduled) in that same transaction. A second sender running at the same moment skips the
locked rows, and once the first commits they are no longer pending: two runs never send the
same row. The guarantee is at-least-once, not at-most-once, in one narrow case: if the process
dies after the mail server accepted a message and before the COMMIT, the row is still pending
and is sent again by the next run. We chose that over at-most-once (commit "sending" first,
then send) because a crash there would silently lose a proposal or a cancellation; a rare
duplicate carries the same ``Message-ID`` (``<notification-ID@host>``), which mail systems use
to fold duplicates. Batches are small so that the window stays small.

Failures: a message the server refuses, or a server that cannot be reached, leaves the row
pending with ``attempts`` + 1 and ``next_attempt_at`` pushed back exponentially (1, 2, 4 …
minutes, at most 6 hours); it is never dropped, and coordinators see it on their お知らせ
page with the last error.
"""

import contextlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification, Status

BATCH = 50
FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=6)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1, 2, 4 … minutes, capped at 6 hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), MAX_RETRY)


def message_for(n: Notification) -> EmailMessage:
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "tsunagu"
    return EmailMessage(
        subject=n.subject,
        body=n.body,
        to=[n.to_email],
        headers={"Message-ID": f"<notification-{n.pk}@{domain}>"},
    )


def deliver_pending(*, limit: int | None = None, now=None) -> Outcome:
    """Send every due pending notification once; return how many went and how many failed."""
    total = Outcome()
    while limit is None or total.sent + total.failed < limit:
        size = BATCH if limit is None else min(BATCH, limit - total.sent - total.failed)
        batch = _deliver_batch(size=size, now=now)
        total.sent += batch.sent
        total.failed += batch.failed
        if batch.sent + batch.failed < size:
            break
    return total


def _deliver_batch(*, size: int, now=None) -> Outcome:
    outcome = Outcome()
    with transaction.atomic():
        moment = now or timezone.now()
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=moment)
            .order_by("next_attempt_at", "id")[:size]
        )
        if not rows:
            return outcome
        sent, failed = [], []
        try:
            connection = get_connection(fail_silently=False)
            connection.open()
        except Exception as exc:  # the server cannot be reached: every row waits
            _reschedule(rows, exc, moment)
            outcome.failed = len(rows)
            return outcome
        try:
            for n in rows:
                try:
                    connection.send_messages([message_for(n)])
                except Exception as exc:
                    _reschedule([n], exc, moment)
                    failed.append(n)
                else:
                    sent.append(n.pk)
        finally:
            # Closing a broken connection must not undo the bookkeeping above.
            with contextlib.suppress(Exception):
                connection.close()
        if sent:
            Notification.objects.filter(pk__in=sent).update(
                status=Status.SENT, sent_at=timezone.now(), last_error=""
            )
        outcome.sent, outcome.failed = len(sent), len(failed)
    return outcome


def _reschedule(rows: list[Notification], exc: Exception, moment) -> None:
    error = f"{type(exc).__name__}: {exc}"[:500]
    for n in rows:
        n.attempts += 1
        n.next_attempt_at = moment + backoff(n.attempts)
        n.last_error = error
    Notification.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])
