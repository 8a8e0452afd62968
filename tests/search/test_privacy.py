"""Search never reveals what a caller may not see: a field a volunteer did not consent to
publish can neither be found nor appear in a snippet (talent.privacy)."""

import pytest

from accounts.system import SYSTEM
from matching import services as matching_services
from talent import services
from talent.models import Profile
from tests import factories
from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(db):
    return factories.profile(
        display_name="木村 静香",
        furigana="きむら しずか",
        skills="折り紙",
        experience="看護師免許",
        bio="持病の通院で木曜は休みます。",
        public_fields=[],
    )


def find(api, user, query):
    return ids(api.as_(user).get("/api/profiles/", {"q": query}))


def test_coordinators_search_every_field(api, coordinator, private):
    assert find(api, coordinator, "看護師") == [private.id]
    assert find(api, coordinator, "通院") == [private.id]


def test_others_cannot_find_a_profile_by_a_private_field(api, volunteer, teacher_a, private):
    for user in (volunteer, teacher_a):
        assert find(api, user, "折り紙") == [private.id]
        assert find(api, user, "看護師") == []
        assert find(api, user, "通院") == []
        assert find(api, user, "折り紙 通院") == []
        assert find(api, user, "通院 OR 看護師") == []


def test_a_private_reading_is_not_searchable_by_others(api, volunteer, coordinator, private):
    assert find(api, coordinator, "しずか") == [private.id]
    assert find(api, volunteer, "しずか") == []
    assert find(api, volunteer, "キムラ") == []
    assert find(api, volunteer, "木村") == [private.id]
    services.profile_edit(actor=SYSTEM, profile=private, data={"public_fields": ["furigana"]})
    assert find(api, volunteer, "しずか") == [private.id]


def test_an_exclusion_does_not_reveal_a_private_field_either(api, volunteer, private):
    assert find(api, volunteer, "折り紙 -通院") == [private.id]
    assert private.id in find(api, volunteer, "-通院")


def test_consented_fields_are_searchable(api, volunteer, private):
    services.profile_edit(actor=SYSTEM, profile=private, data={"public_fields": ["experience"]})
    assert find(api, volunteer, "看護師") == [private.id]
    assert find(api, volunteer, "通院") == []


def test_a_volunteer_searches_all_of_their_own_profile(api, volunteer):
    own = Profile.objects.get(user=volunteer)
    services.profile_edit(
        actor=volunteer, profile=own, data={"bio": "腰痛があります", "public_fields": []}
    )
    assert find(api, volunteer, "腰痛") == [own.id]


def test_a_confirmed_requester_searches_only_what_the_volunteer_consented_to_show(
    api, coordinator, teacher_a, school_a, private
):
    # Sign-up promises that unticked items are seen by coordinators only: a confirmed match
    # opens the contact data to the school, not the unconsented text.
    req = factories.request(school_a)
    match = matching_services.match_propose(actor=coordinator, req=req, profile=private)
    matching_services.match_set_status(actor=coordinator, match=match, status="confirmed")
    assert find(api, teacher_a, "折り紙") == [private.id]
    assert find(api, teacher_a, "通院") == []
    assert find(api, teacher_a, "看護師") == []
    assert find(api, teacher_a, "しずか") == []
    services.profile_edit(actor=SYSTEM, profile=private, data={"public_fields": ["bio"]})
    assert find(api, teacher_a, "通院") == [private.id]


def test_snippets_come_only_from_fields_the_caller_may_see(api, volunteer, coordinator, private):
    res = api.as_(volunteer).get("/api/profiles/", {"q": "折り紙"})
    snippet = res.json()["results"][0]["snippet"]
    assert snippet["field"] == "skills"
    assert "通院" not in snippet["text"]
    res = api.as_(coordinator).get("/api/profiles/", {"q": "通院"})
    assert res.json()["results"][0]["snippet"]["field"] == "bio"
