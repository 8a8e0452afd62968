"""Invitation and answer links: they work once; expired, used or someone else's links get a
Japanese page saying what to do, and change nothing."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from accounts.models import User
from matching import services
from matching.models import Match
from notifications.links import ANSWER_SALT, answer_path
from onboarding import services as onboarding
from onboarding.models import Invitation
from tests import factories

pytestmark = pytest.mark.django_db

NEW_LOGIN = {
    "name": "山田 先生",
    "username": "yamada-sensei",
    "password1": "kokuban-Chalk-2027",
    "password2": "kokuban-Chalk-2027",
}


def test_an_email_invitation_creates_a_requester_once(client, coordinator, school_a):
    issued = onboarding.invitation_create(
        actor=coordinator, organization=school_a, email="yamada@school.example.jp"
    )
    url = f"/invite/{issued.secret}/"
    assert "ログインを作る" in client.get(url).content.decode()
    res = client.post(url, NEW_LOGIN)
    assert res.status_code == 302
    user = User.objects.get(username="yamada-sensei")
    assert (user.role, user.membership.organization, user.email) == (
        "requester", school_a, "yamada@school.example.jp",
    )  # fmt: skip
    client.logout()
    again = client.post(url, {**NEW_LOGIN, "username": "second"})
    assert again.status_code == 410
    assert "すでに使われています" in again.content.decode()
    assert not User.objects.filter(username="second").exists()


def test_the_invitation_mail_carries_the_link(coordinator, school_a):
    from notifications.models import Notification

    issued = onboarding.invitation_create(
        actor=coordinator, organization=school_a, email="yamada@school.example.jp"
    )
    n = Notification.objects.get(kind="invitation")
    assert n.to_email == "yamada@school.example.jp"
    assert f"/invite/{issued.secret}/" in n.body


def test_an_expired_invitation_says_so(client, coordinator, school_a):
    issued = onboarding.invitation_create(actor=coordinator, organization=school_a, email="a@b.jp")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    res = client.post(f"/invite/{issued.secret}/", NEW_LOGIN)
    assert res.status_code == 410 and "有効期限が切れています" in res.content.decode()
    assert not User.objects.filter(username="yamada-sensei").exists()


def test_an_unknown_link_and_a_logged_in_visitor_change_nothing(
    client, coordinator, school_a, volunteer
):
    assert client.get("/invite/nope/").status_code == 404
    issued = onboarding.invitation_create(actor=coordinator, organization=school_a, email="a@b.jp")
    client.force_login(volunteer)
    assert client.post(f"/invite/{issued.secret}/", NEW_LOGIN).status_code == 403
    assert Invitation.objects.get().used_at is None


def test_a_malformed_address_is_refused_where_it_is_typed(client, coordinator, school_a):
    from web import once

    client.force_login(coordinator)
    page = client.post(
        f"/coord/organizations/{school_a.pk}/invite/",
        {"inv-email": "yamada@@school", "inv-once": once.new_token()},
    )
    assert "メールアドレスの形が正しくありません" in page.content.decode()
    assert not Invitation.objects.exists()


def test_a_printed_code_works_in_any_spelling(client, coordinator, school_a):
    issued = onboarding.invitation_create(actor=coordinator, organization=school_a, by_code=True)
    typed = issued.secret.lower().replace("-", " ")
    res = client.post("/invite/", {**NEW_LOGIN, "code": typed, "email": ""})
    assert res.status_code == 302
    assert User.objects.get(username="yamada-sensei").membership.organization == school_a


def test_coordinators_create_and_edit_organizations(client, coordinator, teacher_a):
    from matching.models import Organization

    client.force_login(teacher_a)
    assert client.get("/coord/organizations/new/").status_code == 403
    client.force_login(coordinator)
    client.post("/coord/organizations/new/", {"name": "北公民館", "kind": "kominkan"})
    org = Organization.objects.get(name="北公民館")
    client.post(
        f"/coord/organizations/{org.pk}/",
        {"org-name": "みどり野市北公民館", "org-kind": "kominkan", "org-phone": "0123-11-2222"},
    )
    org.refresh_from_db()
    assert (org.name, org.phone) == ("みどり野市北公民館", "0123-11-2222")


@pytest.fixture
def proposed(coordinator, school_a, volunteer):
    req = factories.request(school_a)
    return services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)


def test_the_answer_link_accepts_once(client, proposed):
    url = answer_path(proposed)
    assert "引き受ける" in client.get(url).content.decode()
    client.post(url, {"answer": "accept"})
    assert Match.objects.get(pk=proposed.pk).status == "accepted"
    again = client.post(url, {"answer": "decline"})
    assert "すでにお答えいただいています" in again.content.decode()
    assert Match.objects.get(pk=proposed.pk).status == "accepted"


def test_someone_elses_answer_link_changes_nothing(client, proposed, other_volunteer):
    client.force_login(other_volunteer)
    res = client.post(answer_path(proposed), {"answer": "decline"})
    assert res.status_code == 403 and "別の方あて" in res.content.decode()
    assert Match.objects.get(pk=proposed.pk).status == "proposed"


def test_an_expired_or_broken_answer_link_changes_nothing(client, proposed, monkeypatch):
    token = signing.dumps([proposed.pk, proposed.profile_id], salt=ANSWER_SALT, compress=True)
    monkeypatch.setattr("notifications.links.ANSWER_MAX_AGE", -1)
    res = client.post(f"/answer/{token}/", {"answer": "accept"})
    assert res.status_code == 410 and "有効期限" in res.content.decode()
    assert client.post("/answer/garbage/", {"answer": "accept"}).status_code == 404
    assert Match.objects.get(pk=proposed.pk).status == "proposed"


def test_requesters_edit_their_request_and_the_matcher_sees_it(
    client, teacher_a, teacher_b, school_a
):
    from web import once

    req = factories.request(school_a)
    form = {
        "title": "そろばんのゲストティーチャー", "description": "4年生のそろばんの授業",
        "headcount": 1, "date_1": "2026-12-09", "once": once.new_token(),
    }  # fmt: skip
    client.force_login(teacher_b)
    assert client.post(f"/requests/{req.pk}/edit/", form).status_code == 404
    client.force_login(teacher_a)
    client.post(f"/requests/{req.pk}/edit/", form)
    req.refresh_from_db()
    assert req.title == "そろばんのゲストティーチャー"
    assert "算盤" in req.tok_title  # the normalised form of そろばん
