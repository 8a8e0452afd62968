"""Notification figures: how fast one ``send_notifications`` run delivers a full outbox, and
what writing the outbox rows adds to the call that causes them.

    python manage.py benchmark_notifications [--pending 10000] [--calls 300]

Everything runs inside one transaction that is rolled back at the end: the database is left
as it was. Mails go to Django's in-memory backend, so the figure is the outbox's own cost
(claiming, rendering the message, marking sent), not a mail server's.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.system import SYSTEM
from common import events
from matching import services as matching_services
from matching.models import Organization
from notifications.delivery import deliver_pending
from notifications.models import Notification, Status
from talent import services as talent_services


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "お知らせの送信速度と、お知らせを書くことで操作が遅くなる分を測ります。"

    def add_arguments(self, parser):
        parser.add_argument("--pending", type=int, default=10_000)
        parser.add_argument("--calls", type=int, default=300)

    def handle(self, *args, pending, calls, **options):
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            try:
                with transaction.atomic():
                    self._delivery(pending)
                    self._cost(calls)
                    raise Rollback
            except Rollback:
                pass

    def _delivery(self, n: int) -> None:
        Notification.objects.filter(status=Status.PENDING).update(next_attempt_at=None)
        now = timezone.now()
        Notification.objects.bulk_create(
            (
                Notification(
                    kind="bench",
                    to_name=f"宛先{i}",
                    to_email=f"bench{i}@example.jp",
                    subject="【つなぐ】計測",
                    body="計測用の本文です。\n" * 10,
                    channel="email",
                    status=Status.PENDING,
                    next_attempt_at=now,
                )
                for i in range(n)
            ),
            batch_size=2000,
        )
        started = time.perf_counter()
        outcome = deliver_pending()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"send_notifications: {outcome.sent} of {n} pending delivered in {elapsed:.2f} s "
            f"= {outcome.sent / elapsed:,.0f} notifications/s (one run, batches of 50, locmem backend)"
        )

    def _cost(self, calls: int) -> None:
        org = Organization.objects.create(name="計測小学校", kind="school")
        req = matching_services.request_create(
            actor=SYSTEM,
            organization=org,
            data={"title": "計測", "description": "計測用の依頼", "headcount": 1},
        )
        profile = talent_services.profile_register(
            actor=SYSTEM,
            data={"kind": "instructor", "display_name": "計測 太郎", "skills": "計測",
                  "email": "keisoku@example.jp"},
            status="published",
        )  # fmt: skip
        timings = {"with": [], "without": []}
        for i in range(calls * 2):
            mode = "with" if i % 2 == 0 else "without"  # interleaved: the same conditions
            started = time.perf_counter()
            if mode == "with":
                match = matching_services.match_propose(actor=SYSTEM, req=req, profile=profile)
            else:
                with events.muted():
                    match = matching_services.match_propose(actor=SYSTEM, req=req, profile=profile)
            timings[mode].append(time.perf_counter() - started)
            with events.muted():
                matching_services.match_set_status(actor=SYSTEM, match=match, status="cancelled")
        p50 = {k: statistics.median(v) * 1000 for k, v in timings.items()}
        self.stdout.write(
            f"match_propose p50 over {calls} calls each: with the outbox row {p50['with']:.2f} ms, "
            f"without (events muted) {p50['without']:.2f} ms, "
            f"cost of the notification {p50['with'] - p50['without']:.2f} ms"
        )
