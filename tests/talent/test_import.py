"""import_profiles: each encoding, all rows or none, every bad row named with its line."""

import pytest
from django.core.management import CommandError, call_command

from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "kind,display_name,furigana,skills,bio,status,areas,email,phone,external_id\n"
ROWS = (
    "instructor,山田 太郎,やまだ たろう,書道（楷書・行書）,元中学校教員です,published,中央地区,yamada@example.jp,090-0000-0001,R-001\n"
    "it_volunteer,佐藤 花子,さとう はなこ,スマホの使い方相談,,pending,中央地区・東地区,,,R-002\n"
    '学校支援ボランティア,鈴木 一郎,すずき いちろう,"読み聞かせ、昔遊び","孫が二人います。\n絵本が好きです。",,,,,R-003\n'
)


@pytest.fixture(autouse=True)
def areas(db):
    factories.area("中央地区")
    factories.area("東地区")


def run(tmp_path, content: bytes) -> str:
    path = tmp_path / "profiles.csv"
    path.write_bytes(content)
    from io import StringIO

    out = StringIO()
    call_command("import_profiles", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("cp932"),
        lambda s: s.replace("\n", "\r\n").encode("cp932"),
    ],
    ids=["utf-8", "utf-8-bom", "cp932", "cp932-crlf"],
)
def test_it_imports_each_encoding(tmp_path, encode):
    output = run(tmp_path, encode(HEADER + ROWS))
    assert "3件" in output
    yamada = Profile.objects.get(external_id="R-001")
    assert yamada.display_name == "山田 太郎"
    assert yamada.status == "published"
    assert yamada.phone == "090-0000-0001"
    assert [a.name for a in yamada.areas.all()] == ["中央地区"]
    sato = Profile.objects.get(external_id="R-002")
    assert sorted(a.name for a in sato.areas.all()) == ["中央地区", "東地区"]
    suzuki = Profile.objects.get(external_id="R-003")
    assert suzuki.kind == "school_support"
    assert suzuki.status == "pending"  # the default
    assert "絵本が好き" in suzuki.bio
    assert "読み聞かせ" in suzuki.tok_skills.split()


def test_the_minimal_header_is_enough(tmp_path):
    output = run(tmp_path, "kind,display_name,skills,bio\ninstructor,田中,茶道,\n".encode())
    assert "1件" in output
    assert Profile.objects.get().status == "pending"


def test_a_bad_row_imports_nothing_and_names_every_bad_row(tmp_path):
    bad = (
        HEADER
        + ROWS
        + "wizard,魔法 使い,,魔法,,,,,,R-004\n"  # line 6 (row 3 spans lines 4-5): bad kind
        + "instructor,,,書道,,,,,,R-005\n"  # line 7: no name
        + "instructor,木村,,書道,,published,西地区,,,R-006\n"  # line 8: unknown area
        + "instructor,木村,,書道,,,,not-an-email,,R-007\n"  # line 9: bad email
        + "instructor,山田,,書道,,,,,,R-001\n"  # line 10: duplicate registration number
    )
    with pytest.raises(CommandError) as exc:
        run(tmp_path, bad.encode("utf-8"))
    message = str(exc.value)
    for line in ("6行目", "7行目", "8行目", "9行目", "10行目"):
        assert line in message
    assert "5行目" not in message
    assert "wizard" in message and "西地区" in message and "登録番号" in message
    assert "何も登録していません" in message
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("display_name,skills\n山田,書道\n".encode(), "kind"),
        (b"", "空です"),
        ("kind,display_name,skills,bio\ninstructor,山田,書道\n".encode(), "列の数"),
        ("kind,display_name,skills,bio\ninstructor,山田,書道,,余分\n".encode(), "列の数"),
        (b"\xff\xfe\x00k\x00i\x00n\x00d", "NUL"),
        (b"kind,display_name,skills,bio\n\x81\x7f\xfc\xfc,\xff\xff,x,y\n", "文字コード"),
        ("kind,display_name,skills,bio,status\ninstructor,山田,書道,,suspended\n".encode(), "状態"),
    ],
    ids=["missing-columns", "empty", "short-row", "long-row", "utf16", "undecodable", "bad-status"],
)
def test_broken_files_import_nothing_with_a_reason(tmp_path, content, fragment):
    with pytest.raises(CommandError) as exc:
        run(tmp_path, content)
    assert fragment in str(exc.value)
    assert not Profile.objects.exists()


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_profiles", str(tmp_path / "nope.csv"))
