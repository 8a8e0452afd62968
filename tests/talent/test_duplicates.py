"""The duplicate detector: planted pairs are found, distinct people are left alone."""

import io
import random

import pytest

from talent.duplicates import MAYBE, SAME, Person, compare, find_registered
from talent.importing import ImportFailed, check_file, import_file
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        # same name (spaces, width, 異体字 ignored) + reading + a contact → the same person
        (("高橋 誠", "たかはし まこと", "090-1111-2222"), ("髙橋　誠", "タカハシ マコト", "０９０１１１１２２２２"), SAME),
        (("山﨑 恵子", "", "", "k@example.jp"), ("山崎恵子", "やまざき けいこ", "", "K@Example.JP"), SAME),
        (("渡邉 博", "わたなべ ひろし", "", "", 1950), ("渡辺 博", "わたなべ ひろし", "", "", 1950), SAME),
        # same name, nothing else to confirm it → maybe
        (("渡邉 博", "わたなべ ひろし"), ("渡辺 博", "わたなべ ひろし", "03-1234-5678"), MAYBE),
        # same name and phone, readings that disagree → maybe
        (("山崎 茂", "やまざき しげる", "090-1"), ("山崎 茂", "やまさき しげる", "090-1"), MAYBE),
        # different names (斉藤/斎藤 are different families), same reading and birth year → maybe
        (("斉藤 進", "さいとう すすむ", "", "", 1948), ("斎藤 進", "さいとう すすむ", "", "", 1948), MAYBE),
        # different people
        (("斉藤 進", "さいとう すすむ"), ("斎藤 進", "さいとう すすむ"), None),
        (("佐藤 花子", "さとう はなこ", "090-1111-2222"), ("鈴木 花子", "すずき はなこ", "090-1111-2222"), None),
        (("佐藤 花子", "さとう はなこ", "", "", 1950), ("佐藤 花美", "さとう はなみ", "", "", 1950), None),
    ],
)  # fmt: skip
def test_compare(a, b, level):
    hit = compare(Person("a", *a), Person("b", *b))
    assert (hit.level if hit else None) == level


SURNAMES = [
    "佐藤:さとう",
    "鈴木:すずき",
    "高橋:たかはし",
    "田中:たなか",
    "伊藤:いとう",
    "渡辺:わたなべ",
    "山本:やまもと",
    "中村:なかむら",
    "小林:こばやし",
    "加藤:かとう",
    "吉田:よしだ",
    "山田:やまだ",
    "佐々木:ささき",
    "山口:やまぐち",
    "松本:まつもと",
    "井上:いのうえ",
    "木村:きむら",
    "林:はやし",
    "清水:しみず",
    "山崎:やまざき",
    "森:もり",
    "池田:いけだ",
    "橋本:はしもと",
    "阿部:あべ",
    "石川:いしかわ",
    "前田:まえだ",
    "小川:おがわ",
    "藤田:ふじた",
    "岡田:おかだ",
    "後藤:ごとう",
    "長谷川:はせがわ",
    "村上:むらかみ",
    "近藤:こんどう",
    "石井:いしい",
    "坂本:さかもと",
    "遠藤:えんどう",
    "青木:あおき",
    "藤井:ふじい",
    "西村:にしむら",
    "福田:ふくだ",
]
GIVEN = [
    "太郎:たろう",
    "花子:はなこ",
    "一郎:いちろう",
    "洋子:ようこ",
    "誠:まこと",
    "恵子:けいこ",
    "健:けん",
    "由美:ゆみ",
    "博:ひろし",
    "直美:なおみ",
    "茂:しげる",
    "幸子:さちこ",
    "勉:つとむ",
    "久美子:くみこ",
    "進:すすむ",
    "和子:かずこ",
    "浩二:こうじ",
    "明美:あけみ",
    "隆:たかし",
    "智子:ともこ",
    "修:おさむ",
    "裕子:ゆうこ",
    "武:たけし",
    "京子:きょうこ",
    "豊:ゆたか",
    "陽子:ようこ",
    "実:みのる",
    "順子:じゅんこ",
    "清:きよし",
    "節子:せつこ",
]


