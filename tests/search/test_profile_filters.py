"""Filters on GET /api/profiles/, alone and combined with the text query."""

import pytest

from tests import factories
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


def listing(api, user, **params):
    return set(ids(api.as_(user).get("/api/profiles/", params)))


def test_kind(api, coordinator, bank):
    assert listing(api, coordinator, kind="instructor") == {
        bank.yamada.id,
        bank.kato.id,
        bank.draft.id,
    }
    assert listing(api, coordinator, kind="instructor", q="書道") == {bank.yamada.id, bank.draft.id}


def test_area(api, coordinator, bank, areas):
    assert listing(api, coordinator, area=areas.kita.id) == {bank.kato.id, bank.sato.id}
    assert listing(api, coordinator, area=areas.kita.id, q="書道") == {bank.sato.id}


def test_fee(api, coordinator, bank):
    assert listing(api, coordinator, fee="honorarium") == {bank.kato.id}
    assert listing(api, coordinator, fee="free", q="子ども") == {bank.yamada.id, bank.sato.id}


def test_slot(api, coordinator, bank):
    assert listing(api, coordinator, slot="wed_pm") == {bank.yamada.id}


def test_weekday_matches_any_band_of_that_day(api, coordinator, bank):
    assert listing(api, coordinator, weekday="wed") == {bank.yamada.id, bank.kato.id}
    assert listing(api, coordinator, weekday="wed", q="英語") == {bank.kato.id}


def test_time_band_matches_any_day_in_that_band(api, coordinator, bank):
    assert listing(api, coordinator, time_band="night") == {bank.ito.id, bank.kato.id}
    assert listing(api, coordinator, time_band="am", weekday="sat") == {bank.ito.id}


def test_status_for_coordinators(api, coordinator, bank):
    assert listing(api, coordinator, status="pending") == {bank.draft.id}
    assert listing(api, coordinator, status="pending", q="書道") == {bank.draft.id}


def test_others_only_ever_find_published_profiles(api, volunteer, bank):
    assert bank.draft.id not in listing(api, volunteer, q="書道")
    assert listing(api, volunteer, status="pending", q="書道") == set()


def test_everything_together(api, coordinator, bank, areas):
    found = listing(
        api, coordinator, q="英語 OR 書道", kind="instructor", area=areas.chuo.id, weekday="wed"
    )
    assert found == {bank.yamada.id, bank.kato.id}


@pytest.mark.parametrize(
    "params",
    [{"weekday": "someday"}, {"time_band": "noon"}, {"weekday": "mon_am"}, {"area": "x"}],
)
def test_unknown_filter_values_get_400(api, coordinator, bank, params):
    res = api.as_(coordinator).get("/api/profiles/", params)
    assert res.status_code == 400
    assert res.json()["code"] == "invalid"


def test_an_area_filter_does_not_repeat_a_profile_of_several_areas(api, coordinator, areas):
    both = factories.profile(skills="書道", areas=[areas.chuo, areas.kita])
    assert ids(
        api.as_(coordinator).get("/api/profiles/", {"q": "書道", "area": areas.kita.id})
    ) == [both.id]
