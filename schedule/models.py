from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A private subscription URL for one login's calendar. The token is the only secret in
    the URL; revoking deletes the row (the old URL then answers 404) and a new one can be
    made at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "カレンダーの購読URL"
        verbose_name_plural = "カレンダーの購読URL"

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
