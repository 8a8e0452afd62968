"""Every field of a profile, for every role and relation, through every API endpoint that shows
profiles: exactly the fields of the table in tests/support/privacy_world.py arrive, and no
planted value of a hidden field appears anywhere in the response."""

import json

import pytest

from talent.models import Disclosure
from tests.support.privacy_world import CASES, EVERY_FIELD, EXPECTED, PLANTED, build, viewer_of

pytestmark = pytest.mark.django_db

LABELS = {"kind_label": "kind", "status_label": "status"}
# The words a search finds each planted text field by.
SEARCH_WORDS = {
    "private": {
        "display_name": "植田",
        "furigana": "うえだ",
        "skills": "手話",
        "experience": "看護師",
        "bio": "通院",
    },
    "public": {
        "display_name": "大森",
        "furigana": "おおもり",
        "skills": "天体観測",
        "experience": "解説員",
        "bio": "星座",
    },
}


@pytest.fixture
def world(db):
    return build()


# The profile fields the API's profile shape has (it never had published_at).
API_FIELDS = EVERY_FIELD - {"published_at"}


def _keys(expected: set[str]) -> set[str]:
    """The JSON keys of a profile with ``expected`` fields: the fields and their labels."""
    expected = expected & API_FIELDS
    return expected | {label for label, field in LABELS.items() if field in expected}


def _assert_planted(text: str, subject: str, expected: set[str]) -> None:
    for name, value in PLANTED[subject].items():
        assert (value in text) is (name in expected), (name, value)


def _get(api, world, subject, relation, url, params=None):
    return api.as_(viewer_of(world, subject, relation)).get(url, params or {})


def _profile_detail(api, world, relation, subject):
    profile = world.subjects[subject]
    res = _get(api, world, subject, relation, f"/api/profiles/{profile.pk}/")
    expected = EXPECTED[relation][subject]
    if relation == "anonymous":
        assert res.status_code in (401, 403)
    else:
        assert res.status_code == 200
        assert set(res.json()) == _keys(expected)
    _assert_planted(res.content.decode(), subject, expected)


def _profile_list(api, world, relation, subject):
    profile = world.subjects[subject]
    res = _get(api, world, subject, relation, "/api/profiles/", {"page_size": 200})
    expected = EXPECTED[relation][subject]
    if relation == "anonymous":
        assert res.status_code in (401, 403)
    else:
        [row] = [r for r in res.json()["results"] if r["id"] == profile.pk]
        assert set(row) == _keys(expected)
    _assert_planted(res.content.decode(), subject, expected)


def _profile_search_result(api, world, relation, subject):
    profile = world.subjects[subject]
    res = _get(
        api, world, subject, relation, "/api/profiles/", {"q": SEARCH_WORDS[subject]["skills"]}
    )
    expected = EXPECTED[relation][subject]
    if relation == "anonymous":
        assert res.status_code in (401, 403)
    else:
        [row] = res.json()["results"]
        assert row["id"] == profile.pk
        assert set(row) == _keys(expected) | {"snippet"}
    _assert_planted(res.content.decode(), subject, expected)


def _found_by(api, world, relation, subject):
    """A profile is found by exactly the fields the viewer may see."""
    if relation == "anonymous":
        return
    profile = world.subjects[subject]
    expected = EXPECTED[relation][subject]
    for field_name, word in SEARCH_WORDS[subject].items():
        res = _get(api, world, subject, relation, "/api/profiles/", {"q": word})
        found = [r["id"] for r in res.json()["results"]]
        assert (found == [profile.pk]) is (field_name in expected), (field_name, found)


# Who sees the subject's matches at all (the list is scoped to the caller's own).
SEES_MATCHES = {
    "anonymous": 0,
    "coordinator": 4,
    "self": 4,
    "other_volunteer": 0,
    "requester_none": 0,
    "requester_proposed": 1,
    "requester_confirmed": 1,
    "requester_completed": 1,
    "requester_other_org": 0,
    "requester_cancelled": 1,
}


