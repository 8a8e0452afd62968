"""The report page, the printable roster and the certificate PDF through the pages."""

import io

import pytest

from tests.office import city_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_report_page_shows_charts_and_tables_with_the_same_numbers(as_user, coordinator):
    city_year.build()
    page = as_user(coordinator).get("/coord/reports/2026/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "令和8年度（2026年度）の報告" in html
    assert "2026年4月1日(水)から2027年3月31日(水)まで" in html
    assert html.count('src="data:image/svg+xml;base64,') >= 5
    assert "<script" not in html.split("<main", 1)[1]  # no JavaScript for the charts
    assert '<caption id="cap-monthly">月別の推移（令和8年度）</caption>' in html
    assert '<th scope="row">2026年4月</th><td>1</td><td>2</td>' in html  # 登録 1, 公開 2
    assert "スマートフォン" in html  # the unmet need


def test_the_report_page_redirects_to_the_year_picked(as_user, coordinator):
    response = as_user(coordinator).get("/coord/reports/?year=2025")
    assert response.status_code == 302 and response["Location"] == "/coord/reports/2025/"


@pytest.mark.parametrize("year", ["20x6", "1999", "9999"])
def test_a_bad_year_is_a_japanese_400_page(as_user, coordinator, year):
    response = as_user(coordinator).get(f"/coord/reports/{year}/")
    assert response.status_code == 400
    assert "年度の指定が正しくありません" in response.content.decode()


def test_an_empty_year_shows_zeros(as_user, coordinator):
    html = as_user(coordinator).get("/coord/reports/2016/").content.decode()
    assert "平成28年度（2016年度）の報告" in html
    assert "<dt>新規登録</dt><dd>0人</dd>" in html


@pytest.mark.parametrize("url", ["/coord/reports/2026/", "/coord/roster/"])
def test_only_coordinators_open_the_office_pages(as_user, client, volunteer, teacher_a, url):
    assert client.get(url).status_code == 302  # to the login page
    assert as_user(volunteer).get(url).status_code == 403
    assert as_user(teacher_a).get(url).status_code == 403


def test_the_roster_page_lists_people_in_gojuon_order_for_print(as_user, coordinator):
    city = city_year.build()
    html = as_user(coordinator).get("/coord/roster/?fiscal_year=2026").content.decode()
    names = [city.profiles[k].display_name for k in ("p1", "p3", "p5")]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)
    assert city.profiles["p2"].display_name not in html
    assert 'class="print-only"' in html


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_volunteer_downloads_their_own_certificate(as_user, coordinator):
    city = city_year.build()
    p1 = city.profiles["p1"]
    from tests import factories

    owner = factories.user("volunteer")
    p1.user = owner
    p1.save(update_fields=["user"])
    response = as_user(owner).get(f"/certificates/{p1.pk}/2026.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "活動実績証明書" in text.replace(" ", "")  # the title is letter-spaced
    assert "青木 一郎" in text and "令和8年度" in text
    assert "みどり野市" in text
    assert "令和8年6月1日(月)" in text and "令和9年3月31日(水)" in text
    assert "5.0時間" in text  # 2.0 + 3.0; the April 1 2027 activity is next year's


def test_another_volunteer_cannot_get_the_certificate(as_user, other_volunteer, volunteer):
    from talent.models import Profile

    theirs = Profile.objects.get(user=volunteer)
    response = as_user(other_volunteer).get(f"/certificates/{theirs.pk}/2026.pdf")
    assert response.status_code == 403


def test_coordinators_get_anyones_certificate(as_user, coordinator, volunteer):
    from talent.models import Profile

    theirs = Profile.objects.get(user=volunteer)
    response = as_user(coordinator).get(f"/certificates/{theirs.pk}/2026.pdf")
    assert response.status_code == 200
    assert "この年度に記録された活動はありません" in pdf_text(response.content)


def test_without_the_japanese_font_the_page_says_so_and_still_draws(
    as_user, coordinator, monkeypatch
):
    from office import charts

    monkeypatch.setattr(charts, "japanese_font_available", lambda: False)
    charts.bar_chart.cache_clear()
    html = as_user(coordinator).get("/coord/reports/2026/").content.decode()
    assert "グラフ用の日本語フォント（Noto Sans CJK JP）がサーバーにない" in html
    assert html.count('src="data:image/svg+xml;base64,') >= 5
    charts.bar_chart.cache_clear()


def test_charts_are_svg_with_text_drawn_as_outlines():
    from office import charts

    svg = charts.bar_chart(["講師", "ITボランティア"], [3, 1], ylabel="人数")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "<text" not in svg  # glyphs are paths: no font needed in the browser
    assert charts.bar_chart(["講師", "ITボランティア"], [3, 1], ylabel="人数") is svg  # cached
