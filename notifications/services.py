"""Writes a person makes about their own notifications, and the coordinators' phone list."""

from django.db import transaction
from django.utils import timezone

from accounts.roles import is_coordinator
from common.errors import Forbidden
from notifications.models import Channel, Notification, Preference, Status


@transaction.atomic
def preference_set(*, user, email_enabled: bool) -> Preference:
    pref, _ = Preference.objects.select_for_update().get_or_create(user=user)
    pref.email_enabled = email_enabled
    pref.save(update_fields=["email_enabled"])
    return pref


def mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def phone_done(*, actor, notification_id: int) -> int:
    """A coordinator called the person: the row leaves the 「電話で連絡」 list."""
    if not is_coordinator(actor):
        raise Forbidden("電話連絡の記録はコーディネーターが行います。")
    return Notification.objects.filter(
        pk=notification_id, channel=Channel.PHONE, status=Status.CALL
    ).update(status=Status.CALLED, sent_at=timezone.now())


def waiting_mail():
    """Mails not yet delivered, with the last error: what coordinators see when the mail
    server is down (nothing is lost; the sender keeps retrying)."""
    return Notification.objects.filter(status=Status.PENDING).order_by("created_at", "id")
