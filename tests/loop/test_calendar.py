"""The .ics feeds parse with icalendar and hold exactly the caller's activities."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from matching import services
from schedule import calendar
from tests import factories

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def booked(coordinator, school_a, school_b, volunteer, other_volunteer):
    mine = factories.request(
        school_a, title="書道", dates=[date(2026, 12, 9), date(2026, 12, 16)],
        start_time=time(10, 30), end_time=time(11, 15),
    )  # fmt: skip
    theirs = factories.request(
        school_b, title="パソコン", dates=[date(2026, 12, 10)], time_band="pm"
    )
    proposed_only = factories.request(school_a, title="提案だけ", dates=[date(2026, 12, 11)])
    for req, user in ((mine, volunteer), (theirs, other_volunteer)):
        m = services.match_propose(actor=coordinator, req=req, profile=user.profile)
        services.match_set_status(actor=coordinator, match=m, status="confirmed")
    services.match_propose(actor=coordinator, req=proposed_only, profile=volunteer.profile)
    return mine, theirs


def events(body: bytes):
    cal = Calendar.from_ical(body)
    return sorted(
        (str(e.get("summary")), e.decoded("dtstart"), e.decoded("dtend"))
        for e in cal.walk("VEVENT")
    )


def test_a_volunteer_gets_exactly_their_confirmed_dates(api, booked, volunteer):
    res = api.as_(volunteer).get("/api/me/calendar.ics")
    assert res.status_code == 200
    assert res["Content-Type"].startswith("text/calendar")
    assert events(res.content) == [
        ("書道", datetime(2026, 12, 9, 10, 30, tzinfo=TOKYO), datetime(2026, 12, 9, 11, 15, tzinfo=TOKYO)),
        ("書道", datetime(2026, 12, 16, 10, 30, tzinfo=TOKYO), datetime(2026, 12, 16, 11, 15, tzinfo=TOKYO)),
    ]  # fmt: skip


def test_a_requester_gets_its_organizations_activities_with_the_time_band(api, booked, teacher_b):
    assert events(api.as_(teacher_b).get("/api/me/calendar.ics").content) == [
        ("パソコン（鈴木 一郎さん）", datetime(2026, 12, 10, 13, tzinfo=TOKYO), datetime(2026, 12, 10, 17, tzinfo=TOKYO)),
    ]  # fmt: skip


def test_anonymous_callers_get_401(api):
    assert api.as_(None).get("/api/me/calendar.ics").status_code in (401, 403)


def test_the_subscription_url_works_until_revoked(client, booked, volunteer):
    feed = calendar.feed_issue(user=volunteer)
    url = f"/calendar/{feed.token}.ics"
    assert len(events(client.get(url).content)) == 2
    calendar.feed_revoke(user=volunteer)
    assert client.get(url).status_code == 404


def test_reissuing_the_url_kills_the_old_one(client, booked, volunteer):
    old = calendar.feed_issue(user=volunteer).token
    calendar.feed_issue(user=volunteer)
    assert client.get(f"/calendar/{old}.ics").status_code == 404


def test_one_activitys_add_to_calendar_file(client, booked, volunteer, other_volunteer):
    mine = booked[0].matches.get()
    client.force_login(volunteer)
    assert [e[0] for e in events(client.get(f"/matches/{mine.pk}/calendar.ics").content)] == [
        "書道",
        "書道",
    ]
    client.force_login(other_volunteer)
    assert client.get(f"/matches/{mine.pk}/calendar.ics").status_code == 404
