"""The whole story in a real browser: a volunteer signs up and registers, a coordinator
publishes the registration, a school posts a request, the coordinator opens the candidates
and proposes, the volunteer accepts, the coordinator confirms, and the school sees the
volunteer's contact details. Each main page is saved at phone and desktop width."""

import re

import pytest
from playwright.sync_api import expect

from talent.models import Disclosure, Profile
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-Word-123"  # tests/factories.py


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン").click()


def message(page):
    return page.locator(".message").first


def test_the_whole_story(live_server, new_page, shoot, coordinator, teacher_a):
    base = live_server.url
    for name in ("東地区", "北地区"):
        factories.area(name)

    # --- a retired teacher signs up from a phone ---------------------------------------
    vol = new_page()
    vol.goto(base + "/")
    expect(vol.get_by_role("heading", level=1)).to_contain_text("できること")
    vol.keyboard.press("Tab")
    assert vol.evaluate("document.activeElement.textContent") == "本文へ移動"
    shoot(vol, "01-top")

    vol.get_by_role("link", name="ボランティア・講師として登録する").click()
    vol.get_by_label("ユーザー名（ログインに使います）").fill("yamamoto-kazuko")
    vol.get_by_label("メールアドレス").fill("kazuko@example.jp")
    vol.locator("#id_password1").fill("ehon-daisuki-2026")
    vol.locator("#id_password2").fill("ehon-daisuki-2026")
    vol.get_by_role("checkbox", name="ふりがな").check()
    vol.get_by_role("checkbox", name="自己紹介").check()
    shoot(vol, "02-signup")
    vol.get_by_role("button", name="登録して次へ進む").click()
    # Forgot the terms: the page says so and keeps what was typed.
    expect(vol.locator("#id_terms_errors")).to_contain_text("同意が必要です")
    expect(vol.get_by_label("ユーザー名（ログインに使います）")).to_have_value("yamamoto-kazuko")
    vol.locator("#id_password1").fill("ehon-daisuki-2026")
    vol.locator("#id_password2").fill("ehon-daisuki-2026")
    vol.get_by_label("利用規約と個人情報の取り扱いを読み、同意します").check()
    vol.get_by_role("button", name="登録して次へ進む").click()

    expect(vol.get_by_role("heading", level=1)).to_have_text("プロフィールの登録")
    expect(vol.get_by_role("checkbox", name="自己紹介")).to_be_checked()  # consent carried over
    vol.get_by_label("学校支援ボランティア").check()
    vol.get_by_label("お名前").fill("山本 和子")
    vol.get_by_role("textbox", name="ふりがな").fill("やまもと かずこ")
    vol.get_by_role("group", name="活動できる地区").get_by_label("中央地区").check()
    vol.get_by_label("水曜・午前").check()
    vol.get_by_label("金曜・午後").check()
    vol.get_by_label("電話番号").fill("090-2222-3333")
    vol.get_by_role("button", name="登録して審査に出す").click()
    # "What I can do" was left empty: the error sits by the field, the rest is kept.
    expect(vol.locator("#id_skills_errors")).to_contain_text("入力してください")
    expect(vol.get_by_label("お名前")).to_have_value("山本 和子")
    expect(vol.get_by_label("水曜・午前")).to_be_checked()
    vol.get_by_label("できること・教えられること").fill(
        "絵本の読み聞かせ。昔遊び（お手玉、けん玉、あやとり）も教えられます。"
    )
    vol.get_by_role("textbox", name="経験・資格").fill(
        "小学校教員（38年）。退職後は図書館で読み聞かせボランティア。"
    )
    vol.get_by_role("textbox", name="自己紹介").fill("子どもたちと本を楽しむ時間が好きです。")
    shoot(vol, "03-profile-form")
    vol.get_by_role("button", name="登録して審査に出す").click()
    expect(message(vol)).to_contain_text("審査に出しました")
    expect(vol.locator(".badge").first).to_have_text("審査待ち")
    shoot(vol, "04-volunteer-home")

    profile = Profile.objects.get(display_name="山本 和子")
    assert profile.status == "pending"
    assert profile.availability == ["wed_am", "fri_pm"]
    assert profile.public_fields == ["furigana", "bio"]

    # --- the coordinator publishes it ------------------------------------------------------
    desk = new_page()
    log_in(desk, base, coordinator.username)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("今日の仕事")
    shoot(desk, "05-coordinator-dashboard")
    desk.get_by_role("link", name="山本 和子").first.click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("山本 和子")
    shoot(desk, "06-coordinator-screening")
    desk.get_by_role("button", name="公開する").click()
    expect(message(desk)).to_contain_text("公開中")

    # --- a teacher posts a request ----------------------------------------------------------
    school = new_page()
    log_in(school, base, teacher_a.username)
    school.get_by_role("link", name="新しい依頼を登録する").click()
    school.get_by_label("件名").fill("2年生に絵本の読み聞かせを")
    school.get_by_label("お願いしたいこと").fill(
        "2年生（3クラス）の朝の読書の時間に、絵本の読み聞かせをしていただける方を探しています。"
    )
    school.get_by_label("学校支援ボランティア").check()  # a kind that could help
    school.get_by_label("日程1").fill("2026-12-09")  # a Wednesday
    school.get_by_label("午前").check()
    school.get_by_label("場所").fill("2年1組の教室")
    school.get_by_label("児童").check()
    school.get_by_label("来てほしい人数").fill("1")
    shoot(school, "07-request-form")
    school.get_by_role("button", name="依頼を登録する").click()
    expect(message(school)).to_contain_text("依頼を登録しました")
    expect(school.get_by_text("2026年12月9日(水)")).to_be_visible()
    request_url = school.url

    # --- the coordinator opens the candidates and proposes ---------------------------------
    desk.get_by_role("link", name="依頼", exact=True).click()
    desk.get_by_role("link", name="2年生に絵本の読み聞かせを").click()
    candidate = desk.locator(".candidate", has_text="山本 和子")
    expect(candidate).to_be_visible()
    expect(candidate.locator(".skills mark").first).to_be_visible()  # matched words marked
    shoot(desk, "08-coordinator-candidates")
    candidate.get_by_role("button", name="山本 和子さんに提案する").click()
    expect(message(desk)).to_contain_text("提案しました")

    # --- the volunteer accepts, with the keyboard --------------------------------------------
    vol.goto(base + "/me/")
    vol.get_by_role("link", name="提案を見る").click()
    expect(vol.get_by_role("heading", name="2年生に絵本の読み聞かせを")).to_be_visible()
    shoot(vol, "09-volunteer-proposals")
    vol.get_by_role("button", name="引き受ける").focus()
    vol.keyboard.press("Enter")
    expect(message(vol)).to_contain_text("承諾しました")

    # Before confirmation the school sees nobody's contact details.
    school.goto(request_url)
    expect(school.get_by_text("090-2222-3333")).to_have_count(0)
    assert not Disclosure.objects.filter(viewer=teacher_a).exists()

    # --- the coordinator confirms --------------------------------------------------------------
    desk.reload()
    desk.get_by_role("button", name="確定する").click()
    expect(message(desk)).to_contain_text("確定しました")

    # --- the school sees who is coming and how to reach them --------------------------------
    school.goto(request_url)
    coming = school.locator(".person", has_text="山本 和子")
    expect(coming).to_contain_text("やまもと かずこ")
    expect(coming.get_by_role("link", name="090-2222-3333")).to_have_attribute(
        "href", "tel:090-2222-3333"
    )
    shoot(school, "10-requester-confirmed")
    views = Disclosure.objects.filter(
        profile_ids__contains=[profile.pk], viewer=teacher_a, channel="web"
    )
    assert views.exists()

    vol.goto(base + "/me/activities/")
    expect(vol.get_by_text("2年生に絵本の読み聞かせを")).to_be_visible()
    shoot(vol, "11-volunteer-activities")

    school.goto(base + "/requests/")
    shoot(school, "12-requester-list")

    desk.goto(base + "/coord/talent/?q=" + "読み聞かせ")
    expect(desk.locator("table.list")).to_contain_text("山本 和子")
    shoot(desk, "13-coordinator-search")
    desk.goto(base + "/coord/")
    shoot(desk, "14-coordinator-dashboard-after")


def test_a_form_can_be_filled_and_sent_with_the_keyboard_alone(live_server, new_page, volunteer):
    page = new_page()
    page.goto(live_server.url + "/login/")
    page.keyboard.press("Tab")  # skip link
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_username":
            break
    page.keyboard.type("volunteer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("マイページ")
