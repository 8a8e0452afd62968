"""The caller's confirmed activities as iCalendar (RFC 5545), built with the ``icalendar``
library, in Asia/Tokyo. One event per activity date: a volunteer's own confirmed or completed
matches; a requester's organization's; a coordinator's none (they would get the whole city).

Times: the request's start and end times when given; otherwise its time band (午前 9:00–12:00,
午後 13:00–17:00, 夜間 18:00–21:00); otherwise an all-day event.
"""

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import Role
from accounts.roles import is_requester, is_volunteer
from lib.jdates import jdate
from matching.models import Match, MatchStatus
from matching.selectors import organization_id_of
from schedule.models import CalendarFeed

TOKYO = ZoneInfo("Asia/Tokyo")
BANDS = {"am": (time(9), time(12)), "pm": (time(13), time(17)), "night": (time(18), time(21))}
TAKING_PART = (MatchStatus.CONFIRMED, MatchStatus.COMPLETED)


def activities_of(user) -> QuerySet[Match]:
    qs = Match.objects.filter(status__in=TAKING_PART).select_related(
        "request__organization", "profile"
    )
    if not user.is_authenticated:
        return qs.none()
    if is_requester(user):
        return qs.filter(request__organization_id=organization_id_of(user))
    if is_volunteer(user):
        return qs.filter(profile__user_id=user.id)
    return qs.none()


def _span(req, day):
    start, end = req.start_time, req.end_time
    if start is None and req.time_band in BANDS:
        start, end = BANDS[req.time_band]
    if start is None:
        return day, day + timedelta(days=1)  # all day
    end = end or (datetime.combine(day, start) + timedelta(hours=2)).time()
    return (
        datetime.combine(day, start, tzinfo=TOKYO),
        datetime.combine(day, end, tzinfo=TOKYO),
    )


def build(matches, *, viewer_role: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Tsunagu//つなぐ 人材バンク//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "つなぐ 活動の予定")
    cal.add("x-wr-timezone", "Asia/Tokyo")
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    stamp = timezone.now()
    for match in matches:
        req = match.request
        for day in req.dates:
            start, end = _span(req, day)
            event = Event()
            event.add("uid", f"match-{match.pk}-{day.isoformat()}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", end)
            who = f"（{match.profile.display_name}さん）" if viewer_role == Role.REQUESTER else ""
            event.add("summary", f"{req.title}{who}")
            if req.place:
                event.add("location", req.place)
            lines = [f"依頼団体: {req.organization.name}", f"日にち: {jdate(day)}"]
            if viewer_role == Role.VOLUNTEER and req.day_contact:
                lines.append(f"当日の担当者: {req.day_contact}")
            event.add("description", "\n".join(lines))
            cal.add_component(event)
    return cal.to_ical()


def calendar_for(user) -> bytes:
    return build(activities_of(user).order_by("id"), viewer_role=user.role)


def feed_for(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def feed_issue(*, user) -> CalendarFeed:
    """Make (or replace) the user's subscription URL: an old URL stops working."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


@transaction.atomic
def feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def user_for_token(token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user
