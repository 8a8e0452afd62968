"""Exports read back: xlsx with openpyxl, CSV with its BOM and in CP932; formula-looking text
neutralised; the privacy gate and the audit record; only coordinators."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from office.exports import writers
from talent.models import Profile
from tests import factories
from tests.office import city_year

pytestmark = pytest.mark.django_db

HOSTILE = {
    "=1+2": "'=1+2",
    "+81 90": "'+81 90",
    "-3": "'-3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tタブ": "'\tタブ",
    "\r改行": "'\r改行",
    "普通の文": "普通の文",
}


@pytest.fixture
def roster(db):
    """Three people in 五十音順 あ, か, さ; one with a formula for a name and 𠮷 (not in CP932)."""
    a = factories.profile(display_name='=HYPERLINK("http://x")', furigana="あおき", skills="@書道")
    b = factories.profile(display_name="𠮷田 花子", furigana="かとう", skills="絵本〜紙芝居")
    c = factories.profile(
        display_name="佐藤 健", furigana="さとう", skills="-英会話", external_id="M-0042",
        experience="元教員", status="pending",
    )  # fmt: skip
    return [a, b, c]


def read_csv(content: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding), newline="")))


def read_xlsx(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[("" if v is None else v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_the_writers_neutralise_formula_looking_text_in_csv_and_xlsx():
    rows = [(text, 5) for text in HOSTILE]
    expected = [[HOSTILE[text], 5] for text in HOSTILE]
    got = read_csv(writers.write_csv(["値", "数"], rows, encoding="utf-8").content, "utf-8-sig")
    assert got[1:] == [[v, "5"] for v, _ in expected]
    sheet = openpyxl.load_workbook(
        io.BytesIO(writers.write_xlsx([("表", ["値", "数"], rows)]).content)
    ).active
    # XML reads a lone CR back as LF; the leading ' is what matters.
    xlsx_expected = [[v.replace("\r", "\n"), n] for v, n in expected]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == xlsx_expected
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))
    # A negative number is a number, not text.
    assert read_xlsx(writers.write_xlsx([("t", ["n"], [(-3,)])]).content)[1] == [-3]


def test_cp932_maps_lookalikes_and_marks_what_it_cannot_hold():
    written = writers.write_csv(["名前"], [("𠮷田〜−😀髙橋",)], encoding="cp932")
    assert written.replaced == 2  # 𠮷 and 😀
    assert read_csv(written.content, "cp932")[1] == ["〓田～－〓髙橋"]


def test_the_roster_reads_back_the_same_from_xlsx_csv_and_cp932(api, coordinator, roster):
    client = api.as_(coordinator)
    x = client.get("/api/exports/profiles.xlsx")
    assert x.status_code == 200
    assert x["Content-Type"].startswith("application/vnd.openxmlformats")
    u = client.get("/api/exports/profiles.csv")
    assert u.content.startswith(b"\xef\xbb\xbf")
    s = client.get("/api/exports/profiles.csv?encoding=cp932")
    assert s.status_code == 200 and s["X-Export-Replaced-Characters"] == "1"

    from_xlsx = [[str(v) for v in row] for row in read_xlsx(x.content)]
    from_csv = read_csv(u.content, "utf-8-sig")
    from_sjis = read_csv(s.content, "cp932")
    header = from_csv[0]
    assert header[:5] == ["ID", "氏名", "ふりがな", "種別", "状態"]
    assert from_xlsx[0] == header == from_sjis[0]
    names = [row[1] for row in from_csv[1:]]
    assert names == ['\'=HYPERLINK("http://x")', "𠮷田 花子", "佐藤 健"]  # 五十音順
    assert [row[1] for row in from_xlsx[1:]] == names
    assert [row[1] for row in from_sjis[1:]] == ['\'=HYPERLINK("http://x")', "〓田 花子", "佐藤 健"]
    skills = header.index("できること・教えられること")
    assert [row[skills] for row in from_csv[1:]] == ["'@書道", "絵本〜紙芝居", "'-英会話"]
    assert [row[skills] for row in from_sjis[1:]] == ["'@書道", "絵本～紙芝居", "'-英会話"]
    # Everything else is the same cell for cell (dates as ISO text, numbers as text in CSV).
    for x_row, c_row in zip(from_xlsx[1:], from_csv[1:], strict=True):
        assert [v.split(" ")[0] for v in x_row] == [v.split(" ")[0] for v in c_row]


def test_the_coordinators_roster_carries_internal_fields(api, coordinator, roster):
    rows = read_csv(api.as_(coordinator).get("/api/exports/profiles.csv").content, "utf-8-sig")
    header = rows[0]
    sato = rows[3]
    assert sato[header.index("市の登録番号")] == "M-0042"
    assert sato[header.index("経験・資格")] == "元教員"
    assert sato[header.index("電話番号")] == "090-0000-1234"


def test_the_roster_goes_through_the_privacy_gate(coordinator, roster):
    from office.exports.datasets import profiles

    volunteer = factories.user("volunteer")
    data = profiles(volunteer)  # what a volunteer would get if the service let them
    header = list(data.columns)
    for row in data.rows:
        assert row[header.index("電話番号")] == ""
        assert row[header.index("市の登録番号")] == ""
    assert len(data.rows) == 2  # the pending registration is not visible to them


@pytest.mark.parametrize(
    "url",
    [
        "/api/exports/profiles.csv",
        "/api/exports/requests.xlsx",
        "/api/exports/activities.csv?fiscal_year=2026",
        "/api/exports/reports/2026.xlsx",
        "/api/exports/reports/2026/monthly.csv",
    ],
)
@pytest.mark.parametrize("who", ["volunteer", "teacher_a"])
def test_non_coordinators_get_403(api, request, url, who):
    response = api.as_(request.getfixturevalue(who)).get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied" or "detail" in response.json()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/exports/profiles.pdf", 400),
        ("/api/exports/profiles.csv?encoding=latin1", 400),
        ("/api/exports/profiles.xlsx?encoding=cp932", 400),
        ("/api/exports/profiles.csv?fiscal_year=26", 400),
        ("/api/exports/people.csv", 404),
        ("/api/exports/reports/2026/nothing.csv", 404),
        ("/api/exports/reports/abcd/monthly.csv", 400),
        ("/api/exports/reports/2026.csv", 400),
    ],
)
def test_bad_export_requests_are_4xx(api, coordinator, url, status):
    response = api.as_(coordinator).get(url)
    assert response.status_code == status
    assert "detail" in response.json()


def test_a_fiscal_year_limits_each_export(api, coordinator):
    city = city_year.build()
    client = api.as_(coordinator)
    people = read_csv(client.get("/api/exports/profiles.csv?fiscal_year=2026").content, "utf-8-sig")
    assert sorted(r[1] for r in people[1:]) == sorted(
        city.profiles[k].display_name for k in ("p1", "p3", "p5")
    )
    requests = read_xlsx(client.get("/api/exports/requests.xlsx?fiscal_year=2026").content)
    # All of 2026's requests the coordinator sees, the draft R6 too; not R7 (2027 年度).
    assert sorted(r[1] for r in requests[1:]) == sorted(
        city.requests[k].title for k in ("r1", "r2", "r3", "r4", "r5", "r6", "r8")
    )
    activities = read_xlsx(client.get("/api/exports/activities.xlsx?fiscal_year=2026").content)
    assert [r[1].date() for r in activities[1:]] == [
        date(2026, 6, 1),
        date(2026, 7, 20),
        date(2027, 3, 31),
    ]
    assert [r[6] for r in activities[1:]] == [2, 1.5, 3]


def test_report_tables_export_the_pages_numbers(api, coordinator):
    city_year.build()
    client = api.as_(coordinator)
    monthly = read_csv(client.get("/api/exports/reports/2026/monthly.csv").content, "utf-8-sig")
    assert monthly[0][:3] == ["月", "新規登録", "公開"]
    assert monthly[1][:3] == ["2026年4月", "1", "2"]
    assert monthly[-1][0] == "合計" and monthly[-1][1:4] == ["3", "3", "6"]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/api/exports/reports/2026.xlsx").content))
    assert "月別の推移" in book.sheetnames and "成果目標と実績" in book.sheetnames
    sheet = book["月別の推移"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width >= 10


def test_each_export_is_recorded(api, coordinator, roster, monkeypatch):
    seen = []
    monkeypatch.setattr("office.exports.services.record_export", lambda **kw: seen.append(kw))
    api.as_(coordinator).get("/api/exports/profiles.csv?encoding=cp932")
    assert seen == [
        {
            "actor": coordinator,
            "detail": {
                "file": "profiles_sjis.csv",
                "dataset": "profiles",
                "fiscal_year": None,
                "rows": 3,
                "encoding": "cp932",
                "replaced_characters": 1,
            },
        }
    ]
    assert Profile.objects.count() == 3


def test_the_roster_puts_people_without_a_reading_last(api, coordinator, roster):
    factories.profile(display_name="読み未入力 さん", furigana="")
    rows = read_csv(api.as_(coordinator).get("/api/exports/profiles.csv").content, "utf-8-sig")
    assert [r[2] for r in rows[1:]] == ["あおき", "かとう", "さとう", ""]
