"""Every write endpoint of the API, sent a valid change together with a forbidden one: the
call is refused and the database is exactly as before (one transaction per use case)."""

from datetime import date

import pytest

from matching import services as matching_services
from talent.models import Profile
from tests import factories
from tests.support import snapshot


@pytest.fixture
def own_profile(volunteer):
    return Profile.objects.get(user=volunteer)


def refused(send, url: str, body: dict, status: int, code: str | None = None):
    before = snapshot.database()
    response = send(url, body, format="json")
    assert response.status_code == status, response.json()
    if code:
        assert response.json()["code"] == code
    assert snapshot.database() == before


def test_a_volunteer_patching_skills_and_suspension_saves_neither(api, volunteer, own_profile):
    client = api.as_(volunteer)
    url = f"/api/profiles/{own_profile.pk}/"
    body = {"skills": "陶芸を教えます", "status": "suspended"}
    refused(client.patch, url, body, 403)
    own_profile.refresh_from_db()
    assert (own_profile.skills, own_profile.status) == ("読み聞かせ、絵本", "published")


def test_a_coordinator_patching_skills_and_an_illegal_move_saves_neither(
    api, coordinator, own_profile
):
    client = api.as_(coordinator)
    url = f"/api/profiles/{own_profile.pk}/"
    body = {"skills": "陶芸を教えます", "status": "pending"}  # published -> pending: illegal
    refused(client.patch, url, body, 409, "illegal_transition")


def test_sending_back_without_a_reason_keeps_the_edit_too(api, coordinator, volunteer):
    profile = Profile.objects.get(user=volunteer)
    Profile.objects.filter(pk=profile.pk).update(status="pending")
    client = api.as_(coordinator)
    body = {"bio": "書き直しました", "status": "draft"}
    refused(client.patch, f"/api/profiles/{profile.pk}/", body, 400)


def test_a_volunteer_registering_published_registers_nothing(api, db):
    user = factories.user("volunteer")
    body = {"kind": "instructor", "display_name": "新人", "skills": "将棋", "bio": ""}
    body["status"] = "published"
    refused(api.as_(user).post, "/api/profiles/", body, 403)


def test_a_requester_editing_and_filling_by_hand_saves_neither(api, teacher_a, school_a):
    req = factories.request(school_a)
    body = {"title": "書写の授業（変更）", "status": "filled"}  # only the service fills
    refused(api.as_(teacher_a).patch, f"/api/requests/{req.pk}/", body, 403)


def test_a_requester_editing_and_making_an_illegal_move_saves_neither(api, teacher_a, school_a):
    req = factories.request(school_a, status="draft")
    body = {"headcount": 3, "status": "closed"}  # draft -> closed: illegal
    refused(api.as_(teacher_a).patch, f"/api/requests/{req.pk}/", body, 409, "illegal_transition")


def test_posting_a_request_for_another_organization_creates_nothing(api, teacher_a, school_b):
    body = {"organization": school_b.pk, "title": "読み聞かせ", "description": "朝の読書の時間に"}
    refused(api.as_(teacher_a).post, "/api/requests/", body, 403)


def test_a_requester_creating_an_organization_creates_nothing(api, teacher_a):
    body = {"name": "みどり野市立第三小学校", "kind": "school"}
    refused(api.as_(teacher_a).post, "/api/organizations/", body, 403)


def test_a_duplicate_proposal_is_409_duplicate_and_adds_nothing(
    api, coordinator, own_profile, school_a
):
    req = factories.request(school_a)
    matching_services.match_propose(actor=coordinator, req=req, profile=own_profile)
    body = {"request": req.pk, "profile": own_profile.pk, "note": "もう一度"}
    refused(api.as_(coordinator).post, "/api/matches/", body, 409, "duplicate")


@pytest.mark.parametrize(
    ("action", "who"),
    [
        ("accept", "teacher_a"),  # only the volunteer (or a coordinator) answers
        ("decline", "teacher_a"),
        ("confirm", "volunteer"),  # only coordinators confirm
        ("cancel", "volunteer"),  # a volunteer cancels only once they accepted
    ],
)
def test_a_match_move_by_the_wrong_party_writes_no_note_and_no_move(
    action, who, api, request, coordinator, own_profile, school_a
):
    req = factories.request(school_a)
    match = matching_services.match_propose(actor=coordinator, req=req, profile=own_profile)
    client = api.as_(request.getfixturevalue(who))
    refused(client.post, f"/api/matches/{match.pk}/{action}/", {"note": "よろしく"}, 403)


def test_a_volunteer_completing_records_no_activity(
    api, volunteer, coordinator, own_profile, school_a
):
    req = factories.request(school_a)
    match = matching_services.match_propose(actor=coordinator, req=req, profile=own_profile)
    matching_services.match_set_status(actor=coordinator, match=match, status="confirmed")
    body = {"date": str(date(2026, 12, 9)), "hours": "2.0", "volunteer_feedback": "楽しかった"}
    refused(api.as_(volunteer).post, f"/api/matches/{match.pk}/complete/", body, 403)


def test_a_volunteer_cannot_set_the_city_s_registration_number(api, volunteer):
    Profile.objects.filter(pk=volunteer.profile.pk).update(external_id="M-0001")
    refused(
        api.as_(volunteer).patch,
        f"/api/profiles/{volunteer.profile.pk}/",
        {"skills": "将棋", "external_id": "M-9999"},
        403,
    )
