"""Malformed input gets a 4xx in the one error shape, and nothing is written."""

import json

import pytest

from matching.models import Match, Organization, Request
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

GOOD_PROFILE = {"kind": "instructor", "display_name": "山田", "skills": "書道", "bio": ""}
LONG = "あ" * 5000

PROFILE_CASES = [
    {},
    {"kind": "wizard", "display_name": "山田", "skills": "書道", "bio": ""},
    {**GOOD_PROFILE, "display_name": ""},
    {**GOOD_PROFILE, "display_name": "名" * 101},
    {**GOOD_PROFILE, "skills": LONG},
    {**GOOD_PROFILE, "skills": 12345},
    {**GOOD_PROFILE, "skills": ["書道"]},
    {**GOOD_PROFILE, "skills": None},
    {**GOOD_PROFILE, "skills": "書\x00道"},
    {**GOOD_PROFILE, "email": "not-an-email"},
    {**GOOD_PROFILE, "phone": "call me maybe"},
    {**GOOD_PROFILE, "areas": ["火星地区"]},
    {**GOOD_PROFILE, "areas": 999999},
    {**GOOD_PROFILE, "areas": [{"id": 1}]},
    {**GOOD_PROFILE, "availability": ["mon_noon"]},
    {**GOOD_PROFILE, "availability": "mon_am"},
    {**GOOD_PROFILE, "availability": ["mon_am"] * 30},
    {**GOOD_PROFILE, "fee": "millions"},
    {**GOOD_PROFILE, "public_fields": ["phone"]},
    {**GOOD_PROFILE, "status": "suspended!"},
    {**GOOD_PROFILE, "external_id": "x" * 51},
]


@pytest.mark.parametrize("body", PROFILE_CASES, ids=range(len(PROFILE_CASES)))
def test_bad_profiles_get_400_and_write_nothing(api, coordinator, body):
    res = api.as_(coordinator).post("/api/profiles/", body, format="json")
    assert res.status_code == 400, res.content
    data = res.json()
    assert data["code"] == "invalid"
    assert data["detail"] and data["errors"]
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b'"a string"', "application/json"),
        (b"null", "application/json"),
        (b"\xff\xfe\xfd", "application/json"),
        (b'{"kind": "instructor"' + b" " * 10, "application/json"),
        (b"kind=instructor", "text/plain"),
        (json.dumps({"kind": 1e309}).encode(), "application/json"),
    ],
)
def test_unreadable_bodies_get_4xx(api, coordinator, raw, content_type):
    res = api.as_(coordinator).generic("POST", "/api/profiles/", raw, content_type=content_type)
    assert 400 <= res.status_code < 500
    assert "detail" in res.json()
    assert not Profile.objects.exists()


REQUEST_CASES = [
    {},
    {"organization": 999999, "title": "x", "description": "y"},
    {"organization": "abc", "title": "x", "description": "y"},
    {"organization": None, "title": "x", "description": "y"},
    {"title": "x", "description": "y"},
    {"title": "", "description": "y", "organization": "ORG"},
    {"title": "t" * 201, "description": "y", "organization": "ORG"},
    {"title": "x", "description": LONG, "organization": "ORG"},
    {"title": "x", "description": "y", "organization": "ORG", "headcount": 0},
    {"title": "x", "description": "y", "organization": "ORG", "headcount": -3},
    {"title": "x", "description": "y", "organization": "ORG", "headcount": 10**12},
    {"title": "x", "description": "y", "organization": "ORG", "headcount": "二人"},
    {"title": "x", "description": "y", "organization": "ORG", "dates": ["2026-02-30"]},
    {"title": "x", "description": "y", "organization": "ORG", "dates": "2026-12-01"},
    {"title": "x", "description": "y", "organization": "ORG", "dates": ["0000-00-00"]},
    {"title": "x", "description": "y", "organization": "ORG", "time_band": "midnight"},
    {"title": "x", "description": "y", "organization": "ORG", "audience": ["aliens"]},
    {"title": "x", "description": "y", "organization": "ORG", "kind_wanted": "wizard"},
    {"title": "x", "description": "y", "organization": "ORG", "status": "filled"},
]


