"""GET /api/requests/?q= with its filters: coordinators, requesters and volunteers browsing."""

from datetime import date

import pytest

from accounts.system import SYSTEM
from matching import services
from tests import factories
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_(school_a, school_b):
    community = factories.organization(
        "北町子ども会", kind="community", area=factories.area("北地区")
    )
    r = factories.request
    return {
        "calligraphy": r(
            school_a,
            title="書き初めの指導",
            description="3年生の書き初めで、筆の持ち方を教えてください。",
            kind_wanted="instructor",
            dates=[date(2027, 1, 8)],
            time_band="am",
        ),
        "smartphone": r(
            school_b,
            title="保護者向けスマートフォン講座",
            description="子どものスマホの安全な使い方を保護者に話してください。",
            kind_wanted="it_volunteer",
            dates=[date(2026, 11, 20), date(2027, 2, 5)],
            time_band="night",
        ),
        "games": r(
            community,
            title="昔遊びの会",
            description="こま回しやけん玉を子供たちに教えてください。",
            kind_wanted="",
            dates=[],
            time_band="pm",
        ),
        "closed": r(
            school_a,
            title="書道クラブの補助",
            description="書道クラブで半紙の準備を手伝ってください。",
            dates=[date(2026, 10, 1)],
            time_band="pm",
        ),
    }


@pytest.fixture
def closed(requests_):
    services.request_set_status(actor=SYSTEM, req=requests_["closed"], status="closed")
    return requests_["closed"]


def found(api, user, **params):
    return ids(api.as_(user).get("/api/requests/", params))


def test_text_query(api, coordinator, requests_, closed):
    assert set(found(api, coordinator, q="書道 OR 書き初め")) == {
        requests_["calligraphy"].id,
        closed.id,
    }
    assert found(api, coordinator, q="子ども -スマホ") == [requests_["games"].id]
    assert found(api, coordinator, q='"スマホの安全"') == [requests_["smartphone"].id]


def test_a_title_hit_ranks_above_a_description_hit(api, coordinator, requests_):
    # スマートフォン is in the title of one request and (as スマホ) only in its description.
    other = factories.request(
        requests_["games"].organization, title="パソコン教室", description="スマホも少し扱います。"
    )
    assert found(api, coordinator, q="スマートフォン") == [requests_["smartphone"].id, other.id]


def test_status_and_kind_wanted(api, coordinator, requests_, closed):
    assert found(api, coordinator, q="書道", status="closed") == [closed.id]
    assert found(api, coordinator, q="書道", status="open") == []
    assert found(api, coordinator, kind_wanted="it_volunteer") == [requests_["smartphone"].id]


def test_organization_and_its_area(api, coordinator, requests_, school_a):
    assert set(found(api, coordinator, organization=school_a.id)) == {
        requests_["calligraphy"].id,
        requests_["closed"].id,
    }
    area = requests_["games"].organization.area
    assert found(api, coordinator, area=area.id) == [requests_["games"].id]


def test_date_range_matches_any_of_the_dates(api, coordinator, requests_):
    assert found(api, coordinator, date_after="2027-02-01", date_before="2027-02-28") == [
        requests_["smartphone"].id
    ]
    assert set(found(api, coordinator, date_after="2027-01-01")) == {
        requests_["calligraphy"].id,
        requests_["smartphone"].id,
    }
    assert found(api, coordinator, date_before="2026-10-31") == [requests_["closed"].id]
    # The smartphone request has dates on both sides of December, none inside it.
    assert found(api, coordinator, date_after="2026-12-01", date_before="2026-12-31") == []


def test_time_band(api, coordinator, requests_):
    assert set(found(api, coordinator, time_band="pm")) == {
        requests_["games"].id,
        requests_["closed"].id,
    }


def test_volunteers_browse_open_requests_only(api, volunteer, requests_, closed):
    assert set(found(api, volunteer, q="書道 OR 書き初め")) == {requests_["calligraphy"].id}
    assert found(api, volunteer, q="けん玉", time_band="pm") == [requests_["games"].id]


def test_requesters_search_their_own_organization_only(api, teacher_b, requests_):
    assert found(api, teacher_b, q="書き初め") == []
    assert found(api, teacher_b, q="スマホ") == [requests_["smartphone"].id]


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "2027-13-01"},
        {"date_before": "tomorrow"},
        {"time_band": "noon"},
        {"area": "999999"},
        {"kind_wanted": "wizard"},
    ],
)
def test_bad_filter_values_get_400(api, coordinator, params):
    res = api.as_(coordinator).get("/api/requests/", params)
    assert res.status_code == 400
    assert res.json()["code"] == "invalid"
