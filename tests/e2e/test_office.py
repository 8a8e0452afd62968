"""The city office's year in a real browser: a coordinator opens the 年度 report with its
charts (server-drawn SVG, no JavaScript) and the numbers beside them, and a volunteer
downloads their 活動実績証明書 as a PDF."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_story import log_in
from tests.office import city_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_and_the_certificate(live_server, new_page, shoot, coordinator):
    base = live_server.url
    city = city_year.build()
    owner = factories.user("volunteer", username="aoki")
    p1 = city.profiles["p1"]
    p1.user = owner
    p1.save(update_fields=["user"])

    desk = new_page(viewport={"width": 1280, "height": 800})
    log_in(desk, base, "coordinator")
    desk.get_by_role("link", name="年度報告").click()
    desk.get_by_label("年度", exact=True).select_option("2026")
    desk.get_by_role("button", name="表示する").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("令和8年度（2026年度）の報告")

    charts = desk.locator("figure.chart img")
    assert charts.count() >= 5
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        # Drawn: the SVG decoded to a real picture, with a text alternative.
        assert chart.evaluate("img => img.complete && img.naturalWidth > 100")
        assert "数値は" in chart.get_attribute("alt")
    monthly = desk.get_by_role("table", name="月別の推移（令和8年度）")
    expect(monthly.get_by_role("row", name="2026年4月")).to_contain_text("1")
    expect(monthly.get_by_role("row", name="合計")).to_contain_text("6.5")
    needs = desk.get_by_role("table", name="満たされなかった依頼の分野（人材の発掘）（令和8年度）")
    expect(needs).to_contain_text("スマートフォン")
    shoot(desk, "20-report")

    with desk.expect_download() as got:
        desk.get_by_role("link", name="報告書全体を Excel（xlsx）で保存").click()
    assert got.value.suggested_filename == "report_2026.xlsx"

    desk.get_by_role("link", name="名簿").click()
    expect(desk.get_by_role("table")).to_contain_text(p1.display_name)
    shoot(desk, "21-roster")
    # Printed: the list and its privacy note, without the menu, the filter or the links.
    desk.emulate_media(media="print")
    expect(desk.get_by_role("table")).to_be_visible()
    expect(desk.locator(".print-only")).to_contain_text("個人情報を含みます")
    expect(desk.get_by_role("navigation", name="メニュー")).to_be_hidden()
    expect(desk.get_by_role("button", name="絞り込む")).to_be_hidden()
    desk.pdf(path=str(SCREENSHOTS / "21-roster-print.pdf"))
    # The request page prints what was asked and who comes, without the buttons.
    desk.goto(f"{base}/coord/requests/{city.requests['r4'].pk}/")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("スマートフォン教室の補助")
    assert desk.locator("button:visible").count() == 0
    desk.emulate_media(media="screen")
    assert desk.locator("button:visible").count() > 0

    vol = new_page()
    log_in(vol, base, "aoki")
    vol.goto(base + "/me/activities/")
    link = vol.get_by_role("link", name="令和8年度（2026年度）の活動実績証明書（PDF）")
    with vol.expect_download() as got:
        link.click()
    download = got.value
    assert download.suggested_filename == f"certificate_2026_{p1.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    shoot(vol, "22-activities-certificate")