def _match_list(api, world, relation, subject):
    profile = world.subjects[subject]
    res = _get(api, world, subject, relation, "/api/matches/", {"page_size": 200})
    expected = EXPECTED[relation][subject]
    if relation == "anonymous":
        assert res.status_code in (401, 403)
        text = res.content.decode()
    else:
        rows = [r for r in res.json()["results"] if r["profile"] == profile.pk]
        assert len(rows) == SEES_MATCHES[relation]
        for row in rows:
            assert set(row["volunteer"]) == _keys(expected)
        text = json.dumps(rows, ensure_ascii=False)
        if not rows:
            text = res.content.decode()
            expected = set()
    _assert_planted(text, subject, expected)


def _match_detail(api, world, relation, subject):
    own = {
        "requester_proposed",
        "requester_confirmed",
        "requester_completed",
        "requester_cancelled",
    }
    key = relation if relation in own else "requester_confirmed"
    match = world.matches[subject, key]
    res = _get(api, world, subject, relation, f"/api/matches/{match.pk}/")
    expected = EXPECTED[relation][subject]
    if relation == "anonymous":
        assert res.status_code in (401, 403)
    elif relation in own or relation in ("coordinator", "self"):
        assert res.status_code == 200
        assert set(res.json()["volunteer"]) == _keys(expected)
    else:
        assert res.status_code == 404
        expected = set()
    _assert_planted(res.content.decode(), subject, expected)


# Who sees the subject's activity record, and so its volunteer's name.
SEES_ACTIVITY = {"coordinator", "self", "requester_completed"}


def _activities(api, world, relation, subject):
    profile = world.subjects[subject]
    res = _get(api, world, subject, relation, "/api/activities/", {"page_size": 200})
    if relation == "anonymous":
        assert res.status_code in (401, 403)
        shown = set()
    else:
        rows = [r for r in res.json()["results"] if r["profile"] == profile.pk]
        assert len(rows) == (1 if relation in SEES_ACTIVITY else 0)
        for row in rows:
            assert row["volunteer_name"] == PLANTED[subject]["display_name"]
        shown = {"display_name"} if rows else set()
    _assert_planted(res.content.decode(), subject, shown)


ENDPOINTS = [
    _profile_detail,
    _profile_list,
    _profile_search_result,
    _found_by,
    _match_list,
    _match_detail,
    _activities,
]


@pytest.mark.parametrize(("relation", "subject"), CASES)
def test_fields_per_relation_on_every_endpoint(api, world, relation, subject):
    # One world per case, every endpoint checked against it (building it is the slow part).
    for check in ENDPOINTS:
        try:
            check(api, world, relation, subject)
        except AssertionError as exc:
            raise AssertionError(f"{check.__name__}: {exc}") from exc


# -- the audit of what the API discloses ------------------------------------------------------


def test_the_match_list_records_the_contact_it_shows(api, world):
    """It used to hand a requester the phone number without a record."""
    teacher = world.viewers["requester_confirmed"]
    res = api.as_(teacher).get("/api/matches/")
    phones = {r["volunteer"].get("phone") for r in res.json()["results"]}
    assert phones == {PLANTED["private"]["phone"], PLANTED["public"]["phone"]}
    row = Disclosure.objects.get()
    assert row.viewer == teacher
    assert row.channel == "api"
    assert row.profile_ids == sorted(p.pk for p in world.subjects.values())
    assert row.fields == ["email", "phone"]


def test_a_coordinators_profile_list_is_one_disclosure_row(api, world):
    coordinator = world.viewers["coordinator"]
    api.as_(coordinator).get("/api/profiles/", {"page_size": 200})
    row = Disclosure.objects.get()
    assert row.viewer == coordinator
    # both subjects and the other volunteer, in one row
    assert len(row.profile_ids) == 3
    assert {p.pk for p in world.subjects.values()} <= set(row.profile_ids)


def test_the_confirmed_requester_never_gets_unconsented_or_internal_fields(api, world):
    """The API used to show a confirmed requester the unconsented 自己紹介, the screening note
    and the city's registration number."""
    teacher = world.viewers["requester_confirmed"]
    profile = world.subjects["private"]
    for url in (f"/api/profiles/{profile.pk}/", "/api/matches/", "/api/profiles/"):
        text = api.as_(teacher).get(url).content.decode()
        assert PLANTED["private"]["phone"] in text
        for hidden in ("bio", "experience", "furigana", "screening_note", "external_id"):
            assert PLANTED["private"][hidden] not in text, (url, hidden)
