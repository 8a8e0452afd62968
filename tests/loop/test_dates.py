"""A request's dates: in the future when posted, no duplicates, past ones kept on edit."""

from datetime import date, time

import pytest

from accounts.system import SYSTEM
from common.errors import InvalidInput
from matching import services
from matching.models import Request

pytestmark = pytest.mark.django_db  # today is 2026-12-01 (tests/conftest.py)


def post(org, dates, **extra):
    return services.request_create(
        actor=SYSTEM,
        organization=org,
        data={"title": "読み聞かせ", "description": "朝の読み聞かせ", "dates": dates, **extra},
    )


def test_a_past_date_or_today_is_refused(school_a):
    for day in (date(2026, 11, 30), date(2026, 12, 1)):
        with pytest.raises(InvalidInput) as exc:
            post(school_a, [date(2026, 12, 9), day])
        assert "明日以降の日付" in exc.value.fields["dates"][0]
    assert not Request.objects.exists()


def test_a_duplicate_date_is_refused_not_dropped(school_a):
    with pytest.raises(InvalidInput) as exc:
        post(school_a, [date(2026, 12, 9), date(2026, 12, 9)])
    assert exc.value.fields["dates"] == [
        "2026年12月9日(水) が2回入力されています。1回にしてください。"
    ]


def test_editing_keeps_dates_that_already_passed(school_a, clock):
    req = post(school_a, [date(2026, 12, 9), date(2026, 12, 16)])
    clock.pin(date(2026, 12, 10))
    services.request_edit(
        actor=SYSTEM, req=req, data={"dates": [date(2026, 12, 9), date(2026, 12, 23)]}
    )
    req.refresh_from_db()
    assert req.dates == [date(2026, 12, 9), date(2026, 12, 23)]
    with pytest.raises(InvalidInput):  # a new past date is still refused
        services.request_edit(actor=SYSTEM, req=req, data={"dates": [date(2026, 12, 2)]})


def test_start_must_be_before_end(school_a):
    with pytest.raises(InvalidInput):
        post(school_a, [date(2026, 12, 9)], start_time=time(11), end_time=time(10))
    req = post(
        school_a, [date(2026, 12, 9)], start_time=time(10), end_time=time(11), day_contact="田中"
    )
    assert (req.start_time, req.end_time, req.day_contact) == (time(10), time(11), "田中")


def test_the_api_refuses_past_dates_with_400(api, coordinator, school_a):
    res = api.as_(coordinator).post(
        "/api/requests/",
        {"organization": school_a.id, "title": "x", "description": "y", "dates": ["2026-11-01"]},
        format="json",
    )
    assert res.status_code == 400
    assert "dates" in res.json()["errors"]
