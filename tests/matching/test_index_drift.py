"""The process's index is rebuilt when the tables have drifted from what it learnt IDF and
the generic words from: more than a fifth of a side's rows, and at least 50, written since."""

import pytest

from matching.index_cache import profile_cache
from tests import factories


def call(api, coordinator, req):
    res = api.as_(coordinator).get(f"/api/requests/{req.pk}/candidates/")
    assert res.status_code == 200
    stats = profile_cache.fresh().stats()
    return stats["main_rows"], stats["delta_rows"]


@pytest.mark.django_db(transaction=True)
def test_the_index_is_rebuilt_once_a_fifth_of_a_side_has_been_written(api, coordinator, school_a):
    for i in range(10):
        factories.profile(skills=f"書道の講座 {i}", availability=[])
    req = factories.request(school_a, title="書道", dates=[], time_band="")
    assert call(api, coordinator, req) == (10, 0)  # built: every row in the main segment
    assert profile_cache.built_rows == (10, 1)

    for i in range(5):
        factories.profile(skills=f"陶芸 {i}", availability=[])
    # 5 written since the build: under 50, so they wait in the delta segment.
    assert call(api, coordinator, req) == (10, 5)

    for i in range(46):
        factories.profile(skills=f"陶芸 {i}", availability=[])
    # 51 written since the build (more than 50 and than a fifth of 10): rebuilt.
    assert call(api, coordinator, req) == (61, 0)
    assert profile_cache.built_rows == (61, 1)

    for i in range(51):
        factories.request(school_a, title=f"陶芸の体験 {i}", dates=[], time_band="")
    # The asking side drifted (51 requests written against 1 at the build): rebuilt, so the
    # words every request now uses are learnt as generic.
    call(api, coordinator, req)
    assert profile_cache.built_rows == (61, 52)


@pytest.mark.django_db(transaction=True)
def test_a_large_index_takes_a_fifth_of_its_rows_before_a_rebuild(api, coordinator, school_a):
    for i in range(300):
        factories.profile(skills=f"書道の講座 {i}", availability=[])
    req = factories.request(school_a, title="書道", dates=[], time_band="")
    assert call(api, coordinator, req) == (300, 0)
    for i in range(60):
        factories.profile(skills=f"陶芸 {i}", availability=[])
    # 60 written: over 50 but not over a fifth of 300 (60): still the delta.
    assert call(api, coordinator, req) == (300, 60)
    factories.profile(skills="陶芸", availability=[])
    assert call(api, coordinator, req) == (361, 0)
