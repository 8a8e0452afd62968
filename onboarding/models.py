from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """A one-time way in for a requester of one organization: a link sent by e-mail, or a
    code printed on paper. Only hashes of the secrets are stored; the link and the code are
    shown once, when made."""

    organization = models.ForeignKey(
        "matching.Organization",
        verbose_name="団体",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField("招待したメールアドレス", blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    expires_at = models.DateTimeField("有効期限")
    used_at = models.DateTimeField("使用日時", null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "招待"
        verbose_name_plural = "招待"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organization} {self.email or '（招待コード）'}"

    @property
    def by_code(self) -> bool:
        return self.code_hash is not None
