from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A one-time form token that has been used: the pages' guard against double submits.

    Each form carries a random token. The view inserts it here in the same transaction as the
    record the form creates; the unique index makes a second submit of the same form wait for
    the first to commit and then fail, so it is answered with the first one's result instead of
    writing a second record. A token kept only in the session could not do this: two requests
    in flight at once both read the session before either writes it back.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    redirect_to = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "送信済みフォーム"
        verbose_name_plural = "送信済みフォーム"

    def __str__(self) -> str:
        return self.token
