"""Filters for the plain-text mails: dates as 2027年1月20日(水) and a request's time."""

from datetime import datetime

from django import template
from django.utils import timezone

from lib.jdates import jdate as format_jdate

register = template.Library()


@register.filter
def jdate(value) -> str:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_jdate(value)


@register.filter
def jdates(values) -> str:
    return "、".join(format_jdate(v) for v in values or ()) or "未定（ご相談のうえ決めます）"


@register.filter
def when(req) -> str:
    """午前（10:00〜11:30）, or what is known of it."""
    band = req.get_time_band_display() if req.time_band else ""
    times = ""
    if req.start_time and req.end_time:
        times = f"{req.start_time:%H:%M}〜{req.end_time:%H:%M}"
    elif req.start_time:
        times = f"{req.start_time:%H:%M}から"
    if band and times:
        return f"{band}（{times}）"
    return band or times or "未定"
