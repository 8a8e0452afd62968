"""The import engine on every kind of file a coordinator may hand it: each is read right or
refused by line and column, and a refused file imports nothing."""

import io
import zipfile

import openpyxl
import pytest

from talent.importing import ImportFailed, check_file, import_file
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "kind,display_name,furigana,skills,bio,phone,birth_year\n"


@pytest.fixture(autouse=True)
def areas(db):
    factories.area("中央地区")


def load(content: bytes, filename: str = "people.csv", **kwargs):
    return import_file(lambda: io.BytesIO(content), filename, **kwargs)


def refused(content: bytes, filename: str = "people.csv") -> list[str]:
    with pytest.raises(ImportFailed) as exc:
        load(content, filename)
    assert not Profile.objects.exists()
    return [str(p) for p in exc.value.problems]


def xlsx(rows, *, merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- encodings ---------------------------------------------------------------------------------


def test_a_utf8_file_with_one_cp932_row_is_refused_naming_that_line():
    content = (
        (HEADER + "instructor,佐藤 花子,さとう はなこ,書道,,,\n").encode("utf-8")
        + "instructor,鈴木 一郎,すずき いちろう,茶道,,,\n".encode("cp932")
        + "instructor,田中 進,たなか すすむ,華道,,,\n".encode()
    )
    problems = refused(content)
    assert len(problems) == 1
    assert problems[0].startswith("3行目: 文字コードが混ざっています")
    assert "3行目は UTF-8 として読めません" in problems[0]


def test_a_cp932_file_with_one_utf8_row_is_refused_too():
    content = (HEADER + "instructor,佐藤 花子,,書道,,,\n").encode("cp932") + (
        "instructor,鈴木 一郎,,茶道,,,\n".encode()
    )
    problems = refused(content)
    assert "2行目は UTF-8 として読めません" in problems[0]


def test_a_whole_cp932_file_is_read_as_cp932():
    result = load((HEADER + "instructor,佐藤 花子,,書道,,,\n").encode("cp932"))
    assert result.encoding == "CP932 (Shift_JIS)"
    assert Profile.objects.get().display_name == "佐藤 花子"


# -- formula-looking text, tabs ----------------------------------------------------------------


def test_formula_looking_text_is_stored_as_typed_and_flagged():
    content = (
        HEADER
        + 'instructor,山田 太郎,,"\t=1+2 を教えます","=HYPERLINK(""http://x.example"",""見て"")",,\n'
        + "instructor,木村 進,,@SUM の使い方,+cmd,,\n"
        + "instructor,林 茂,,書道,ふつうの自己紹介,,\n"
    ).encode()
    result = load(content)
    assert result.flagged_rows == 2
    yamada = Profile.objects.get(display_name="山田 太郎")
    assert yamada.skills == "\t=1+2 を教えます"  # the leading tab survives
    assert yamada.bio == '=HYPERLINK("http://x.example","見て")'
    assert yamada.formula_fields == ["skills", "bio"]
    assert Profile.objects.get(display_name="木村 進").formula_fields == ["skills", "bio"]
    assert Profile.objects.get(display_name="林 茂").formula_fields == []


# -- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        ("1955", 1955),
        ("１９５５", 1955),
        ("昭和30年", 1955),
        ("昭和30年4月1日", 1955),
        ("S30.4.1", 1955),
        ("Ｓ３０．４．１", 1955),
        ("1955/04/01", 1955),
        ("20180", 1955),  # an Excel serial day number: 1955-04-15
        ("令和元年5月1日", 2019),
    ],
)
def test_birth_years_are_read_from_every_way_of_writing_them(typed, year):
    load((HEADER + f"instructor,山田 太郎,,書道,,,{typed}\n").encode())
    assert Profile.objects.get().birth_year == year


def test_full_width_digits_and_katakana_are_read():
    load((HEADER + "講師,山田 太郎,ヤマダ　ﾀﾛｳ,書道,,０９０－１２３４－５６７８,\n").encode())
    profile = Profile.objects.get()
    assert profile.phone == "090-1234-5678"
    assert profile.furigana == "やまだ たろう"
    assert profile.kind == "instructor"


def test_japanese_headings_are_accepted():
    content = (
        "種別,氏名,ふりがな,できること,自己紹介,地区\n講師,山田 太郎,やまだ たろう,書道,,中央地区\n"
    )
    load(content.encode())
    assert [a.name for a in Profile.objects.get().areas.all()] == ["中央地区"]


