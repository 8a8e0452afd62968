"""Data-protection requests: a person's copy of their data, and withdrawal (退会)."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.test import Client

from accounts.models import User
from audit.models import AuditEntry
from common.errors import Conflict, Forbidden, InvalidInput
from matching import services as matching_services
from matching.candidates import Options, candidates_for_request
from matching.models import Match
from talent.models import Profile
from tests import factories
from volunteers import personal_data
from volunteers import services as volunteer_services
from volunteers.models import ActivityRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(volunteer, coordinator, teacher_a, school_a, clock):
    """The volunteer has one completed activity (2.5 hours, with feedback) and one proposal
    still open; another volunteer has one completed activity of 1.0 hour."""
    profile = volunteer.profile
    Profile.objects.filter(pk=profile.pk).update(external_id="M-0042", screening_note="内部メモ")
    done = factories.request(school_a, title="読み聞かせの会", headcount=2)
    match = factories.match(request=done, profile=profile, note="佐藤さんは朝が得意")
    matching_services.match_set_status(actor=coordinator, match=match, status="confirmed")
    clock.pin(done.dates[0])  # the activity has happened
    volunteer_services.match_complete(
        actor=teacher_a,
        match=match,
        date=done.dates[0],
        hours=Decimal("2.5"),
        requester_feedback="佐藤さん、ありがとうございました",
        rating=5,
        volunteer_feedback='=HYPERLINK("http://x")',
    )
    other = factories.match(request=done, profile=factories.profile(kind="school_support"))
    matching_services.match_set_status(actor=coordinator, match=other, status="confirmed")
    volunteer_services.match_complete(
        actor=teacher_a, match=other, date=done.dates[0], hours=Decimal("1.0")
    )
    open_request = factories.request(school_a, title="書道のゲストティーチャー")
    proposal = factories.match(request=open_request, profile=profile)
    return {"profile": profile, "done": done, "open_request": open_request, "proposal": proposal}


def _totals() -> dict:
    """What the city's reports count: activities and hours, also by kind."""
    by_kind = (
        ActivityRecord.objects.values("match__profile__kind")
        .annotate(n=Count("id"), hours=Sum("hours"))
        .order_by("match__profile__kind")
    )
    return {
        "activities": ActivityRecord.objects.count(),
        "hours": ActivityRecord.objects.aggregate(h=Sum("hours"))["h"],
        "by_kind": [(r["match__profile__kind"], r["n"], r["hours"]) for r in by_kind],
        "dates": sorted(ActivityRecord.objects.values_list("date", flat=True)),
    }


# ------------------------------------------------------------------ the copy


def test_a_volunteer_downloads_everything_held_about_them_as_json(api, volunteer, history):
    res = api.as_(volunteer).get("/api/me/personal-data/")
    assert res.status_code == 200
    data = res.json()
    assert data["account"]["username"] == "volunteer"
    assert data["profile"]["display_name"] == "佐藤 花子"
    assert data["profile"]["email"] == "hanako@example.jp"
    assert data["profile"]["phone"] == "090-1111-2222"
    # The city's internal fields never leave coordinators, not even to the person.
    assert "external_id" not in data["profile"] and "screening_note" not in data["profile"]
    assert [m["request_title"] for m in data["matches"]] == [
        "読み聞かせの会",
        "書道のゲストティーチャー",
    ]
    assert data["activities"] == [
        {
            "date": history["done"].dates[0].isoformat(),
            "hours": "2.5",
            "request_title": "読み聞かせの会",
            "organization": "みどり野市立第一小学校",
            "rating": 5,
            "requester_feedback": "佐藤さん、ありがとうございました",
            "volunteer_feedback": '=HYPERLINK("http://x")',
        }
    ]
    assert {e["action"] for e in data["audit_log"]} >= {"profile.register", "match.propose"}
    assert (
        AuditEntry.objects.filter(action="personal_data.download", actor_id=volunteer.pk).count()
        == 1
    )


