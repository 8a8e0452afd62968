"""Exactly one mail per event, to the right people (hand-written expectations per event)."""

from datetime import date

import pytest

from accounts.system import SYSTEM
from matching import services
from notifications.models import Notification
from talent import services as talent_services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(coordinator, volunteer, teacher_a, school_a):
    coordinator.email = "coord@city.example.jp"
    coordinator.save()
    teacher_a.email = "teacher@school.example.jp"
    teacher_a.save()
    factories.user("coordinator", username="coord2")  # a coordinator without e-mail
    req = factories.request(school_a, day_contact="教務 田中 0123-99-8888")
    return {"req": req, "profile": volunteer.profile}


def addresses(by_to):
    return {to: len(msgs) for to, msgs in by_to.items()}


def test_a_proposal_mails_only_the_volunteer_with_an_answer_link(people, coordinator, sent):
    services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    by_to = sent()
    assert addresses(by_to) == {"hanako@example.jp": 1}
    msg = by_to["hanako@example.jp"][0]
    assert msg.subject == "【つなぐ】依頼のご提案「書道のゲストティーチャー」"
    assert "https://tsunagu.example.jp/answer/" in msg.body
    assert "2026年12月9日(水)" in msg.body


def test_accept_and_decline_mail_the_coordinators_with_an_address(
    people, coordinator, volunteer, sent
):
    match = services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    sent()
    services.match_set_status(actor=volunteer, match=match, status="accepted")
    assert addresses(sent()) == {"coord@city.example.jp": 1}
    # the coordinator without an address still sees it on the お知らせ page
    assert Notification.objects.filter(kind="match_accepted", channel="page").count() == 1


def test_a_decline_mails_the_coordinators(people, coordinator, volunteer, sent):
    match = services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    sent()
    services.match_set_status(actor=volunteer, match=match, status="declined")
    by_to = sent()
    assert addresses(by_to) == {"coord@city.example.jp": 1}
    assert "辞退" in by_to["coord@city.example.jp"][0].subject


def test_confirming_mails_the_volunteer_and_the_requester_once_each(people, coordinator, sent):
    match = services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    sent()
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    assert addresses(sent()) == {"hanako@example.jp": 1, "teacher@school.example.jp": 1}


def test_cancelling_a_confirmed_match_tells_everyone_else_involved(
    people, coordinator, teacher_a, sent
):
    match = services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    sent()
    services.match_set_status(
        actor=teacher_a, match=match, status="cancelled", note="学級閉鎖のため"
    )
    by_to = sent()
    # the teacher cancelled: the volunteer and the coordinator are told, not the teacher
    assert addresses(by_to) == {"hanako@example.jp": 1, "coord@city.example.jp": 1}
    assert "学級閉鎖のため" in by_to["hanako@example.jp"][0].body


def test_recording_the_activity_asks_the_volunteer_to_confirm_hours(
    people, coordinator, teacher_a, sent, clock
):
    from volunteers.services import match_complete

    match = services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    sent()
    clock.pin(date(2026, 12, 9))
    record = match_complete(actor=teacher_a, match=match, date=date(2026, 12, 9), hours=2)
    by_to = sent()
    assert addresses(by_to) == {"hanako@example.jp": 1}
    assert f"/me/activities/{record.pk}/confirm/" in by_to["hanako@example.jp"][0].body


def test_screening_mails_received_published_and_sent_back_with_the_reason(coordinator, sent):
    profile = factories.profile(status="draft", email="new@example.jp")
    talent_services.profile_set_status(actor=SYSTEM, profile=profile, status="pending")
    assert [m.subject for m in sent()["new@example.jp"]] == ["【つなぐ】ご登録を受け付けました"]
    talent_services.profile_set_status(
        actor=coordinator, profile=profile, status="draft", note="活動できる地区を教えてください。"
    )
    msgs = sent()["new@example.jp"]
    assert len(msgs) == 1 and "活動できる地区を教えてください。" in msgs[0].body
    talent_services.profile_set_status(actor=SYSTEM, profile=profile, status="pending")
    sent()
    talent_services.profile_set_status(actor=coordinator, profile=profile, status="published")
    assert [m.subject for m in sent()["new@example.jp"]] == ["【つなぐ】ご登録が公開されました"]


def test_a_paper_registrant_without_email_goes_on_the_phone_list(coordinator, school_a, sent):
    from notifications.outbox import phone_list

    paper = factories.profile(email="", phone="0123-11-2222", display_name="紙山 登録")
    req = factories.request(school_a)
    services.match_propose(actor=coordinator, req=req, profile=paper)
    assert sent() == {}
    calls = list(phone_list())
    assert [(n.to_name, n.to_phone, n.kind) for n in calls] == [
        ("紙山 登録", "0123-11-2222", "match_proposed")
    ]


def test_email_off_keeps_the_notice_on_the_page_only(people, coordinator, volunteer, sent):
    from notifications.services import preference_set

    preference_set(user=volunteer, email_enabled=False)
    services.match_propose(actor=coordinator, req=people["req"], profile=people["profile"])
    assert sent() == {}
    assert Notification.objects.get(user=volunteer).channel == "page"


def test_mail_dates_read_in_japanese(people, coordinator, sent):
    req = factories.request(people["req"].organization, dates=[date(2027, 1, 20)])
    services.match_propose(actor=coordinator, req=req, profile=people["profile"])
    assert "2027年1月20日(水)" in sent()["hanako@example.jp"][0].body


def test_the_renewal_request_mails_the_volunteer_once_per_year(volunteer, sent):
    from io import StringIO

    from django.core.management import call_command

    from talent.models import Profile

    profile = volunteer.profile
    Profile.objects.filter(pk=profile.pk).update(valid_fiscal_year=2026, email="hanako@example.jp")

    def rollover(today):
        call_command("fiscal_year_rollover", "--today", today, stdout=StringIO())

    rollover("2027-01-31")  # renewal not open yet (the city's date is February 1)
    assert sent() == {}
    rollover("2027-02-01")
    msgs = sent()
    assert list(msgs) == ["hanako@example.jp"]
    (msg,) = msgs["hanako@example.jp"]
    assert msg.subject == "【つなぐ】令和9年度の登録更新のお願い"
    assert "2027年3月31日(水) まで" in msg.body
    rollover("2027-02-02")
    assert sent() == {}
