"""A small talent bank with the wording traps search has to get right: 表記ゆれ (子ども/子供,
ＰＣ/PC), synonyms (スマホ/スマートフォン), names found by their reading, and words that sit in
different fields (skills weigh more than the self-introduction)."""

from types import SimpleNamespace

import pytest

from tests import factories


@pytest.fixture
def areas(db):
    return SimpleNamespace(
        chuo=factories.area("中央地区"),
        higashi=factories.area("東地区"),
        kita=factories.area("北地区"),
    )


@pytest.fixture
def bank(areas):
    """Named profiles (all published unless said otherwise)."""
    p = factories.profile
    return SimpleNamespace(
        yamada=p(
            display_name="山田 花子",
            furigana="やまだ はなこ",
            skills="書道と硬筆を子どもに教えられます。",
            bio="元小学校教員です。",
            kind="instructor",
            areas=[areas.chuo],
            availability=["mon_am", "wed_pm"],
            fee="free",
            public_fields=["furigana", "bio"],
        ),
        ito=p(
            display_name="伊藤 誠",
            furigana="いとう まこと",
            skills="スマートフォンの使い方相談、パソコン教室の補助",
            bio="ＰＣ歴30年。英語も少し話せます。",
            kind="it_volunteer",
            areas=[areas.higashi],
            availability=["tue_night", "sat_am"],
            fee="travel_only",
            public_fields=["furigana"],
        ),
        kato=p(
            display_name="加藤 洋子",
            furigana="かとう ようこ",
            skills="英会話、英語の絵本の読み聞かせ",
            experience="英検1級。中学校で英語を教えていました。",
            bio="有償の講座も承ります。",
            kind="instructor",
            areas=[areas.chuo, areas.kita],
            availability=["wed_am", "wed_night"],
            fee="honorarium",
            public_fields=["furigana", "experience", "bio"],
        ),
        sato=p(
            display_name="佐藤 一郎",
            furigana="さとう いちろう",
            skills="囲碁と将棋の相手",
            bio="趣味は書道です。子供会の役員をしていました。",
            kind="school_support",
            areas=[areas.kita],
            availability=["fri_pm"],
            fee="free",
            public_fields=["furigana", "bio"],
        ),
        draft=p(
            display_name="渡邊 健",
            furigana="わたなべ けん",
            skills="書道の師範です",
            bio="",
            kind="instructor",
            status="pending",
            public_fields=["furigana"],
        ),
    )


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]