def test_the_csv_copy_opens_in_excel_and_neutralises_formulas(api, volunteer, history):
    res = api.as_(volunteer).get("/api/me/personal-data.csv")
    assert res.status_code == 200
    assert res["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in res["Content-Disposition"]
    text = res.content.decode("utf-8")
    assert text.startswith("\ufeff区分,番号,項目,値\r\n")
    assert "profile,,display_name,佐藤 花子\r\n" in text
    assert 'activities,1,volunteer_feedback,"\'=HYPERLINK(""http://x"")"\r\n' in text
    assert "M-0042" not in text and "内部メモ" not in text


def test_a_coordinator_downloads_for_a_paper_request(api, coordinator):
    paper = factories.profile(display_name="田中 三郎", phone="03-1234-5678")
    res = api.as_(coordinator).get(f"/api/profiles/{paper.pk}/personal-data/")
    assert res.status_code == 200
    assert res.json()["account"] is None
    assert res.json()["profile"]["phone"] == "03-1234-5678"


@pytest.mark.parametrize("who", ["other_volunteer", "teacher_a"])
def test_nobody_else_gets_a_persons_copy(api, volunteer, request, who):
    res = api.as_(request.getfixturevalue(who)).get(
        f"/api/profiles/{volunteer.profile.pk}/personal-data/"
    )
    assert res.status_code in (403, 404)
    assert "hanako@example.jp" not in res.content.decode()


def test_anonymous_callers_get_401(api):
    assert api.as_(None).get("/api/me/personal-data/").status_code == 401


# ------------------------------------------------------------------ withdrawal


# Committed transactions, so that the withdrawal's index stamp (a transaction id) differs from
# the one the profile had.
@pytest.mark.django_db(transaction=True)
def test_withdrawal_erases_the_person_and_keeps_the_counts(api, volunteer, coordinator, history):
    profile = history["profile"]
    before_totals = _totals()
    before_stamp = Profile.objects.get(pk=profile.pk).index_xid
    ranked = candidates_for_request(history["open_request"], Options(limit=50)).results
    assert profile.pk not in [c.profile.pk for c in ranked]  # already proposed there
    fresh = factories.request(
        history["open_request"].organization, title="読み聞かせ 絵本", dates=[], time_band=""
    )
    ranked = candidates_for_request(fresh, Options(limit=50)).results
    assert profile.pk in [c.profile.pk for c in ranked]

    res = api.as_(volunteer).post("/api/me/withdraw/", {"password": "pass-Word-123"}, format="json")
    assert res.status_code == 200, res.content

    profile.refresh_from_db()
    assert (profile.display_name, profile.furigana, profile.email, profile.phone) == (
        "退会した方",
        "",
        "",
        "",
    )
    assert (profile.skills, profile.bio, profile.experience, profile.external_id) == (
        "",
        "",
        "",
        "",
    )
    assert (profile.status, profile.user_id, list(profile.areas.all())) == ("withdrawn", None, [])
    assert (profile.tok_skills, profile.tok_reading, profile.tok_bio) == ("", "", "")
    assert "佐藤" not in profile.tok_name
    user = User.objects.get(pk=volunteer.pk)
    assert (user.username, user.email, user.is_active) == (f"withdrawn-{user.pk}", "", False)
    assert not user.has_usable_password()
    # The notes and feedback about the person are gone; the proposal in progress is cancelled.
    assert sorted(Match.objects.filter(profile=profile).values_list("note", "status")) == [
        ("", "cancelled"),
        ("", "completed"),
    ]
    record = ActivityRecord.objects.get(match__profile=profile)
    assert (record.requester_feedback, record.volunteer_feedback) == ("", "")
    # The report totals are what they were.
    assert _totals() == before_totals
    assert before_totals["activities"] == 2 and before_totals["hours"] == Decimal("3.5")
    # The matcher's index stamp moved, so every process drops the person on its next call.
    assert Profile.objects.get(pk=profile.pk).index_xid != before_stamp
    ranked = candidates_for_request(fresh, Options(limit=50)).results
    assert profile.pk not in [c.profile.pk for c in ranked]
    # Search does not find them, not even for a coordinator.
    for q in ("佐藤", "さとう", "読み聞かせ", "退会"):
        found = api.as_(coordinator).get("/api/profiles/", {"q": q}).json()["results"]
        assert profile.pk not in [p["id"] for p in found]
    assert api.as_(coordinator).get(f"/api/profiles/{profile.pk}/").status_code == 404
    # The login no longer works, and the log no longer names them.
    assert Client().login(username="volunteer", password="pass-Word-123") is False
    assert not AuditEntry.objects.filter(actor_name="volunteer").exists()
    entry = AuditEntry.objects.get(action="personal_data.withdraw")
    assert (entry.target_id, entry.detail["by"], entry.detail["cancelled_matches"]) == (
        str(profile.pk),
        "self",
        1,
    )


def test_a_withdrawn_token_is_refused(api, volunteer):
    client = api.as_(volunteer)
    client.post("/api/me/withdraw/", {"password": "pass-Word-123"}, format="json")
    assert client.get("/api/me/personal-data/").status_code == 401


def test_a_wrong_password_withdraws_nothing(api, volunteer):
    res = api.as_(volunteer).post("/api/me/withdraw/", {"password": "nope"}, format="json")
    assert res.status_code == 400
    assert res.json()["errors"] == {
        "password": ["確認のため、いまのパスワードを入力してください。"]
    }
    volunteer.profile.refresh_from_db()
    assert volunteer.profile.display_name == "佐藤 花子"


def test_a_coordinator_withdraws_on_a_paper_request_with_its_reference(api, coordinator, volunteer):
    url = f"/api/profiles/{volunteer.profile.pk}/withdraw/"
    res = api.as_(coordinator).post(url, {}, format="json")
    assert res.status_code == 400
    assert res.json()["errors"] == {"reference": ["受付番号などを入力してください。"]}
    res = api.as_(coordinator).post(url, {"reference": "受付 2026-118"}, format="json")
    assert res.status_code == 200
    entry = AuditEntry.objects.get(action="personal_data.withdraw")
    assert (entry.actor_name, entry.detail["by"], entry.detail["reference"]) == (
        "coordinator",
        "coordinator",
        "受付 2026-118",
    )


@pytest.mark.parametrize("who", ["other_volunteer", "teacher_a"])
def test_nobody_else_withdraws_a_person(volunteer, request, who):
    with pytest.raises(Forbidden):
        personal_data.withdraw(actor=request.getfixturevalue(who), profile=volunteer.profile)
    volunteer.profile.refresh_from_db()
    assert volunteer.profile.status == "published"


def test_withdrawing_twice_is_a_conflict(coordinator, volunteer):
    personal_data.withdraw(actor=coordinator, profile=volunteer.profile, reference="受付 1")
    with pytest.raises(Conflict):
        personal_data.withdraw(actor=coordinator, profile=volunteer.profile, reference="受付 2")


def test_withdrawal_erases_the_messages_kept_for_the_person(coordinator, volunteer, school_a):
    from notifications.models import Notification

    req = factories.request(school_a)
    matching_services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    coordinator.email = "coord@city.example.jp"
    coordinator.save()
    mine = Notification.objects.filter(to_email="hanako@example.jp")
    assert mine.count() == 1  # the proposal mail
    personal_data.withdraw(actor=coordinator, profile=volunteer.profile, reference="受付 3")
    assert not Notification.objects.filter(user=volunteer).exists()
    assert not Notification.objects.filter(to_email="hanako@example.jp").exists()
    assert not Notification.objects.filter(to_phone="090-1111-2222").exists()


def test_a_coordinator_needs_a_reference(coordinator, volunteer):
    with pytest.raises(InvalidInput):
        personal_data.withdraw(actor=coordinator, profile=volunteer.profile, reference=" ")


# ------------------------------------------------------------------ pages


def test_the_volunteer_page_offers_both_downloads_and_withdrawal(volunteer, history):
    client = Client()
    client.force_login(volunteer)
    page = client.get("/me/data/").content.decode()
    assert 'href="/me/data.json"' in page and 'href="/me/data.csv"' in page
    assert 'name="password"' in page
    res = client.get("/me/data.csv")
    assert res.status_code == 200 and "佐藤 花子" in res.content.decode("utf-8")
    res = client.post("/me/data/", {"password": "pass-Word-123", "confirm": "on"})
    assert res.status_code == 302
    assert Profile.objects.get(pk=history["profile"].pk).status == "withdrawn"
    assert client.get("/me/").status_code == 302  # logged out


def test_the_volunteer_page_keeps_the_person_on_a_wrong_password(volunteer):
    client = Client()
    client.force_login(volunteer)
    res = client.post("/me/data/", {"password": "wrong", "confirm": "on"})
    assert res.status_code == 200
    assert "確認のため、いまのパスワードを入力してください。" in res.content.decode()
    assert Profile.objects.get(user=volunteer).status == "published"


def test_the_coordinator_page_withdraws_on_a_paper_request(coordinator, volunteer):
    client = Client()
    client.force_login(coordinator)
    url = f"/coord/profiles/{volunteer.profile.pk}/withdraw/"
    res = client.post(url, {"reference": ""})
    assert res.status_code == 302
    assert Profile.objects.get(pk=volunteer.profile.pk).status == "published"
    page = client.get(f"/coord/profiles/{volunteer.profile.pk}/").content.decode()
    assert "受付番号などを入力してください。" in page
    res = client.post(url, {"reference": "受付 2026-7"})
    assert res.status_code == 302
    assert Profile.objects.get(pk=volunteer.profile.pk).status == "withdrawn"


def test_the_terms_say_how_the_data_is_deleted_and_the_way_is_there(volunteer):
    page = Client().get("/terms/").content.decode()
    assert "情報を削除します" in page
    assert "「登録情報の取り出し・退会」からいつでも退会できます" in page
    client = Client()
    client.force_login(volunteer)
    assert "登録情報の取り出し・退会" in client.get("/me/").content.decode()
    assert client.get("/me/data/").status_code == 200