def distinct_people(n: int, seed: int = 3) -> list[tuple[str, str, str, str, int]]:
    rng = random.Random(seed)
    pairs = [(s.split(":"), g.split(":")) for s in SURNAMES for g in GIVEN]
    rng.shuffle(pairs)
    people = []
    for i, ((surname, s_read), (given, g_read)) in enumerate(pairs[:n]):
        people.append((
            f"{surname} {given}", f"{s_read} {g_read}", f"090-{i // 100:04d}-{i % 100:04d}",
            f"p{i}@example.jp", rng.randint(1940, 2000),
        ))  # fmt: skip
    return people


def as_csv(people) -> bytes:
    lines = ["kind,display_name,furigana,skills,bio,phone,email,birth_year"]
    lines += [f"instructor,{n},{r},書道,,{p},{e},{y}" for n, r, p, e, y in people]
    return ("\n".join(lines) + "\n").encode()


def test_no_false_pair_among_1000_distinct_people():
    people = distinct_people(1000)
    assert len({n for n, *_ in people}) == 1000
    preview = check_file(lambda: io.BytesIO(as_csv(people)), "people.csv")
    assert preview.problems == []
    assert preview.duplicates == []


def test_the_planted_pairs_of_a_file_are_found():
    people = distinct_people(200)
    planted = [
        # (line of the copy, level) — lines: header is 1, the 200 people 2..201
        ("髙橋 誠", "タカハシ マコト", "090-9999-0001", "", ""),  # 202 ↔ 203
        ("高橋誠", "たかはし まこと", "０９０−９９９９−０００１", "", ""),  # 203: same
        ("渡邉 隆", "わたなべ たかし", "", "", ""),  # 204 ↔ 205
        ("渡辺　隆", "", "", "", ""),  # 205: maybe (no contact)
        ("斉藤 勉", "さいとう つとむ", "", "", "1950"),  # 206 ↔ 207
        ("斎藤 勉", "さいとう つとむ", "", "", "昭和25年"),  # 207: maybe (same reading + year)
    ]
    content = as_csv([*people, *planted])
    preview = check_file(lambda: io.BytesIO(content), "people.csv")
    assert preview.problems == []
    found = {(d.line, d.level, d.hits[0].other.ref) for d in preview.duplicates}
    assert found == {(203, SAME, "202行目"), (205, MAYBE, "204行目"), (207, MAYBE, "206行目")}


def test_a_file_row_that_is_someone_registered_stops_the_command_unless_decided():
    factories.profile(display_name="佐藤 花子", furigana="さとう はなこ", phone="090-1111-2222")
    content = "kind,display_name,furigana,skills,bio,phone\ninstructor,佐藤　花子,サトウ ハナコ,茶道,,09011112222\n"
    with pytest.raises(ImportFailed) as exc:
        import_file(lambda: io.BytesIO(content.encode()), "a.csv")
    assert "2行目・「display_name」列: 登録済みの「佐藤 花子」" in str(exc.value.problems[0])
    assert Profile.objects.count() == 1
    assert (
        import_file(lambda: io.BytesIO(content.encode()), "a.csv", decisions={2: "skip"}).imported
        == 0
    )
    assert Profile.objects.count() == 1
    result = import_file(lambda: io.BytesIO(content.encode()), "a.csv", decisions={2: "new"})
    assert result.imported == 1
    assert Profile.objects.count() == 2


def test_paper_entry_finds_the_registered_person():
    registered = factories.profile(
        display_name="髙橋 誠", furigana="たかはし まこと", email="makoto@example.jp"
    )
    hits = find_registered(Person(None, "高橋誠", "タカハシマコト", "", "Makoto@example.jp"))
    assert [(h.other.ref, h.level) for h in hits] == [(registered.pk, SAME)]
    assert find_registered(Person(None, "高橋 誠", "", ""), exclude_id=registered.pk) == []
    assert find_registered(Person(None, "高田 誠", "たかだ まこと", "", "")) == []
