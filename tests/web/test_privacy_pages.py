"""Every planted profile value, for every role and relation, on every page that shows
profiles: the HTML contains exactly the values of the table below (written out by hand)."""

import pytest
from django.urls import reverse

from talent.models import Disclosure, Profile
from tests.support.privacy_world import CASES, PLANTED, build, viewer_of

pytestmark = pytest.mark.django_db

ALL_TEXT = {
    "display_name", "furigana", "skills", "experience", "bio", "email", "phone",
    "screening_note", "external_id",
}  # fmt: skip
# The person list of a requester's request page: name, reading, kind, skills, experience and
# contact — of the people coming (confirmed or completed) only.
REQUESTER_PAGE_CONFIRMED = {
    "private": {"display_name", "skills", "email", "phone"},
    "public": {"display_name", "furigana", "skills", "experience", "email", "phone"},
}
# The profile form shows what its editor may change (a published profile: no send-back note).
EDIT_FORM = {"display_name", "furigana", "skills", "experience", "bio", "email", "phone"}

# page -> relation -> subject -> the planted fields the page shows. A relation not listed
# sees none of them (a 403 / 404 page or the login page).
PAGES = {
    "requester_request": {
        "requester_confirmed": REQUESTER_PAGE_CONFIRMED,
        "requester_completed": REQUESTER_PAGE_CONFIRMED,
        "requester_proposed": {"private": set(), "public": set()},
        "requester_cancelled": {"private": set(), "public": set()},
    },
    "coordinator_profile": {
        "coordinator": {"private": ALL_TEXT, "public": ALL_TEXT},
    },
    "coordinator_request": {
        "coordinator": {
            "private": {"display_name", "phone"},
            "public": {"display_name", "phone"},
        },
    },
    "coordinator_search": {
        "coordinator": {
            "private": {"display_name", "furigana", "skills"},
            "public": {"display_name", "furigana", "skills"},
        },
    },
    "profile_edit": {
        "coordinator": {"private": EDIT_FORM, "public": EDIT_FORM},
        "self": {"private": EDIT_FORM, "public": EDIT_FORM},
    },
    "volunteer_home": {  # each volunteer's own home page
        "self": {"private": {"display_name"}, "public": {"display_name"}},
        "other_volunteer": {"private": set(), "public": set()},
    },
}
# The status each page answers with when the relation may not open it.
REFUSED = {"anonymous": 302}


@pytest.fixture
def world(db):
    return build()


def _url(world, page: str, relation: str, subject: str) -> str:
    profile = world.subjects[subject]
    mine = ("requester_proposed", "requester_confirmed", "requester_completed")
    if page == "requester_request":
        key = relation if relation in (*mine, "requester_cancelled") else "requester_confirmed"
        return reverse("requester_request", args=[world.requests[subject, key].pk])
    if page == "coordinator_request":
        return reverse(
            "coordinator_request", args=[world.requests[subject, "requester_confirmed"].pk]
        )
    if page == "coordinator_search":
        # by the surname: a search by a skill would mark the word inside the skills text
        return reverse("coordinator_search") + "?q=" + PLANTED[subject]["display_name"][:2]
    if page in ("coordinator_profile", "profile_edit"):
        return reverse(page, args=[profile.pk])
    return reverse(page)


def _client(client_factory, world, subject, relation):
    return client_factory(viewer_of(world, subject, relation))


@pytest.mark.parametrize(("relation", "subject"), CASES)
def test_every_page_shows_exactly_the_allowed_values(as_user, world, relation, subject):
    client = _client(as_user, world, subject, relation)
    for page, allowed in PAGES.items():
        res = client.get(_url(world, page, relation, subject))
        expected = allowed.get(relation, {}).get(subject, set())
        if relation in allowed:
            assert res.status_code == 200, page
        else:
            assert res.status_code in (REFUSED.get(relation, 403), 404), (page, res.status_code)
        html = res.content.decode()
        for name, value in PLANTED[subject].items():
            assert (value in html) is (name in expected), (page, name, value)


def test_the_send_back_reason_reaches_the_volunteer_and_coordinators_only(as_user, world):
    profile = world.subjects["private"]
    Profile.objects.filter(pk=profile.pk).update(status="draft")
    note = PLANTED["private"]["screening_note"]
    owner = world.owners["private"]
    assert note in as_user(owner).get(reverse("volunteer_home")).content.decode()
    assert note in as_user(owner).get(reverse("profile_edit", args=[profile.pk])).content.decode()
    coordinator = as_user(world.viewers["coordinator"])
    assert (
        note in coordinator.get(reverse("coordinator_profile", args=[profile.pk])).content.decode()
    )
    teacher = as_user(world.viewers["requester_confirmed"])
    page = teacher.get(
        reverse("requester_request", args=[world.requests["private", "requester_confirmed"].pk])
    )
    assert note not in page.content.decode()


def test_the_confirmed_requesters_page_follows_consent(as_user, world):
    """The page showed an unconsented 経験・資格 and ふりがな to the confirmed requester."""
    teacher = as_user(world.viewers["requester_confirmed"])
    html = teacher.get(
        reverse("requester_request", args=[world.requests["private", "requester_confirmed"].pk])
    ).content.decode()
    assert PLANTED["private"]["phone"] in html
    for hidden in ("furigana", "experience", "bio", "screening_note", "external_id"):
        assert PLANTED["private"][hidden] not in html


def test_pages_record_one_row_per_page_of_contact_data(as_user, world):
    coordinator = world.viewers["coordinator"]
    client = as_user(coordinator)
    client.get(reverse("coordinator_search"), {"q": "手話"})
    assert not Disclosure.objects.exists()  # the result list shows no contact data
    client.get(reverse("coordinator_profile", args=[world.subjects["private"].pk]))
    row = Disclosure.objects.get()
    assert (row.viewer, row.channel, row.profile_ids) == (
        coordinator,
        "web",
        [world.subjects["private"].pk],
    )
    assert row.fields == ["email", "phone"]
    client.get(
        reverse("coordinator_request", args=[world.requests["public", "requester_confirmed"].pk])
    )
    latest = Disclosure.objects.order_by("-id").first()
    assert latest.fields == ["phone"]  # the request page shows the phone only
