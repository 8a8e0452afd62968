"""GET /api/profiles/?q=: each syntax element, readings, ranking and order."""

import pytest

from tests.search.conftest import ids

pytestmark = pytest.mark.django_db


def search(api, user, query: str, **filters):
    return ids(api.as_(user).get("/api/profiles/", {"q": query, **filters}))


def test_it_finds_a_word(api, coordinator, bank):
    assert search(api, coordinator, "囲碁") == [bank.sato.id]


def test_it_requires_every_word(api, coordinator, bank):
    assert set(search(api, coordinator, "書道")) == {
        bank.yamada.id,
        bank.sato.id,
        bank.draft.id,
    }
    assert search(api, coordinator, "書道 硬筆") == [bank.yamada.id]


def test_or_matches_either_word(api, coordinator, bank):
    assert set(search(api, coordinator, "囲碁 OR 硬筆")) == {bank.sato.id, bank.yamada.id}
    # OR binds tighter than the space: (囲碁 OR 硬筆) AND 将棋
    assert search(api, coordinator, "囲碁 OR 硬筆 将棋") == [bank.sato.id]


def test_a_lower_case_or_is_just_a_word(api, coordinator, bank):
    assert search(api, coordinator, "囲碁 or 硬筆") == []


def test_minus_excludes_a_word(api, coordinator, bank):
    assert search(api, coordinator, "英語") == [bank.kato.id, bank.ito.id]
    assert search(api, coordinator, "英語 -有償") == [bank.ito.id]
    assert search(api, coordinator, '英語 -"英語の絵本"') == [bank.ito.id]


def test_only_exclusions_list_everything_else(api, coordinator, bank):
    found = search(api, coordinator, "-書道")
    assert set(found) == {bank.ito.id, bank.kato.id}


def test_a_quoted_phrase_keeps_its_words_together_and_in_order(api, coordinator, bank):
    assert search(api, coordinator, "英語 絵本") == [bank.kato.id]
    assert search(api, coordinator, '"英語の絵本"') == [bank.kato.id]
    assert search(api, coordinator, '"絵本の英語"') == []
    # An unclosed quote runs to the end of the query.
    assert search(api, coordinator, '"パソコン教室') == [bank.ito.id]


def test_query_words_go_through_the_document_analyser(api, coordinator, bank):
    # 子ども / 子供 are one normalized form; ＰＣ is PC after NFKC; スマホ shares a synonym
    # group with スマートフォン.
    assert set(search(api, coordinator, "子供")) == {bank.yamada.id, bank.sato.id}
    assert set(search(api, coordinator, "こども")) == {bank.yamada.id, bank.sato.id}
    assert search(api, coordinator, "pc") == [bank.ito.id]
    assert search(api, coordinator, "ＰＣ") == [bank.ito.id]
    assert search(api, coordinator, "スマホ") == [bank.ito.id]


def test_a_word_that_analyses_to_several_terms_needs_them_all(api, coordinator, bank):
    assert search(api, coordinator, "スマホ相談") == [bank.ito.id]
    assert search(api, coordinator, "スマホ書道") == []


def test_particles_between_words_are_dropped(api, coordinator, bank):
    assert search(api, coordinator, "書道 の 硬筆") == [bank.yamada.id]
    assert search(api, coordinator, "書道 から 硬筆") == [bank.yamada.id]


@pytest.mark.parametrize("reading", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "やまだはなこ", "ヤマダ ハナコ"])
def test_a_name_is_found_by_its_reading(api, coordinator, bank, reading):
    assert search(api, coordinator, reading) == [bank.yamada.id]


def test_a_reading_sudachi_reads_as_another_word_still_finds_the_name(api, coordinator, bank):
    # Sudachi reads さとう as 砂糖 and かとう as nothing useful: the reading is matched as typed.
    assert search(api, coordinator, "さとう") == [bank.sato.id]
    assert search(api, coordinator, "カトウ") == [bank.kato.id]


def test_a_name_is_found_as_written(api, coordinator, bank):
    assert search(api, coordinator, "山田") == [bank.yamada.id]
    assert search(api, coordinator, "渡邊") == [bank.draft.id]
    assert search(api, coordinator, "伊藤 誠") == [bank.ito.id]


def test_it_ranks_a_skill_above_a_self_introduction(api, coordinator, bank):
    # 書道 is a skill of 山田 and 渡邊 (weight A) but only a hobby in 佐藤's bio (weight C).
    found = search(api, coordinator, "書道")
    assert found[-1] == bank.sato.id


def test_equal_ranks_fall_back_to_furigana_order(api, coordinator, bank):
    # 山田 (やまだ) and 渡邊 (わたなべ) both say 書道 once among their skills.
    found = search(api, coordinator, "書道")
    assert found[:2] == [bank.yamada.id, bank.draft.id]


def test_without_a_query_profiles_come_in_furigana_order(api, coordinator, bank):
    found = ids(api.as_(coordinator).get("/api/profiles/"))
    assert found == [bank.ito.id, bank.kato.id, bank.sato.id, bank.yamada.id, bank.draft.id]
    assert ids(api.as_(coordinator).get("/api/profiles/", {"q": "  "})) == found


def test_only_particles_find_nothing(api, coordinator, bank):
    res = api.as_(coordinator).get("/api/profiles/", {"q": "の"})
    assert res.status_code == 200
    assert res.json()["count"] == 0
