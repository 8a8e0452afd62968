"""やってみたい: raise a hand, take it back; coordinators see it and propose in one click."""

import pytest
from django.urls import reverse

from common.errors import Conflict, Forbidden
from matching import interest, services
from matching.models import Interest, Match
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_published_volunteer_raises_and_takes_back_a_hand(school_a, volunteer):
    req = factories.request(school_a)
    interest.interest_raise(actor=volunteer, req=req)
    with pytest.raises(Conflict):
        interest.interest_raise(actor=volunteer, req=req)
    interest.interest_withdraw(actor=volunteer, req=req)
    assert not Interest.objects.exists()


def test_others_cannot_raise_hands(school_a, teacher_a, volunteer):
    req = factories.request(school_a)
    with pytest.raises(Forbidden):
        interest.interest_raise(actor=teacher_a, req=req)
    volunteer.profile.status = "pending"
    volunteer.profile.save()
    with pytest.raises(Conflict):
        interest.interest_raise(actor=volunteer, req=req)
    closed = factories.request(school_a, status="draft")
    volunteer.profile.status = "published"
    volunteer.profile.save()
    with pytest.raises(Conflict):
        interest.interest_raise(actor=volunteer, req=closed)
    assert not Interest.objects.exists()


def test_the_volunteer_page_shows_the_public_part_only(client, school_a, volunteer):
    school_a.phone, school_a.email = "0123-45-6789", "office@school.example.jp"
    school_a.save()
    req = factories.request(school_a, day_contact="教務 田中")
    client.force_login(volunteer)
    page = client.get(reverse("volunteer_request", args=[req.pk])).content.decode()
    assert req.title in page
    for hidden in ("0123-45-6789", "office@school.example.jp", "教務 田中"):
        assert hidden not in page
    client.post(reverse("volunteer_request", args=[req.pk]), {"action": "raise"})
    assert Interest.objects.filter(request=req, profile=volunteer.profile).exists()


def test_coordinators_see_raised_hands_and_propose_in_one_click(
    client, school_a, volunteer, coordinator
):
    req = factories.request(school_a)
    interest.interest_raise(actor=volunteer, req=req)
    client.force_login(coordinator)
    page = client.get(reverse("coordinator_request", args=[req.pk])).content.decode()
    assert "「やってみたい」と手を挙げた人" in page and "佐藤 花子" in page
    from web import once

    client.post(
        reverse("coordinator_propose", args=[req.pk]),
        {"profile": volunteer.profile.pk, "once": once.new_token()},
    )
    assert Match.objects.get(request=req).profile == volunteer.profile


def test_a_paused_volunteer_leaves_matching_and_open_proposals_are_withdrawn(
    coordinator, school_a, volunteer
):
    from notifications.models import Notification

    req = factories.request(school_a)
    other = factories.request(school_a, title="別の依頼")
    match = services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    services.volunteer_pause(actor=volunteer, profile=volunteer.profile)
    match.refresh_from_db()
    assert match.status == "cancelled"
    # the coordinators are told the proposal was withdrawn (the volunteer did it themself)
    assert Notification.objects.filter(kind="match_cancelled", user=coordinator).count() == 1
    assert not Notification.objects.filter(kind="match_cancelled", user=volunteer).exists()
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, req=other, profile=volunteer.profile)
    services.volunteer_resume(actor=volunteer, profile=volunteer.profile)
    services.match_propose(actor=coordinator, req=other, profile=volunteer.profile)
