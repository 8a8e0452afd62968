"""Every write form of the pages, sent a valid change together with a forbidden one: the page
refuses (403, or the reason on the page) and the database is exactly as before."""

import pytest
from django.urls import reverse

from accounts.system import SYSTEM
from matching import services as matching_services
from talent.models import Profile
from tests import factories
from tests.support import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_profile(volunteer):
    return Profile.objects.get(user=volunteer)


def refused(client, url: str, data: dict, status: int, *, shows_contact: bool = False):
    """Post ``data`` and check the answer and that nothing changed. ``shows_contact``: the
    refusal re-renders a page with contact data, whose disclosure is recorded as always."""
    client.get("/")  # log-in side effects (last_login) happen before the snapshot
    before = snapshot.database()
    response = client.post(url, data)
    assert response.status_code == status
    after = snapshot.database()
    if shows_contact:
        assert len(after.pop("talent.Disclosure")) == len(before.pop("talent.Disclosure")) + 1
    assert after == before
    return response


def profile_form(token, **over):
    return {
        "kind": "school_support",
        "display_name": "佐藤 花子",
        "skills": "陶芸を教えます",
        "fee": "free",
        "availability": ["tue_am"],
        "once": token,
        **over,
    }


@pytest.mark.parametrize("status", ["suspended", "published"])
def test_editing_and_submitting_a_profile_that_cannot_be_submitted_saves_nothing(
    status, as_user, volunteer, own_profile, token
):
    # suspended / published -> pending is no move of the pipeline: the reason is on the form
    # and the new skills are not saved either.
    Profile.objects.filter(pk=own_profile.pk).update(status=status)
    url = reverse("profile_edit", args=[own_profile.pk])
    response = refused(as_user(volunteer), url, profile_form(token(), action="submit"), 200)
    assert "審査待ち」にはできません" in response.content.decode()


def test_editing_another_volunteers_profile_saves_nothing(
    as_user, other_volunteer, own_profile, token
):
    url = reverse("profile_edit", args=[own_profile.pk])
    refused(as_user(other_volunteer), url, profile_form(token(), action="save"), 403)


def test_sending_back_without_a_reason_changes_nothing(as_user, coordinator, own_profile, token):
    Profile.objects.filter(pk=own_profile.pk).update(status="pending")
    url = reverse("coordinator_profile", args=[own_profile.pk])
    data = {"to": "draft", "note": "", "once": token()}
    refused(as_user(coordinator), url, data, 200, shows_contact=True)


def test_a_paper_registration_with_a_taken_city_number_registers_nothing(
    as_user, coordinator, token
):
    factories.profile(external_id="M-0001")
    data = profile_form(token(), external_id="M-0001", status="published", action="save")
    refused(as_user(coordinator), reverse("coordinator_profile_new"), data, 200)


def test_signing_up_with_a_taken_name_creates_nothing(as_user, volunteer, token):
    data = {
        "username": volunteer.username,
        "password1": "midori-no-2026",
        "password2": "midori-no-2026",
        "terms": "on",
        "once": token(),
    }
    refused(as_user(None), reverse("signup"), data, 200)


def test_a_requester_cannot_register_a_volunteer_profile(as_user, teacher_a, token):
    refused(as_user(teacher_a), reverse("volunteer_profile"), profile_form(token()), 403)


def test_a_volunteer_cannot_post_a_request(as_user, volunteer, token):
    data = {"title": "昔遊び", "description": "お手玉", "headcount": "1", "once": token()}
    refused(as_user(volunteer), reverse("requester_request_new"), data, 403)


def test_a_requester_cannot_move_another_schools_request(as_user, teacher_a, school_b, token):
    theirs = factories.request(school_b)
    url = reverse("request_set_status", args=[theirs.pk])
    refused(as_user(teacher_a), url, {"to": "cancelled", "once": token()}, 404)


def test_a_requester_cannot_make_an_illegal_request_move(as_user, teacher_a, school_a, token):
    draft = factories.request(school_a, status="draft")
    url = reverse("request_set_status", args=[draft.pk])
    refused(as_user(teacher_a), url, {"to": "closed", "once": token()}, 302)


@pytest.fixture
def proposal(coordinator, own_profile, school_a):
    req = factories.request(school_a)
    return matching_services.match_propose(actor=coordinator, req=req, profile=own_profile)


def test_a_volunteer_confirming_with_a_note_writes_nothing(as_user, volunteer, proposal, token):
    url = reverse("match_move", args=[proposal.pk])
    data = {"to": "confirmed", "note": "行けます", "once": token()}
    refused(as_user(volunteer), url, data, 403)


def test_a_volunteer_completing_records_nothing(as_user, volunteer, proposal, token):
    matching_services.match_set_status(actor=SYSTEM, match=proposal, status="confirmed")
    url = reverse("match_complete", args=[proposal.pk])
    data = {"date": "2026-12-09", "hours": "2", "volunteer_feedback": "楽しかった", "once": token()}
    refused(as_user(volunteer), url, data, 403)


@pytest.mark.parametrize("page", ["coordinator_propose", "coordinator_propose_profile"])
def test_proposing_the_same_person_again_adds_nothing(
    page, as_user, coordinator, proposal, own_profile, token
):
    client = as_user(coordinator)
    if page == "coordinator_propose":
        url = reverse(page, args=[proposal.request_id])
        data = {"profile": own_profile.pk, "note": "再提案", "once": token()}
    else:
        url = reverse(page, args=[own_profile.pk])
        data = {"request": proposal.request_id, "note": "再提案", "once": token()}
    response = refused(client, url, data, 302)
    page_after = client.get(response["Location"]).content.decode()
    assert "この人はすでにこの依頼に提案されています。" in page_after


def test_submitting_a_published_profile_again_changes_nothing(as_user, volunteer):
    refused(as_user(volunteer), reverse("volunteer_submit"), {}, 302)


def test_a_requester_cannot_use_the_coordinators_request_form(as_user, teacher_a, school_b, token):
    data = {
        "organization": school_b.pk,
        "title": "昔遊び",
        "description": "お手玉",
        "headcount": "1",
        "once": token(),
    }
    refused(as_user(teacher_a), reverse("coordinator_request_new"), data, 403)


def test_a_volunteer_cannot_type_in_a_paper_registration(as_user, volunteer, token):
    data = profile_form(token(), status="published", action="save")
    refused(as_user(volunteer), reverse("coordinator_profile_new"), data, 403)
