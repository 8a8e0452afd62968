"""No mail carries data its recipient may not see (the per-field privacy table, applied to
mail bodies)."""

import pytest

from matching import services
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE_OF_VOLUNTEER = {
    "email": "secret-hanako@example.jp",
    "phone": "090-9999-0000",
    "furigana": "ひみつ はなこ",
    "experience": "ひみつの経歴",
    "bio": "ひみつの自己紹介",
    "external_id": "CITY-00042",
}


@pytest.fixture
def case(coordinator, teacher_a, school_a):
    teacher_a.email = "teacher@school.example.jp"
    teacher_a.save()
    coordinator.email = "coord@city.example.jp"
    coordinator.save()
    school_a.phone = "0123-45-6789"
    school_a.email = "office@school.example.jp"
    school_a.save()
    profile = factories.profile(public_fields=[], display_name="佐藤 花子", **PRIVATE_OF_VOLUNTEER)
    profile.screening_note = "内部メモ：面談済み"
    profile.save()
    req = factories.request(school_a, day_contact="教務 田中（当日 0123-99-8888）")
    return profile, req


def bodies(**filters):
    return [n.subject + "\n" + n.body for n in Notification.objects.filter(**filters)]


def test_no_mail_to_the_requester_holds_the_volunteers_private_fields(case, coordinator):
    profile, req = case
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.match_set_status(actor=coordinator, match=match, status="accepted")
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    services.match_set_status(actor=coordinator, match=match, status="cancelled", note="")
    texts = bodies(to_email="teacher@school.example.jp")
    assert len(texts) == 2  # confirmed, cancelled
    for text in texts:
        assert "佐藤 花子" in text
        for value in [*PRIVATE_OF_VOLUNTEER.values(), "内部メモ"]:
            assert value not in text


def test_a_proposal_does_not_give_the_volunteer_the_organizations_contact(case, coordinator):
    profile, req = case
    services.match_propose(actor=coordinator, req=req, profile=profile)
    [text] = bodies(kind="match_proposed")
    for value in ("0123-45-6789", "office@school.example.jp", "田中", "0123-99-8888"):
        assert value not in text


def test_the_confirmed_volunteer_learns_the_day_contact(case, coordinator):
    profile, req = case
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    [text] = bodies(kind="match_confirmed_volunteer")
    assert "教務 田中（当日 0123-99-8888）" in text


def test_coordinator_mails_hold_no_volunteer_contact_either(case, coordinator):
    profile, req = case
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.match_set_status(actor=coordinator, match=match, status="accepted")
    for text in bodies(to_email="coord@city.example.jp"):
        for value in ("secret-hanako@example.jp", "090-9999-0000"):
            assert value not in text
