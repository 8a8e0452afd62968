from django.conf import settings
from django.db import models
from django.db.models import Q


class Channel(models.TextChoices):
    EMAIL = "email", "メール"
    PHONE = "phone", "電話で連絡"  # no e-mail address: a coordinator calls
    PAGE = "page", "お知らせ画面のみ"  # the person switched e-mail off


class Status(models.TextChoices):
    PENDING = "pending", "送信待ち"
    SENT = "sent", "送信済み"
    CALL = "call", "電話待ち"
    CALLED = "called", "電話済み"
    SHOWN = "shown", "画面のみ"


class Notification(models.Model):
    """One message to one person about one event: the outbox row.

    Written in the same transaction as the change it reports (notifications/handlers.py);
    delivered later by ``send_notifications`` (notifications/delivery.py). Subject and body are
    rendered when the row is written, through the privacy gate for that recipient, so what is
    sent is what the recipient was allowed to see at the time of the event.
    """

    kind = models.CharField("種類", max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="宛先のログイン",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    to_name = models.CharField("宛名", max_length=200)
    to_email = models.EmailField("宛先メールアドレス", blank=True)
    to_phone = models.CharField("宛先電話番号", max_length=30, blank=True)
    subject = models.CharField("件名", max_length=200)
    body = models.TextField("本文")
    link = models.CharField("画面へのリンク", max_length=300, blank=True)
    channel = models.CharField("経路", max_length=10, choices=Channel.choices)
    status = models.CharField("状態", max_length=10, choices=Status.choices)
    # Idempotency for repeated producers (the day-before reminder): one row per key.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    attempts = models.PositiveIntegerField("送信の試行回数", default=0)
    next_attempt_at = models.DateTimeField("次の送信", null=True, blank=True)
    last_error = models.CharField("最後のエラー", max_length=500, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    sent_at = models.DateTimeField("送信日時", null=True, blank=True)
    read_at = models.DateTimeField("既読", null=True, blank=True)

    class Meta:
        verbose_name = "お知らせ"
        verbose_name_plural = "お知らせ"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sender's queue: only pending e-mails, oldest due first.
            models.Index(
                fields=["next_attempt_at", "id"],
                name="notification_queue",
                condition=Q(status="pending"),
            ),
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.to_name}: {self.subject}"


class Preference(models.Model):
    """Per-login choices about notifications. No row means the defaults (e-mail on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField("メールで受け取る", default=True)

    class Meta:
        verbose_name = "お知らせの設定"
        verbose_name_plural = "お知らせの設定"

    def __str__(self) -> str:
        return f"{self.user_id}: {'メール' if self.email_enabled else '画面のみ'}"
