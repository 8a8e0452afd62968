"""Delivery: each pending mail sent once even with two senders at once; an unreachable server
leaves them pending with a back-off; reminders are queued once."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from matching import services
from notifications.delivery import backoff, deliver_pending
from notifications.models import Notification, Status
from notifications.reminders import queue_reminders
from tests import factories


def _pending(n: int) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            kind="test",
            to_name=f"宛先{i}",
            to_email=f"p{i}@example.jp",
            subject=f"件名{i}",
            body="本文",
            channel="email",
            status=Status.PENDING,
            next_attempt_at=now,
        )
        for i in range(n)
    )


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_mail_exactly_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.slow_backend.SlowBackend"
    _pending(120)
    mail.outbox = []
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(deliver_pending())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert len(sent_to) == 120
    assert len(set(sent_to)) == 120
    assert sum(r.sent for r in results) == 120
    assert all(r.sent > 0 for r in results), "both senders should have taken a share"
    assert Notification.objects.filter(status=Status.SENT).count() == 120


@pytest.mark.django_db
def test_a_second_run_sends_nothing_again(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _pending(3)
    assert deliver_pending().sent == 3
    mail.outbox.clear()
    assert deliver_pending().sent == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_unreachable_server_leaves_mails_pending_with_a_back_off(
    settings, coordinator, school_a, volunteer
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    req = factories.request(school_a)
    # the call that causes the mail succeeds although the server is down
    match = services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    assert match.status == "proposed"
    before = timezone.now()
    outcome = deliver_pending()
    assert (outcome.sent, outcome.failed) == (0, 1)
    n = Notification.objects.get(kind="match_proposed")
    assert n.status == Status.PENDING and n.attempts == 1
    assert n.last_error
    assert n.next_attempt_at >= before + timedelta(minutes=1)
    # not due yet: a run right away does not hammer the server
    assert deliver_pending().failed == 0
    # when the server is back, it goes out
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    assert deliver_pending(now=n.next_attempt_at).sent == 1
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]


def test_back_off_doubles_up_to_six_hours():
    assert [backoff(a) for a in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert backoff(30) == timedelta(hours=6)


@pytest.mark.django_db
def test_reminders_are_queued_once_for_the_volunteer_and_the_requester(
    coordinator, school_a, volunteer, teacher_a
):
    teacher_a.email = "teacher@school.example.jp"
    teacher_a.save()
    req = factories.request(school_a, dates=[date(2026, 12, 9), date(2026, 12, 16)])
    match = services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    other = factories.request(school_a, dates=[date(2026, 12, 10)])  # not confirmed: no reminder
    services.match_propose(actor=coordinator, req=other, profile=factories.profile())
    assert queue_reminders(today=date(2026, 12, 8)) == 2
    assert queue_reminders(today=date(2026, 12, 8)) == 0
    rows = Notification.objects.filter(kind="reminder")
    assert sorted(r.to_email for r in rows) == ["hanako@example.jp", "teacher@school.example.jp"]
    assert all("2026年12月9日(水)" in r.body for r in rows)
    assert queue_reminders(today=date(2026, 12, 9)) == 0  # nothing on the 10th for this match


@pytest.mark.django_db
def test_send_reminders_command_twice_queues_nothing_new(coordinator, school_a, volunteer):
    from io import StringIO

    from django.core.management import call_command

    req = factories.request(school_a, dates=[date(2026, 12, 9)])
    match = services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    out = StringIO()
    call_command("send_reminders", "--today", "2026-12-08", stdout=out)
    call_command("send_reminders", "--today", "2026-12-08", stdout=out)
    assert Notification.objects.filter(kind="reminder").count() == 2  # volunteer + school
    assert "queued 2" in out.getvalue() and "queued 0" in out.getvalue()
