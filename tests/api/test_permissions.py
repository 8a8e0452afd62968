"""Each role against each endpoint, including who may see contact details."""

from datetime import date

import pytest

from matching import services
from matching.models import Match
from talent.models import Disclosure, Profile
from tests import factories

pytestmark = pytest.mark.django_db

PROFILE = {"kind": "it_volunteer", "display_name": "高橋 健", "skills": "スマホの使い方", "bio": ""}


def profile_of(user):
    return Profile.objects.get(user=user)


# --- who may call what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/profiles/"),
        ("post", "/api/profiles/"),
        ("get", "/api/requests/"),
        ("post", "/api/requests/"),
        ("get", "/api/matches/"),
        ("post", "/api/matches/"),
        ("get", "/api/organizations/"),
        ("post", "/api/organizations/"),
        ("get", "/api/activities/"),
        ("get", "/api/areas/"),
    ],
)
def test_anonymous_callers_get_401_everywhere(api, method, url):
    res = getattr(api.as_(None), method)(url, {}, format="json")
    assert res.status_code == 401
    assert res.json()["code"] == "not_authenticated"


def test_a_bad_token_is_refused(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/profiles/").status_code == 401


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", 201), ("volunteer", 403), ("teacher_a", 403)],
)
def test_only_coordinators_create_organizations(api, request, who, expected):
    user = request.getfixturevalue(who)
    res = api.as_(user).post("/api/organizations/", {"name": "東公民館", "kind": "kominkan"})
    assert res.status_code == expected


def test_a_volunteer_registers_one_own_profile_pending(api, db):
    user = factories.user("volunteer")
    res = api.as_(user).post("/api/profiles/", PROFILE, format="json")
    assert res.status_code == 201
    assert res.json()["status"] == "pending"
    assert Profile.objects.get(pk=res.json()["id"]).user == user
    again = api.as_(user).post("/api/profiles/", PROFILE, format="json")
    assert again.status_code == 409


def test_a_volunteer_cannot_publish_themself(api, db):
    user = factories.user("volunteer")
    res = api.as_(user).post("/api/profiles/", {**PROFILE, "status": "published"}, format="json")
    assert res.status_code == 403
    assert not Profile.objects.exists()


def test_a_coordinator_registers_on_behalf_and_publishes(api, coordinator):
    res = api.as_(coordinator).post(
        "/api/profiles/", {**PROFILE, "status": "published"}, format="json"
    )
    assert res.status_code == 201
    assert res.json()["status"] == "published"
    assert Profile.objects.get(pk=res.json()["id"]).user is None


def test_requesters_cannot_register_profiles(api, teacher_a):
    assert api.as_(teacher_a).post("/api/profiles/", PROFILE, format="json").status_code == 403


def test_a_volunteer_edits_only_their_own_profile(api, volunteer, other_volunteer):
    mine = profile_of(volunteer)
    theirs = profile_of(other_volunteer)
    ok = api.as_(volunteer).patch(f"/api/profiles/{mine.id}/", {"bio": "よろしく"}, format="json")
    assert ok.status_code == 200
    res = api.as_(volunteer).patch(f"/api/profiles/{theirs.id}/", {"bio": "x"}, format="json")
    assert res.status_code == 403
    theirs.refresh_from_db()
    assert theirs.bio != "x"


def test_screening_is_for_coordinators(api, coordinator, volunteer):
    mine = profile_of(volunteer)
    Profile.objects.filter(pk=mine.pk).update(status="pending")
    res = api.as_(volunteer).patch(
        f"/api/profiles/{mine.id}/", {"status": "published"}, format="json"
    )
    assert res.status_code == 403
    res = api.as_(coordinator).patch(
        f"/api/profiles/{mine.id}/", {"status": "published"}, format="json"
    )
    assert res.status_code == 200
    assert res.json()["status"] == "published"


def test_sending_back_needs_a_reason(api, coordinator, volunteer):
    mine = profile_of(volunteer)
    Profile.objects.filter(pk=mine.pk).update(status="pending")
    url = f"/api/profiles/{mine.id}/"
    assert api.as_(coordinator).patch(url, {"status": "draft"}, format="json").status_code == 400
    res = api.as_(coordinator).patch(
        url, {"status": "draft", "note": "自己紹介を書いてください"}, format="json"
    )
    assert res.status_code == 200
    assert res.json()["screening_note"] == "自己紹介を書いてください"


