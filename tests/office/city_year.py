"""A small city year built for the report tests, with every timestamp set by hand.

The expected figures are counted by hand in tests/office/test_reports.py from the table in
each function's comments; the 年度 boundary (15:00 UTC on March 31 is April 1 in Tokyo), a
draft request, a withdrawn one, a declined proposal and a confirmation later cancelled are in
it on purpose.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from accounts.system import SYSTEM
from common import clock
from matching import services as match_services
from matching.models import Match, MatchEvent, Request
from talent.models import Profile
from tests import factories
from volunteers.services import match_complete

JST = ZoneInfo("Asia/Tokyo")


def jst(y, m, d, h=10, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=JST)


def utc(y, m, d, h, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=UTC)


@dataclass
class CityYear:
    profiles: dict
    requests: dict
    matches: dict


def _profile(name, *, created, published=None, status="published", areas=(), **fields):
    p = factories.profile(display_name=name, status=status, areas=areas, **fields)
    Profile.objects.filter(pk=p.pk).update(created_at=created, published_at=published)
    p.refresh_from_db()
    return p


def _request(org, title, *, created, **fields):
    r = factories.request(org, title=title, **fields)
    Request.objects.filter(pk=r.pk).update(created_at=created)
    r.refresh_from_db()
    return r


def _propose(request, profile, *, at):
    m = match_services.match_propose(actor=SYSTEM, req=request, profile=profile)
    Match.objects.filter(pk=m.pk).update(created_at=at)
    MatchEvent.objects.filter(match=m, to_status="proposed").update(at=at)
    return m


def _move(match, to, *, at):
    match_services.match_set_status(actor=SYSTEM, match=match, status=to)
    MatchEvent.objects.filter(match=match, to_status=to).update(at=at)


def _complete(match, *, on, hours, rating=None):
    # Recorded on the day itself (nothing may be recorded before the activity's day).
    today = clock.today()
    clock.pin(on)
    try:
        match_complete(actor=SYSTEM, match=match, date=on, hours=Decimal(hours), rating=rating)
    finally:
        clock.pin(today)


def build() -> CityYear:
    central, east = factories.area("中央地区"), factories.area("東地区")
    school = factories.organization("みどり野市立第一小学校", kind="school")
    kominkan = factories.organization("中央公民館", kind="kominkan")
    group = factories.organization("北町自治会", kind="community")

    # name  created                    published                 kind            area
    # P1    2026-03-31 15:00 UTC (4/1) same moment (4/1 JST)     instructor      中央
    # P2    2026-03-31 14:59 UTC (3/31) 2026-04-10 JST           it_volunteer    -
    # P3    2027-03-31 14:59 UTC (3/31) - (pending)              school_support  東
    # P4    2027-03-31 15:00 UTC (2027 年度) same moment           instructor      -
    # P5    2026-06-15 JST              2026-06-20 JST           it_volunteer    -
    p1 = _profile(
        "青木 一郎",
        created=utc(2026, 3, 31, 15),
        published=utc(2026, 3, 31, 15),
        areas=[central],
    )
    p2 = _profile(
        "井上 二郎",
        kind="it_volunteer",
        created=utc(2026, 3, 31, 14, 59),
        published=jst(2026, 4, 10),
    )
    p3 = _profile(
        "上田 三恵",
        kind="school_support",
        status="pending",
        created=utc(2027, 3, 31, 14, 59),
        areas=[east],
    )
    p4 = _profile("江藤 四郎", created=utc(2027, 3, 31, 15), published=utc(2027, 3, 31, 15))
    p5 = _profile(
        "岡田 五月",
        kind="it_volunteer",
        skills="スマホの使い方を教えます",
        created=jst(2026, 6, 15),
        published=jst(2026, 6, 20),
    )

    # request  org        created              headcount  outcome
    # R1       school     2026-05-10 10:00 JST 1          M1 (P1) confirmed 5/13 10:00, done 6/1 2.0 h ★5
    # R2       kominkan   2026-07-01 10:00 JST 2          M2 (P2) confirmed 7/4 10:00, done 7/20 1.5 h ★4;
    #                                                     M3 (P5) declined 7/3
    # R3       school     2026-08-01 JST       1          M4 (P5) confirmed 8/3, cancelled 8/5
    # R4       community  2026-09-01 JST       1          nothing
    # R5       school     2026-10-01 JST       1          withdrawn
    # R6       school     2027-03-31 14:59 UTC 1          a draft
    # R7       school     2027-03-31 15:00 UTC 1          M5 (P1) proposed 15:10 UTC, confirmed 15:30 UTC
    #                     (2027 年度)                       (4/1 JST), done 2027-04-01 1.0 h
    # R8       school     2027-01-10 10:00 JST 1          M6 (P1) confirmed 1/12 22:00, done 3/31 3.0 h
    r1 = _request(school, "書道のゲストティーチャー", created=jst(2026, 5, 10))
    r2 = _request(kominkan, "郷土史講座の講師", created=jst(2026, 7, 1), headcount=2)
    r3 = _request(school, "スマホ相談会の講師", created=jst(2026, 8, 1))
    r4 = _request(group, "スマートフォン教室の補助", created=jst(2026, 9, 1))
    r5 = _request(school, "読み聞かせの会", created=jst(2026, 10, 1))
    match_services.request_set_status(actor=SYSTEM, req=r5, status="cancelled")
    r6 = _request(school, "英会話クラブの指導", created=utc(2027, 3, 31, 14, 59), status="draft")
    r7 = _request(school, "将棋クラブの指導", created=utc(2027, 3, 31, 15))
    r8 = _request(school, "昔遊びの先生", created=jst(2027, 1, 10))

    m1 = _propose(r1, p1, at=jst(2026, 5, 11))
    _move(m1, "confirmed", at=jst(2026, 5, 13))
    _complete(m1, on=date(2026, 6, 1), hours="2.0", rating=5)
    m2 = _propose(r2, p2, at=jst(2026, 7, 2))
    m3 = _propose(r2, p5, at=jst(2026, 7, 2))
    _move(m3, "declined", at=jst(2026, 7, 3))
    _move(m2, "confirmed", at=jst(2026, 7, 4))
    _complete(m2, on=date(2026, 7, 20), hours="1.5", rating=4)
    m4 = _propose(r3, p5, at=jst(2026, 8, 2))
    _move(m4, "confirmed", at=jst(2026, 8, 3))
    _move(m4, "cancelled", at=jst(2026, 8, 5))
    m5 = _propose(r7, p1, at=utc(2027, 3, 31, 15, 10))
    _move(m5, "confirmed", at=utc(2027, 3, 31, 15, 30))
    _complete(m5, on=date(2027, 4, 1), hours="1.0")
    m6 = _propose(r8, p1, at=jst(2027, 1, 11))
    _move(m6, "confirmed", at=jst(2027, 1, 12, 22))
    _complete(m6, on=date(2027, 3, 31), hours="3.0")
    return CityYear(
        profiles={"p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5},
        requests={"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5, "r6": r6, "r7": r7, "r8": r8},
        matches={"m1": m1, "m2": m2, "m3": m3, "m4": m4, "m5": m5, "m6": m6},
    )
