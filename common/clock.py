"""Today's date in the city's time zone (Asia/Tokyo), in one place, so that the rules that
depend on it (dates in the future, nothing recorded before the day, reminders) can be tested
on a fixed day: tests pin it with ``clock.pin(date)``. Django-free, like all of common/."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")

_pinned: date | None = None


def today() -> date:
    return _pinned or datetime.now(TOKYO).date()


def pin(day: date | None) -> None:
    """Fix ``today()`` (tests only); ``pin(None)`` lets it follow the real clock again."""
    global _pinned
    _pinned = day
