"""Forms keep what was typed when something is wrong, say how to fix it, and a double click
(the same form sent twice) creates one record."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from matching.models import Request
from talent.models import Profile
from tests import factories
from tests.web.conftest import is_checked
from web.models import FormSubmission

pytestmark = pytest.mark.django_db


def _signup_data(token, **over):
    return {
        "username": "hanako-sato",
        "email": "hanako.sato@example.jp",
        "password1": "midori-no-2026",
        "password2": "midori-no-2026",
        "public_fields": ["furigana", "bio"],
        "terms": "on",
        "once": token,
        **over,
    }


def test_signup_without_consent_keeps_what_was_typed(as_user, token):
    data = _signup_data(token(), terms="", password2="something-else")
    response = as_user(None).post(reverse("signup"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "利用規約と個人情報の取り扱いへの同意が必要です" in page
    assert "確認用のパスワードが一致しません" in page
    assert 'value="hanako-sato"' in page
    assert 'value="hanako.sato@example.jp"' in page
    assert is_checked(page, "public_fields", "bio")
    assert not is_checked(page, "public_fields", "experience")
    assert not get_user_model().objects.filter(username="hanako-sato").exists()


def test_signup_shows_the_password_rules_next_to_the_password(as_user, token):
    data = _signup_data(token(), password1="short", password2="short")
    page = as_user(None).post(reverse("signup"), data).content.decode()
    assert 'id="id_password1_errors"' in page
    assert 'aria-invalid="true"' in page


def test_signup_creates_a_volunteer_login_and_carries_the_consent_to_the_profile_form(
    as_user, token, mailoutbox
):
    client = as_user(None)
    response = client.post(reverse("signup"), _signup_data(token()))
    assert response.status_code == 302
    assert response["Location"] == reverse("signup_sent")
    user = get_user_model().objects.get(username="hanako-sato")
    assert user.role == "volunteer"
    assert user.terms_accepted_at is not None  # the consent is on record
    assert user.self_registered and user.email_verified_at is None
    assert [m.to for m in mailoutbox] == [["hanako.sato@example.jp"]]
    login = client.post(
        reverse("login") + "?next=" + reverse("volunteer_profile"),
        {"username": "hanako-sato", "password": "midori-no-2026", "next": "/me/profile/"},
    )
    assert login["Location"] == reverse("volunteer_profile")
    page = client.get(reverse("volunteer_profile")).content.decode()
    assert is_checked(page, "public_fields", "furigana")
    assert not is_checked(page, "public_fields", "experience")
    assert 'value="hanako.sato@example.jp"' in page


def test_signup_sent_twice_creates_one_login(as_user, token):
    data = _signup_data(token())
    first = as_user(None).post(reverse("signup"), data)
    second = as_user(None).post(reverse("signup"), data)
    assert first.status_code == second.status_code == 302
    assert get_user_model().objects.filter(username="hanako-sato").count() == 1


def test_a_form_without_its_one_time_token_asks_to_reload(as_user):
    data = _signup_data("")
    page = as_user(None).post(reverse("signup"), data).content.decode()
    assert "ページを開き直してから送信してください" in page
    assert not get_user_model().objects.filter(username="hanako-sato").exists()


def _profile_data(token, **over):
    return {
        "kind": "school_support",
        "display_name": "佐藤 花子",
        "furigana": "さとう はなこ",
        "skills": "絵本の読み聞かせ、昔遊び",
        "experience": "図書ボランティア10年",
        "bio": "孫が小学生です。",
        "availability": ["tue_am", "thu_pm"],
        "fee": "free",
        "email": "hanako@example.jp",
        "phone": "090-1234-5678",
        "public_fields": ["bio"],
        "action": "submit",
        "once": token,
        **over,
    }


@pytest.fixture
def new_volunteer(db):
    return factories.user("volunteer", username="newcomer")


def test_profile_registration_keeps_input_and_the_grid_when_a_field_is_missing(
    as_user, new_volunteer, token
):
    area = factories.area("北地区")
    data = _profile_data(token(), skills="", phone="でんわ", areas=[area.pk])
    page = as_user(new_volunteer).post(reverse("volunteer_profile"), data).content.decode()
    assert "できること・教えられることを入力してください。" in page
    assert "電話番号は数字とハイフンで入力してください" in page
    assert 'value="佐藤 花子"' in page
    assert is_checked(page, "availability", "tue_am")
    assert is_checked(page, "availability", "thu_pm")
    assert not is_checked(page, "availability", "mon_am")
    assert is_checked(page, "areas", area.pk)
    assert is_checked(page, "kind", "school_support")
    assert not Profile.objects.filter(user=new_volunteer).exists()


def test_profile_registration_submits_for_screening(as_user, new_volunteer, token):
    area = factories.area("北地区")
    client = as_user(new_volunteer)
    response = client.post(reverse("volunteer_profile"), _profile_data(token(), areas=[area.pk]))
    assert response.status_code == 302
    profile = Profile.objects.get(user=new_volunteer)
    assert profile.status == "pending"
    assert profile.availability == ["tue_am", "thu_pm"]
    assert list(profile.areas.all()) == [area]
    assert profile.public_fields == ["bio"]


def test_profile_saved_as_draft_then_submitted(as_user, new_volunteer, token):
    client = as_user(new_volunteer)
    client.post(reverse("volunteer_profile"), _profile_data(token(), action="save"))
    profile = Profile.objects.get(user=new_volunteer)
    assert profile.status == "draft"
    client.post(reverse("volunteer_submit"))
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_profile_registration_sent_twice_creates_one_profile(as_user, new_volunteer, token):
    data = _profile_data(token())
    client = as_user(new_volunteer)
    assert client.post(reverse("volunteer_profile"), data).status_code == 302
    assert client.post(reverse("volunteer_profile"), data).status_code == 302
    assert Profile.objects.filter(user=new_volunteer).count() == 1


def test_paper_registration_sent_twice_creates_one_profile(as_user, coordinator, token):
    data = _profile_data(token(), status="published", external_id="R-0042")
    data.pop("action")
    client = as_user(coordinator)
    first = client.post(reverse("coordinator_profile_new"), data)
    second = client.post(reverse("coordinator_profile_new"), data)
    profile = Profile.objects.get(external_id="R-0042")
    assert (
        first["Location"] == second["Location"] == reverse("coordinator_profile", args=[profile.pk])
    )
    assert profile.user is None and profile.status == "published"
    assert Profile.objects.filter(display_name="佐藤 花子").count() == 1


def test_a_new_form_after_success_creates_a_second_record(as_user, coordinator, token):
    client = as_user(coordinator)
    for external_id in ("R-1", "R-2"):
        data = _profile_data(token(), status="pending", external_id=external_id)
        # the same name twice: the page asks whether it is the same person (talent/duplicates.py)
        data["not_duplicate"] = "1"
        assert client.post(reverse("coordinator_profile_new"), data).status_code == 302
    assert Profile.objects.filter(display_name="佐藤 花子").count() == 2


def test_editing_keeps_the_volunteers_input_on_a_domain_error(as_user, volunteer, token):
    profile = Profile.objects.get(user=volunteer)
    data = _profile_data(token(), display_name="", action="save")
    page = as_user(volunteer).post(reverse("profile_edit", args=[profile.pk]), data)
    assert "お名前を入力してください。" in page.content.decode()
    assert "絵本の読み聞かせ、昔遊び" in page.content.decode()


def _request_data(token, **over):
    return {
        "title": "昔遊びを教えてください",
        "description": "1年生の生活科で、お手玉やけん玉などの昔遊びを一緒にしてくださる方を探しています。",
        "kinds_wanted": ["school_support"],
        "date_1": "2027-01-13",
        "date_2": "2027-01-20",
        "time_band": "am",
        "place": "体育館",
        "audience": ["children"],
        "headcount": "3",
        "once": token,
        **over,
    }


def test_request_form_keeps_input_and_explains_a_bad_headcount(as_user, teacher_a, token):
    data = _request_data(token(), headcount="0", date_2="11月18日")
    page = as_user(teacher_a).post(reverse("requester_request_new"), data).content.decode()
    assert "人数は1人以上にしてください。" in page
    assert "年-月-日で入力してください" in page
    assert 'value="昔遊びを教えてください"' in page
    assert 'value="2027-01-13"' in page
    assert is_checked(page, "audience", "children")
    assert not is_checked(page, "audience", "adults")
    assert is_checked(page, "time_band", "am")
    assert not Request.objects.exists()


def test_request_is_posted_in_the_requesters_own_organization(as_user, teacher_a, school_b, token):
    data = _request_data(token(), organization=school_b.pk)
    response = as_user(teacher_a).post(reverse("requester_request_new"), data)
    req = Request.objects.get()
    assert response["Location"] == reverse("requester_request", args=[req.pk])
    assert req.organization_id == teacher_a.membership.organization_id
    assert [d.isoformat() for d in req.dates] == ["2027-01-13", "2027-01-20"]
    assert req.headcount == 3 and req.audience == ["children"] and req.created_by == teacher_a


def test_request_sent_twice_creates_one_request(as_user, teacher_a, token):
    data = _request_data(token())
    client = as_user(teacher_a)
    first = client.post(reverse("requester_request_new"), data)
    second = client.post(reverse("requester_request_new"), data)
    assert Request.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert FormSubmission.objects.count() == 1


def test_login_errors_say_what_to_check(as_user, volunteer):
    page = (
        as_user(None)
        .post(reverse("login"), {"username": "volunteer", "password": "wrong"})
        .content.decode()
    )
    assert "ユーザー名かパスワードが違います" in page
    assert 'value="volunteer"' in page


def test_password_reset_sends_a_japanese_email(as_user, volunteer, mailoutbox):
    volunteer.email = "hanako@example.jp"
    volunteer.save()
    response = as_user(None).post(reverse("password_reset"), {"email": "hanako@example.jp"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "【つなぐ】パスワードの再設定"
    assert "/password-reset/" in mailoutbox[0].body


def test_the_reset_link_sets_a_new_password(as_user, volunteer, mailoutbox):
    import re

    volunteer.email = "hanako@example.jp"
    volunteer.save()
    client = as_user(None)
    client.post(reverse("password_reset"), {"email": "hanako@example.jp"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "新しいパスワード" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "atarashii-2026-aki", "new_password2": "atarashii-2026-aki"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    assert as_user(None).login(username="volunteer", password="atarashii-2026-aki")
