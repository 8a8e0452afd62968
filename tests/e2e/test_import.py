"""Bulk registration in a real browser: upload an xlsx with one bad row, read the error, fix
the file, upload it again, import, and see the people."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from talent.models import Profile
from tests import factories
from tests.e2e.test_story import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["種別", "氏名", "ふりがな", "できること", "自己紹介", "地区", "生年月日"]


def workbook(tmp_path, name: str, rows) -> str:
    book = openpyxl.Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return str(path)


def test_upload_a_bad_row_fix_it_and_import(live_server, new_page, shoot, coordinator, tmp_path):
    factories.area("中央地区")
    people = [
        [
            "講師",
            "山田 太郎",
            "ヤマダ タロウ",
            "書道",
            "よろしくお願いします",
            "中央地区",
            "S30.4.1",
        ],
        ["ITボランティア", "佐藤 花子", "さとう はなこ", "スマホ相談", "", "中央地区", "1960"],
    ]
    bad = workbook(
        tmp_path, "名簿.xlsx", [*people, ["魔法使い", "鈴木 一郎", "", "茶道", "", "", ""]]
    )
    good = workbook(
        tmp_path, "名簿（修正）.xlsx", [*people, ["講師", "鈴木 一郎", "", "茶道", "", "", ""]]
    )

    page = new_page()
    base = live_server.url
    log_in(page, base, "coordinator")
    page.get_by_role("link", name="ファイルから一括登録").first.click()
    page.get_by_label("取り込むファイル").set_input_files(bad)
    page.get_by_role("button", name="アップロードして内容を確かめる").click()

    expect(page.locator("#error-summary")).to_contain_text("このファイルは登録できません")
    problem = page.locator(".import-problems tbody tr").first
    expect(problem).to_contain_text("4行目")
    expect(problem).to_contain_text("種別（A4）")
    expect(problem).to_contain_text("「魔法使い」が分かりません")
    shoot(page, "40-import-error")
    assert not Profile.objects.exists()

    page.get_by_label("取り込むファイル").set_input_files(good)
    page.get_by_role("button", name="アップロードして内容を確かめる").click()
    expect(page.locator(".notice").first).to_contain_text("3人を登録できます")
    page.get_by_role("button", name="3人を登録する").click()

    expect(page.locator(".message").first).to_contain_text("3件の人材を登録しました")
    table = page.locator(".imported-people")
    expect(table).to_contain_text("山田 太郎")
    expect(table).to_contain_text("やまだ たろう")
    expect(table).to_contain_text("佐藤 花子")
    expect(table).to_contain_text("鈴木 一郎")
    # 五十音順, the one without a reading last
    names = table.locator("tbody tr td:first-child").all_inner_texts()
    assert names == ["佐藤 花子", "山田 太郎", "鈴木 一郎"]
    shoot(page, "41-import-done")
    assert Profile.objects.get(display_name="山田 太郎").birth_year == 1955
