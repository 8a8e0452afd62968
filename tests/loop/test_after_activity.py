"""After the activity: not before its day; the volunteer confirms or corrects the hours; a
disagreement reaches the coordinators; the request closes itself when all is done."""

from datetime import date
from decimal import Decimal

import pytest

from common.errors import Conflict, Forbidden, InvalidInput
from matching import services
from matching.models import Match, RequestStatus
from tests import factories
from volunteers.models import ActivityRecord
from volunteers.services import activity_confirm, activity_resolve, match_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(coordinator, school_a, volunteer):
    req = factories.request(school_a, dates=[date(2026, 12, 9)])
    match = services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    return services.match_set_status(actor=coordinator, match=match, status="confirmed")


def test_nothing_is_recorded_before_the_activitys_day(confirmed, teacher_a, clock):
    clock.pin(date(2026, 12, 8))
    with pytest.raises(InvalidInput):
        match_complete(actor=teacher_a, match=confirmed, date=date(2026, 12, 9), hours=2)
    assert Match.objects.get(pk=confirmed.pk).status == "confirmed"
    assert not ActivityRecord.objects.exists()


def test_recording_closes_a_request_whose_matches_are_all_completed(confirmed, teacher_a, clock):
    clock.pin(date(2026, 12, 9))
    record = match_complete(
        actor=teacher_a, match=confirmed, date=date(2026, 12, 9), hours=Decimal("2.0"),
        participants=28, requester_feedback="好評でした", rating=5,
    )  # fmt: skip
    confirmed.request.refresh_from_db()
    assert confirmed.request.status == RequestStatus.CLOSED
    assert (record.participants, record.rating, record.hours_state) == (28, 5, "recorded")


def test_a_request_with_one_of_two_places_done_stays_filled(
    coordinator, school_a, volunteer, other_volunteer, teacher_a, clock
):
    req = factories.request(school_a, dates=[date(2026, 12, 9)], headcount=2)
    matches = []
    for user in (volunteer, other_volunteer):
        m = services.match_propose(actor=coordinator, req=req, profile=user.profile)
        matches.append(services.match_set_status(actor=coordinator, match=m, status="confirmed"))
    clock.pin(date(2026, 12, 9))
    match_complete(actor=teacher_a, match=matches[0], date=date(2026, 12, 9), hours=1)
    req.refresh_from_db()
    assert req.status == RequestStatus.FILLED
    match_complete(actor=teacher_a, match=matches[1], date=date(2026, 12, 9), hours=1)
    req.refresh_from_db()
    assert req.status == RequestStatus.CLOSED


def test_the_volunteer_confirms_the_same_hours(confirmed, teacher_a, volunteer, clock):
    clock.pin(date(2026, 12, 9))
    record = match_complete(actor=teacher_a, match=confirmed, date=date(2026, 12, 9), hours=2)
    record = activity_confirm(
        actor=volunteer, record=record, hours=Decimal("2"), comment="楽しかったです"
    )
    assert (record.hours_state, record.volunteer_feedback) == ("agreed", "楽しかったです")
    with pytest.raises(Conflict):
        activity_confirm(actor=volunteer, record=record, hours=Decimal("3"))


def test_a_correction_goes_to_the_coordinators(
    confirmed, teacher_a, volunteer, coordinator, other_volunteer, clock
):
    from notifications.models import Notification

    clock.pin(date(2026, 12, 9))
    record = match_complete(actor=teacher_a, match=confirmed, date=date(2026, 12, 9), hours=2)
    with pytest.raises(Forbidden):
        activity_confirm(actor=other_volunteer, record=record, hours=Decimal("2"))
    record = activity_confirm(actor=volunteer, record=record, hours=Decimal("3"))
    assert record.hours_state == "disputed"
    assert Notification.objects.filter(kind="activity_disputed", user=coordinator).count() == 1
    with pytest.raises(Forbidden):
        activity_resolve(actor=teacher_a, record=record, hours=Decimal("3"))
    record = activity_resolve(actor=coordinator, record=record, hours=Decimal("2.5"))
    assert (record.hours, record.hours_state) == (Decimal("2.5"), "resolved")


def test_the_coordinators_page_shows_hours_ratings_and_comments(
    client, confirmed, teacher_a, volunteer, coordinator, clock
):
    clock.pin(date(2026, 12, 9))
    record = match_complete(
        actor=teacher_a, match=confirmed, date=date(2026, 12, 9), hours=2, rating=4,
        requester_feedback="子どもたちが喜びました",
    )  # fmt: skip
    activity_confirm(actor=volunteer, record=record, hours=Decimal("3"), comment="準備に1時間")
    client.force_login(coordinator)
    page = client.get("/coord/activities/").content.decode()
    for text in (
        "子どもたちが喜びました",
        "準備に1時間",
        "佐藤 花子",
        "書道のゲストティーチャー",
        "4",
    ):
        assert text in page
    assert "食い違いはありません" not in page
