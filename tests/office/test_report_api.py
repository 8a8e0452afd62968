"""GET /api/reports/fiscal-year/{YYYY}/: who may call it and what bad years get."""

import pytest
from django.utils import timezone

from lib.fiscal import fiscal_year_of
from tests.office import city_year

pytestmark = pytest.mark.django_db
URL = "/api/reports/fiscal-year/{}/"


def test_it_gives_coordinators_the_year(api, coordinator):
    city_year.build()
    response = api.as_(coordinator).get(URL.format(2026))
    assert response.status_code == 200
    body = response.json()
    assert body["fiscal_year_wareki"] == "令和8年度"
    assert body["period"] == {"start": "2026-04-01", "end": "2027-03-31", "timezone": "Asia/Tokyo"}
    assert body["profiles"]["registered"] == 3
    assert body["profiles"]["published"] == 3
    assert body["requests"]["posted"] == 6
    assert body["matches"]["confirmed"] == 3
    assert body["activities"]["completed"] == 3
    assert body["activities"]["hours"] == 6.5
    assert [m["hours"] for m in body["activities"]["by_month"]][2:4] == [2.0, 1.5]
    assert len(body["profiles"]["by_month"]) == 12


@pytest.mark.parametrize("who", ["volunteer", "teacher_a", None])
def test_it_refuses_everyone_else(api, request, who):
    user = request.getfixturevalue(who) if who else None
    response = api.as_(user).get(URL.format(2026))
    assert response.status_code == (403 if user else 401)
    assert "detail" in response.json()


@pytest.mark.parametrize("year", ["26", "20266", "abcd", "２０２６", "1999", "-202"])
def test_a_malformed_or_out_of_range_year_is_a_400(api, coordinator, year):
    response = api.as_(coordinator).get(URL.format(year))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] in {"invalid_fiscal_year", "fiscal_year_out_of_range"}
    assert "fiscal_year" in body["errors"]


def test_a_year_after_next_is_a_400_and_next_year_is_zeros(api, coordinator):
    current = fiscal_year_of(timezone.localdate())
    assert api.as_(coordinator).get(URL.format(current + 2)).status_code == 400
    response = api.as_(coordinator).get(URL.format(current + 1))
    assert response.status_code == 200
    assert response.json()["requests"]["posted"] == 0
