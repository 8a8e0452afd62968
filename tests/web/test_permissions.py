"""Who may open which page: anonymous callers go to the login page, other roles get 403,
and every list shows only what the caller's selectors allow."""

import pytest
from django.urls import reverse

from matching.models import Request
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

VOLUNTEER_PAGES = [
    "volunteer_home",
    "volunteer_profile",
    "volunteer_proposals",
    "volunteer_activities",
]
REQUESTER_PAGES = ["requester_home", "requester_request_new"]
COORDINATOR_PAGES = [
    "coordinator_home",
    "coordinator_screening",
    "coordinator_profile_new",
    "coordinator_requests",
    "coordinator_request_new",
    "coordinator_search",
]
PUBLIC_PAGES = ["home", "guide", "terms", "signup", "login", "password_reset"]


@pytest.fixture
def people(coordinator, volunteer, other_volunteer, teacher_a, teacher_b):
    return {
        "coordinator": coordinator,
        "volunteer": volunteer,
        "requester": teacher_a,
    }


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_it_shows_public_pages_to_anyone(as_user, name):
    response = as_user(None).get(reverse(name))
    assert response.status_code == 200
    assert 'lang="ja"' in response.content.decode()


@pytest.mark.parametrize("name", VOLUNTEER_PAGES + REQUESTER_PAGES + COORDINATOR_PAGES)
def test_it_sends_anonymous_callers_to_the_login_page(as_user, name):
    url = reverse(name)
    response = as_user(None).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    "role, pages",
    [
        ("volunteer", VOLUNTEER_PAGES),
        ("requester", REQUESTER_PAGES),
        ("coordinator", COORDINATOR_PAGES),
    ],
)
def test_it_opens_each_role_its_own_pages(as_user, people, role, pages):
    client = as_user(people[role])
    for name in pages:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    "role, pages",
    [
        ("volunteer", REQUESTER_PAGES + COORDINATOR_PAGES),
        ("requester", VOLUNTEER_PAGES + COORDINATOR_PAGES),
        ("coordinator", VOLUNTEER_PAGES + REQUESTER_PAGES),
    ],
)
def test_it_refuses_other_roles_pages_with_403(as_user, people, role, pages):
    client = as_user(people[role])
    for name in pages:
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "この画面は開けません" in response.content.decode()


def test_it_sends_a_logged_in_person_from_the_top_page_to_their_own(as_user, people):
    assert as_user(people["volunteer"]).get("/")["Location"] == reverse("volunteer_home")
    assert as_user(people["requester"]).get("/")["Location"] == reverse("requester_home")
    assert as_user(people["coordinator"]).get("/")["Location"] == reverse("coordinator_home")


def test_a_volunteer_cannot_open_another_volunteers_profile_editor(
    as_user, volunteer, other_volunteer
):
    others = Profile.objects.get(user=other_volunteer)
    response = as_user(volunteer).get(reverse("profile_edit", args=[others.pk]))
    assert response.status_code == 403
    response = as_user(volunteer).post(
        reverse("profile_edit", args=[others.pk]), {"display_name": "乗っ取り"}
    )
    assert response.status_code == 403
    others.refresh_from_db()
    assert others.display_name == "鈴木 一郎"


def test_a_volunteer_opens_their_own_editor_and_a_coordinator_anyone(
    as_user, volunteer, coordinator
):
    own = Profile.objects.get(user=volunteer)
    assert as_user(volunteer).get(reverse("profile_edit", args=[own.pk])).status_code == 200
    assert as_user(coordinator).get(reverse("profile_edit", args=[own.pk])).status_code == 200


def test_a_volunteer_cannot_see_a_coordinators_view_of_a_profile(as_user, volunteer):
    own = Profile.objects.get(user=volunteer)
    assert as_user(volunteer).get(reverse("coordinator_profile", args=[own.pk])).status_code == 403


def test_a_requester_sees_only_its_organizations_requests(
    as_user, teacher_a, teacher_b, school_a, school_b
):
    mine = factories.request(school_a, title="第一小の書写の授業")
    theirs = factories.request(school_b, title="第二小の読み聞かせ")
    page = as_user(teacher_a).get(reverse("requester_home")).content.decode()
    assert mine.title in page
    assert theirs.title not in page
    assert as_user(teacher_a).get(reverse("requester_request", args=[mine.pk])).status_code == 200
    assert as_user(teacher_a).get(reverse("requester_request", args=[theirs.pk])).status_code == 404


def test_a_requester_cannot_change_another_organizations_request(
    as_user, teacher_a, school_b, token
):
    theirs = factories.request(school_b)
    response = as_user(teacher_a).post(
        reverse("request_set_status", args=[theirs.pk]), {"to": "cancelled", "once": token()}
    )
    assert response.status_code == 404
    assert Request.objects.get(pk=theirs.pk).status == "open"


def test_only_coordinators_open_a_request_with_its_candidates(as_user, teacher_a, school_a):
    req = factories.request(school_a)
    assert as_user(teacher_a).get(reverse("coordinator_request", args=[req.pk])).status_code == 403


def test_a_volunteer_cannot_move_someone_elses_match(as_user, other_volunteer, school_a):
    profile = factories.profile()
    match = _propose(factories.request(school_a), profile)
    response = as_user(other_volunteer).post(
        reverse("match_move", args=[match.pk]), {"to": "accepted", "once": "x" * 20}
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.status == "proposed"


def test_a_volunteer_cannot_propose(as_user, volunteer, school_a, token):
    req = factories.request(school_a)
    profile = factories.profile()
    response = as_user(volunteer).post(
        reverse("coordinator_propose", args=[req.pk]), {"profile": profile.pk, "once": token()}
    )
    assert response.status_code == 403
    assert not req.matches.exists()


def _propose(req, profile):
    from accounts.system import SYSTEM
    from matching.services import match_propose

    return match_propose(actor=SYSTEM, req=req, profile=profile)
