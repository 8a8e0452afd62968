"""Dates the way people in Japan read them: 2027年1月20日(水). Django-free; the pages' ``jdate``
filter and the mails both call this, so the two never disagree."""

from datetime import date, datetime

WEEKDAY_NAMES = "月火水木金土日"


def jdate(value) -> str:
    """2027年1月20日(水); a datetime gives its own date (make it local first); else ""."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return ""
    return f"{value.year}年{value.month}月{value.day}日({WEEKDAY_NAMES[value.weekday()]})"
