"""Closing the loop in a real browser, with the mails read from Django's file backend: a
coordinator registers a school and invites a teacher by e-mail; the teacher sets a password
from the mail's link and posts a request; a volunteer raises a hand; the coordinator proposes;
the volunteer answers from the mail's link; the coordinator confirms; both get a mail and the
.ics; the day-before reminder goes out; the teacher records the activity, the volunteer
confirms the hours, and the request closes itself."""

import re
from datetime import date
from email import message_from_bytes, policy
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from icalendar import Calendar
from playwright.sync_api import expect

from matching.models import Request
from tests.e2e.test_story import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Mailbox:
    """The mails Django's file backend wrote, read back as e-mail messages."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.seen: set[tuple[str, int]] = set()

    def deliver(self) -> None:
        call_command("send_notifications", stdout=StringIO())

    def new(self) -> list:
        """Messages written since the last call, as (to, subject, body)."""
        found = []
        for path in sorted(self.folder.glob("*.log")):
            raw = path.read_bytes()
            # one file per connection; messages are separated by a line of dashes
            for i, chunk in enumerate(raw.split(b"\n" + b"-" * 79 + b"\n")):
                if not chunk.strip() or (path.name, i) in self.seen:
                    continue
                self.seen.add((path.name, i))
                msg = message_from_bytes(chunk.strip(), policy=policy.default)
                found.append(
                    (str(msg["To"]).strip(), str(msg["Subject"]).strip(), msg.get_content())
                )
        return found


def link_in(body: str, base: str) -> str:
    return re.search(re.escape(base) + r"/\S+", body).group(0)


def test_the_loop_is_closed(
    live_server, new_page, settings, tmp_path, clock, coordinator, volunteer
):
    base = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.SITE_URL = base
    box = Mailbox(tmp_path)

    # --- the coordinator registers the school and invites a teacher ----------------------
    coord = new_page()
    log_in(coord, base, "coordinator")
    coord.goto(base + "/coord/organizations/new/")
    coord.get_by_label("団体名").fill("みどり野市立南小学校")
    coord.get_by_label("種別").select_option("school")
    coord.get_by_role("button", name="登録する").click()
    expect(coord.get_by_role("heading", level=1)).to_have_text("みどり野市立南小学校")
    coord.get_by_label("招待する方のメールアドレス").fill("minami-sensei@school.example.jp")
    coord.get_by_role("button", name="招待メールを送る").click()
    expect(coord.locator(".message").first).to_contain_text("招待メールを送ります")

    box.deliver()
    [(to, subject, body)] = box.new()
    assert (to, subject) == (
        "minami-sensei@school.example.jp",
        "【つなぐ】人材バンク「つなぐ」へのご招待",
    )

    # --- the teacher sets a password from the link and posts a request -------------------
    teacher = new_page()
    teacher.goto(link_in(body, base))
    teacher.get_by_label("お名前").fill("南 先生")
    teacher.get_by_label("ログイン名").fill("minami-sensei")
    teacher.locator("#id_password1").fill("kokuban-Chalk-2027")
    teacher.locator("#id_password2").fill("kokuban-Chalk-2027")
    teacher.get_by_role("button", name="ログインを作る").click()
    expect(teacher.locator(".message").first).to_contain_text("ようこそ")
    teacher.goto(base + "/requests/new/")
    teacher.get_by_label("件名").fill("読み聞かせのボランティア")
    teacher.get_by_label("お願いしたいこと").fill(
        "2年生の朝の読書の時間に、絵本の読み聞かせをお願いします。"
    )
    teacher.locator("#id_date_1").fill("2026-12-09")
    teacher.get_by_label("午前").check()
    teacher.get_by_label("開始時刻").fill("08:30")
    teacher.get_by_label("終了時刻").fill("09:00")
    teacher.get_by_label("当日の担当者").fill("教務 南（当日 0123-45-0000）")
    teacher.get_by_role("button", name="依頼を登録する").click()
    req = Request.objects.get(title="読み聞かせのボランティア")

    # --- a volunteer raises a hand ------------------------------------------------------
    vol = new_page()
    log_in(vol, base, "volunteer")
    vol.goto(base + "/me/requests/")
    vol.get_by_role("link", name="読み聞かせのボランティア").click()
    expect(vol.locator("main")).not_to_contain_text("0123-45-0000")
    vol.get_by_role("button", name="やってみたい").click()
    expect(vol.locator(".message").first).to_contain_text("「やってみたい」を伝えました")

    # --- the coordinator proposes from the raised hands ----------------------------------
    box.deliver()
    box.new()  # the coordinator has no address: nothing by mail; on their お知らせ page
    coord.goto(f"{base}/coord/requests/{req.pk}/")
    hands = coord.locator("section", has=coord.locator("#h-hands"))
    expect(hands).to_contain_text("佐藤 花子")
    hands.get_by_role("button", name="佐藤 花子さんに提案する").click()

    box.deliver()
    [(to, subject, body)] = box.new()
    assert (to, subject) == (
        "hanako@example.jp",
        "【つなぐ】依頼のご提案「読み聞かせのボランティア」",
    )
    assert "2026年12月9日(水)" in body and "0123-45-0000" not in body

    # --- the volunteer answers from the mail's link -------------------------------------
    vol.goto(link_in(body, base))
    vol.get_by_role("button", name="引き受ける").click()
    expect(vol.get_by_role("heading", level=1)).to_have_text(
        "お引き受けいただき、ありがとうございます"
    )

    # --- the coordinator confirms: both get a mail and the calendar ----------------------
    coord.goto(f"{base}/coord/requests/{req.pk}/")
    coord.get_by_role("button", name="確定する").click()
    box.deliver()
    mails = {to: subject for to, subject, _ in box.new()}
    assert mails == {
        "hanako@example.jp": "【つなぐ】活動が確定しました「読み聞かせのボランティア」",
        "minami-sensei@school.example.jp": "【つなぐ】来てくださる方が決まりました「読み聞かせのボランティア」",
    }
    for page in (vol, teacher):
        ics = page.request.get(base + "/api/me/calendar.ics")
        assert ics.status == 200
        [event] = Calendar.from_ical(ics.body()).walk("VEVENT")
        assert str(event.get("summary")).startswith("読み聞かせのボランティア")
        assert event.decoded("dtstart").isoformat() == "2026-12-09T08:30:00+09:00"
    vol.goto(base + "/me/activities/")
    expect(vol.get_by_role("link", name="カレンダーに追加（.ics）")).to_be_visible()

    # --- the day before ------------------------------------------------------------------
    call_command("send_reminders", "--today", "2026-12-08", stdout=StringIO())
    box.deliver()
    assert sorted(to for to, subject, _ in box.new() if "明日の活動" in subject) == [
        "hanako@example.jp",
        "minami-sensei@school.example.jp",
    ]

    # --- after the activity: the teacher records, the volunteer confirms ----------------
    clock.pin(date(2026, 12, 9))
    teacher.goto(f"{base}/requests/{req.pk}/")
    teacher.get_by_role("link", name="活動を記録する").click()
    teacher.get_by_label("活動した日").fill("2026-12-09")
    teacher.get_by_label("活動した時間（時間）").fill("0.5")
    teacher.get_by_label("参加した人数（児童・受講者など）").fill("31")
    teacher.get_by_label("依頼者からの感想").fill("子どもたちが集中して聞いていました。")
    teacher.get_by_label("評価").select_option("5")
    teacher.get_by_role("button", name="記録する").click()
    expect(teacher.locator(".message").first).to_contain_text("活動の記録を保存しました")

    box.deliver()
    [(to, subject, body)] = box.new()
    assert to == "hanako@example.jp" and "活動の記録のご確認" in subject
    vol.goto(link_in(body, base))
    vol.get_by_label("ひとこと感想").fill("また読みに行きたいです。")
    vol.get_by_role("button", name="確認して送る").click()
    expect(vol.locator(".message").first).to_contain_text("活動時間を確認しました")

    req.refresh_from_db()
    assert req.status == "closed"
    teacher.goto(f"{base}/requests/{req.pk}/")
    expect(teacher.locator("main")).to_contain_text("終了")
    coord.goto(base + "/coord/activities/")
    expect(coord.locator("main")).to_contain_text("また読みに行きたいです。")
    expect(coord.locator("main")).to_contain_text("子どもたちが集中して聞いていました。")
    assert PASSWORD  # the fixtures' logins