@pytest.mark.parametrize("body", REQUEST_CASES, ids=range(len(REQUEST_CASES)))
def test_bad_requests_get_4xx_and_write_nothing(api, coordinator, school_a, body):
    body = {k: (school_a.id if v == "ORG" else v) for k, v in body.items()}
    res = api.as_(coordinator).post("/api/requests/", body, format="json")
    assert res.status_code == 400, res.content
    assert res.json()["errors"] or res.json()["detail"]
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"request": 999999, "profile": 1},
        {"request": "x", "profile": "y"},
        {"request": [1], "profile": {"id": 1}},
    ],
)
def test_bad_matches_get_400(api, coordinator, body):
    assert api.as_(coordinator).post("/api/matches/", body, format="json").status_code == 400
    assert not Match.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": "", "kind": "school"},
        {"name": "x", "kind": "castle"},
        {"name": "x" * 201, "kind": "school"},
        {"name": "x", "kind": "school", "area": "火星地区"},
        {"name": "x", "kind": "school", "email": "nope"},
    ],
)
def test_bad_organizations_get_400(api, coordinator, body):
    assert api.as_(coordinator).post("/api/organizations/", body, format="json").status_code == 400
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"date": "yesterday", "hours": "2"},
        {"date": "2026-12-09", "hours": "0"},
        {"date": "2026-12-09", "hours": "99"},
        {"date": "2026-12-09", "hours": "abc"},
        {"date": "2026-12-09", "hours": "2", "rating": 6},
        {},
    ],
)
def test_bad_completions_get_400_and_leave_the_match_confirmed(api, coordinator, school_a, body):
    from matching import services

    req = factories.request(school_a)
    match = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    res = api.as_(coordinator).post(f"/api/matches/{match.id}/complete/", body, format="json")
    assert res.status_code == 400
    match.refresh_from_db()
    assert match.status == "confirmed"


@pytest.mark.parametrize(
    "url",
    [
        "/api/profiles/999999/",
        "/api/profiles/abc/",
        "/api/requests/999999/",
        "/api/requests/999999/candidates/",
        "/api/matches/999999/",
        "/api/nothing-here/",
        "/api/profiles/?page=999",
        "/api/profiles/?page=abc",
    ],
)
def test_unknown_things_get_a_json_404(api, coordinator, url):
    res = api.as_(coordinator).get(url)
    assert res.status_code == 404
    assert res.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "query",
    [
        "kind=wizard",
        "status=everything",
        "area=abc",
        "area=999999",
        "fee=%ZZ",
        "slot=mon_noon",
        "page_size=-1",
    ],
)
def test_bad_filters_never_500(api, coordinator, query):
    res = api.as_(coordinator).get(f"/api/profiles/?{query}")
    assert res.status_code in (200, 400)


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "100000", "1e3", "10.5"])
def test_bad_candidate_limits_get_400(api, coordinator, school_a, limit):
    req = factories.request(school_a)
    res = api.as_(coordinator).get(f"/api/requests/{req.id}/candidates/?limit={limit}")
    assert res.status_code == 400


def test_an_empty_limit_means_the_default(api, coordinator, school_a):
    req = factories.request(school_a)
    assert api.as_(coordinator).get(f"/api/requests/{req.id}/candidates/?limit=").status_code == 200


def test_profile_phone_numbers_follow_one_rule(api, coordinator):
    body = {"kind": "instructor", "display_name": "山田", "skills": "書道", "bio": ""}
    ok = api.as_(coordinator).post(
        "/api/profiles/", {**body, "phone": "０９０－１２３４－５６７８"}
    )
    assert ok.status_code == 201
    bad = api.as_(coordinator).post("/api/profiles/", {**body, "phone": "090-1234-5678 (夜)"})
    assert bad.status_code == 400
    assert "電話番号" in bad.json()["errors"]["phone"][0]


def test_transition_conflicts_are_409_with_a_message(api, coordinator, school_a):
    from matching import services

    req = factories.request(school_a)
    match = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=match, status="declined")
    res = api.as_(coordinator).post(f"/api/matches/{match.id}/confirm/")
    assert res.status_code == 409
    assert res.json()["code"] == "illegal_transition"
    assert "辞退" in res.json()["detail"]


def test_bad_credentials_get_400(api, coordinator):
    res = api.as_(None).post(
        "/api/auth/token/", {"username": "coordinator", "password": "wrong"}, format="json"
    )
    assert res.status_code == 400
    assert res.json()["code"] == "invalid_credentials"
    assert api.post("/api/auth/token/", {"username": ["x"]}, format="json").status_code == 400