# --- who sees which profiles and which fields -------------------------------------------------


def test_non_coordinators_see_only_published_profiles(api, volunteer, teacher_a, coordinator):
    hidden = factories.profile(status="pending", display_name="未公開 さん")
    for user, should_see in ((coordinator, True), (volunteer, False), (teacher_a, False)):
        ids = [p["id"] for p in api.as_(user).get("/api/profiles/").json()["results"]]
        assert (hidden.id in ids) is should_see
        res = api.as_(user).get(f"/api/profiles/{hidden.id}/")
        assert res.status_code == (200 if should_see else 404)


def test_a_volunteer_sees_their_own_unpublished_profile(api, volunteer):
    mine = profile_of(volunteer)
    Profile.objects.filter(pk=mine.pk).update(status="draft")
    assert api.as_(volunteer).get(f"/api/profiles/{mine.id}/").status_code == 200


@pytest.mark.parametrize("who", ["other_volunteer", "teacher_a", "teacher_b"])
def test_contact_details_never_reach_others(api, request, volunteer, who):
    user = request.getfixturevalue(who)
    target = profile_of(volunteer)
    listing = api.as_(user).get("/api/profiles/").json()["results"]
    row = next(p for p in listing if p["id"] == target.id)
    detail = api.as_(user).get(f"/api/profiles/{target.id}/").json()
    for data in (row, detail):
        assert "phone" not in data and "email" not in data
        assert "090-1111-2222" not in str(data)
    assert not Disclosure.objects.filter(viewer=user).exists()


def test_unconsented_fields_stay_hidden_and_consented_ones_show(api, teacher_a):
    person = factories.profile(
        bio="自己紹介です", experience="書道師範", public_fields=["experience"]
    )
    data = api.as_(teacher_a).get(f"/api/profiles/{person.id}/").json()
    assert data["experience"] == "書道師範"
    assert "bio" not in data


def test_coordinators_see_contact_details_and_each_view_is_recorded(api, coordinator, volunteer):
    target = profile_of(volunteer)
    data = api.as_(coordinator).get(f"/api/profiles/{target.id}/").json()
    assert data["phone"] == "090-1111-2222"
    assert Disclosure.objects.filter(viewer=coordinator, profile_ids=[target.id]).count() == 1


def _confirm(coordinator, school, profile, *, confirm=True):
    req = factories.request(school)
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    if confirm:
        services.match_set_status(actor=coordinator, match=match, status="confirmed")
    return match


def test_the_requester_of_a_confirmed_match_sees_that_contact_only(
    api, coordinator, volunteer, other_volunteer, teacher_a, teacher_b, school_a
):
    target = profile_of(volunteer)
    _confirm(coordinator, school_a, target)
    data = api.as_(teacher_a).get(f"/api/profiles/{target.id}/").json()
    assert data["phone"] == "090-1111-2222"
    assert Disclosure.objects.filter(viewer=teacher_a, profile_ids=[target.id]).exists()
    # Not another volunteer's, and not for another school's teacher.
    other = api.as_(teacher_a).get(f"/api/profiles/{profile_of(other_volunteer).id}/").json()
    assert "phone" not in other
    assert "phone" not in api.as_(teacher_b).get(f"/api/profiles/{target.id}/").json()


def test_a_proposed_but_unconfirmed_match_does_not_reveal_contact(
    api, coordinator, volunteer, teacher_a, school_a
):
    target = profile_of(volunteer)
    match = _confirm(coordinator, school_a, target, confirm=False)
    data = api.as_(teacher_a).get(f"/api/matches/{match.id}/").json()
    assert "phone" not in data["volunteer"]
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    data = api.as_(teacher_a).get(f"/api/matches/{match.id}/").json()
    assert data["volunteer"]["phone"] == "090-1111-2222"


# --- requests ---------------------------------------------------------------------------------

REQUEST = {"title": "読み聞かせ", "description": "朝の読書の時間に絵本を読んでください。"}


def test_a_requester_posts_only_for_their_own_organization(api, teacher_a, school_a, school_b):
    ok = api.as_(teacher_a).post(
        "/api/requests/", {**REQUEST, "organization": school_a.id}, format="json"
    )
    assert ok.status_code == 201
    res = api.as_(teacher_a).post(
        "/api/requests/", {**REQUEST, "organization": school_b.id}, format="json"
    )
    assert res.status_code == 403
    assert school_b.requests.count() == 0


