"""Sorting by a field the viewer cannot see would reveal it: lists come in 五十音順 only by the
readings the viewer may see (talent.privacy.visible_sort)."""

import pytest

from talent.search import profile_search
from talent.selectors import profiles_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    # Created in the reverse of their readings' order; two keep the reading private.
    return {
        "wa": factories.profile(display_name="和田 一", furigana="わだ はじめ", public_fields=[]),
        "na": factories.profile(
            display_name="中村 二", furigana="なかむら じろう", public_fields=[]
        ),
        "ka": factories.profile(
            display_name="加藤 三", furigana="かとう さぶろう", public_fields=["furigana"]
        ),
        "a": factories.profile(
            display_name="青木 四", furigana="あおき しろう", public_fields=["furigana"]
        ),
    }


def _order(people, viewer, text=None):
    names = {p.pk: key for key, p in people.items()}
    qs = profile_search(profiles_visible_to(viewer), text, viewer=viewer)
    return [names[pk] for pk in qs.values_list("pk", flat=True) if pk in names]


def test_coordinators_get_every_reading_in_order(people, coordinator):
    assert _order(people, coordinator) == ["a", "ka", "na", "wa"]


def test_others_get_visible_readings_in_order_then_the_rest_by_id(
    people, other_volunteer, teacher_a
):
    for viewer in (other_volunteer, teacher_a):
        assert _order(people, viewer) == ["a", "ka", "wa", "na"]


def test_search_results_of_equal_rank_follow_the_same_rule(people, other_volunteer):
    # 書道 is in everyone's skills (factories.profile): the same rank, so the order decides.
    assert _order(people, other_volunteer, "書道") == ["a", "ka", "wa", "na"]


def test_the_api_list_follows_the_same_rule(api, people, other_volunteer, coordinator):
    names = {p.pk: key for key, p in people.items()}

    def order(user):
        res = api.as_(user).get("/api/profiles/", {"page_size": 200})
        return [names[r["id"]] for r in res.json()["results"] if r["id"] in names]

    assert order(coordinator) == ["a", "ka", "na", "wa"]
    assert order(other_volunteer) == ["a", "ka", "wa", "na"]
