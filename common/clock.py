"""Today's date in the city's time zone (Asia/Tokyo), in one place, so that the rules that
depend on it (dates in the future, nothing recorded before the day, reminders) can be tested
on a fixed day: tests pin it with ``clock.pin(date)``."""

from datetime import date

from django.utils import timezone

_pinned: date | None = None


def today() -> date:
    return _pinned or timezone.localdate()


def pin(day: date | None) -> None:
    """Fix ``today()`` (tests only); ``pin(None)`` lets it follow the real clock again."""
    global _pinned
    _pinned = day