@pytest.mark.parametrize("who", ["volunteer"])
def test_volunteers_cannot_post_requests(api, request, who, school_a):
    user = request.getfixturevalue(who)
    res = api.as_(user).post(
        "/api/requests/", {**REQUEST, "organization": school_a.id}, format="json"
    )
    assert res.status_code == 403


def test_requesters_see_only_their_organizations_requests(api, teacher_a, school_a, school_b):
    mine = factories.request(school_a)
    theirs = factories.request(school_b)
    ids = [r["id"] for r in api.as_(teacher_a).get("/api/requests/").json()["results"]]
    assert mine.id in ids and theirs.id not in ids
    assert api.as_(teacher_a).get(f"/api/requests/{theirs.id}/").status_code == 404
    res = api.as_(teacher_a).patch(f"/api/requests/{theirs.id}/", {"title": "x"}, format="json")
    assert res.status_code == 404


def test_volunteers_see_open_requests_only(api, volunteer, school_a):
    open_ = factories.request(school_a)
    draft = factories.request(school_a, status="draft")
    ids = [r["id"] for r in api.as_(volunteer).get("/api/requests/").json()["results"]]
    assert open_.id in ids and draft.id not in ids


@pytest.mark.parametrize(("who", "expected"), [("volunteer", 403), ("teacher_a", 403)])
def test_only_coordinators_see_candidates(api, request, who, expected, school_a):
    req = factories.request(school_a)
    res = api.as_(request.getfixturevalue(who)).get(f"/api/requests/{req.id}/candidates/")
    assert res.status_code == expected


# --- matches ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["volunteer", "teacher_a"])
def test_only_coordinators_propose(api, request, who, school_a, other_volunteer):
    req = factories.request(school_a)
    body = {"request": req.id, "profile": profile_of(other_volunteer).id}
    res = api.as_(request.getfixturevalue(who)).post("/api/matches/", body, format="json")
    assert res.status_code == 403
    assert not Match.objects.exists()


@pytest.mark.parametrize("who", ["volunteer", "other_volunteer", "teacher_a", "teacher_b"])
def test_only_coordinators_confirm(api, request, who, coordinator, volunteer, school_a):
    match = _confirm(coordinator, school_a, profile_of(volunteer), confirm=False)
    res = api.as_(request.getfixturevalue(who)).post(f"/api/matches/{match.id}/confirm/")
    assert res.status_code == 403
    match.refresh_from_db()
    assert match.status == "proposed"


def test_the_volunteer_answers_their_own_proposal_only(
    api, coordinator, volunteer, other_volunteer, teacher_a, school_a
):
    match = _confirm(coordinator, school_a, profile_of(volunteer), confirm=False)
    assert api.as_(other_volunteer).post(f"/api/matches/{match.id}/accept/").status_code == 404
    assert api.as_(teacher_a).post(f"/api/matches/{match.id}/accept/").status_code == 403
    res = api.as_(volunteer).post(f"/api/matches/{match.id}/accept/")
    assert res.status_code == 200
    assert res.json()["status"] == "accepted"


def test_match_lists_are_scoped(
    api, coordinator, volunteer, other_volunteer, teacher_a, teacher_b, school_a
):
    match = _confirm(coordinator, school_a, profile_of(volunteer), confirm=False)
    for user, sees in (
        (coordinator, True),
        (volunteer, True),
        (teacher_a, True),
        (other_volunteer, False),
        (teacher_b, False),
    ):
        ids = [m["id"] for m in api.as_(user).get("/api/matches/").json()["results"]]
        assert (match.id in ids) is sees


def test_activity_history_is_scoped(
    api, coordinator, volunteer, other_volunteer, teacher_a, teacher_b, school_a, clock
):
    match = _confirm(coordinator, school_a, profile_of(volunteer))
    clock.pin(date(2026, 12, 10))  # the activity (2026-12-09) has happened
    res = api.as_(teacher_a).post(
        f"/api/matches/{match.id}/complete/",
        {
            "date": "2026-12-09",
            "hours": "2.0",
            "requester_feedback": "とても好評でした",
            "rating": 5,
        },
        format="json",
    )
    assert res.status_code == 200, res.json()
    for user, count in (
        (volunteer, 1),
        (teacher_a, 1),
        (coordinator, 1),
        (other_volunteer, 0),
        (teacher_b, 0),
    ):
        assert api.as_(user).get("/api/activities/").json()["count"] == count
