from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """One thing that happened: who did what to which record, when, and what changed.

    Written only by audit.services.record(), inside the transaction of the change it
    describes (a refused or rolled-back change leaves no entry).
    """

    at = models.DateTimeField("日時", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作した人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The login name at the time ("system" for commands): the entry stays readable after the
    # account is gone. A withdrawn person's name is replaced (audit.services.forget_actor).
    actor_name = models.CharField("操作した人（記録時）", max_length=150, blank=True)
    action = models.CharField("操作", max_length=50, db_index=True)
    target_type = models.CharField("対象の種類", max_length=100, blank=True)
    target_id = models.CharField("対象の ID", max_length=64, blank=True)
    # {"field": [before, after]}; personal values are written as "***" (services.REDACTED).
    changes = models.JSONField("変更内容", default=dict, blank=True)
    detail = models.JSONField("詳細", default=dict, blank=True)

    class Meta:
        verbose_name = "監査ログ"
        verbose_name_plural = "監査ログ"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