# -- bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "fragment"),
    [
        (b"", "a.csv", "ファイルが空です"),
        (b"%PDF-1.7 ...", "a.pdf", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "a.png", "画像"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "a.xls", "古い形式"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "a.xlsx",
            "パスワード",
        ),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "壊れて"),
        ("instructor,山田,書道,\n".encode(), "a.csv", "1行目が見出しではなく"),
        ("名前,電話\n山田,090\n".encode(), "a.csv", "必要な列がありません"),
        (b"\xff\xfek\x00i\x00", "a.csv", "UTF-16"),
    ],
    ids=[
        "empty",
        "pdf",
        "png",
        "xls",
        "password",
        "broken-zip",
        "no-header",
        "wrong-header",
        "utf16",
    ],
)
def test_files_that_are_not_a_readable_list_are_refused(content, filename, fragment):
    problems = refused(content, filename)
    assert fragment in problems[0]


def test_an_xlsm_workbook_is_refused():
    content = xlsx([["kind", "display_name", "skills", "bio"], ["instructor", "山田", "書道", ""]])
    assert "マクロ" in refused(content, "people.xlsm")[0]
    # the same workbook declared macro-enabled inside, whatever its name
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"sheet.main+xml", b"sheet.macroEnabled.main+xml"
                )  # as Excel writes an .xlsm
            dst.writestr(item, data)
    assert "マクロ" in refused(out.getvalue(), "people.xlsx")[0]


def test_an_xlsx_is_read_with_dates_numbers_and_its_rows():
    from datetime import datetime

    content = xlsx(
        [
            ["kind", "display_name", "furigana", "skills", "bio", "phone", "birth_year"],
            ["instructor", "山田 太郎", "ヤマダ タロウ", "書道", None, "090-1111-2222", 1955],
            ["講師", "佐藤 花子", None, "茶道", "よろしく", None, datetime(1960, 5, 1)],
            [None, None, None, None, None, None, None],
        ]
    )
    result = load(content, "people.xlsx")
    assert result.imported == 2
    assert result.encoding == "Excel ブック"
    assert Profile.objects.get(display_name="山田 太郎").birth_year == 1955
    assert Profile.objects.get(display_name="佐藤 花子").birth_year == 1960


def test_an_xlsx_formula_cell_is_refused_by_its_address():
    content = xlsx(
        [
            ["kind", "display_name", "skills", "bio"],
            ["instructor", "山田 太郎", "書道", None],
            ["instructor", "佐藤 花子", '=C2&"と茶道"', None],
        ]
    )
    problems = refused(content, "people.xlsx")
    assert problems == [
        '3行目・「skills」列（セル C3）: 数式（=C2&"と茶道"）が入っています。数式のセルは読みません。'
        "コピーして「値の貼り付け」をしてから取り込んでください。"
    ]


def test_merged_cells_are_refused_with_their_range():
    content = xlsx(
        [
            ["kind", "display_name", "skills", "bio"],
            ["instructor", "山田 太郎", "書道", None],
            ["instructor", "佐藤 花子", "茶道", None],
        ],
        merge="A2:A3",
    )
    problems = refused(content, "people.xlsx")
    assert "結合されたセルがあります（A2:A3）" in problems[0]
    assert problems[0].startswith("2行目")


def test_every_bad_cell_is_named_by_line_and_column_and_nothing_is_imported():
    content = (
        HEADER
        + "instructor,山田 太郎,,書道,,,\n"  # line 2: good
        + "wizard,佐藤 花子,,,,,\n"  # line 3: bad kind, no skills
        + "instructor,鈴木 一郎,,茶道,,090-abc,令和99年\n"  # line 4: phone, year
    ).encode()
    problems = refused(content)
    assert [p.split(":")[0] for p in problems] == [
        "3行目・「skills」列",
        "3行目・「kind」列",
        "4行目・「phone」列",
        "4行目・「birth_year」列",
    ]


def test_the_preview_reads_without_writing():
    content = (HEADER + "instructor,山田 太郎,,書道,,,\n" + "wizard,佐藤,,書道,,,\n").encode()
    preview = check_file(lambda: io.BytesIO(content), "people.csv")
    assert preview.rows == 1
    assert next(str(p) for p in preview.problems).startswith("3行目・「kind」列")
    assert not Profile.objects.exists()
