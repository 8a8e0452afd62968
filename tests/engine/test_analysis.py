"""Golden tests for the text pipeline: each behaviour pinned on a tiny input."""

import re
import threading

import pytest

from lib.text.analysis import Analyzer, is_synonym_term, split_for_sudachi, units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NFKC first: full-width Latin and half-width katakana become the ordinary forms.
        ("ＰＣ", ["pc", "syn3321", "syn3322", "syn14741", "syn14881"]),
        ("ﾊﾟｿｺﾝ", ["パソコン", "syn14881"]),
        ("Ｅｘｃｅｌ", ["excel", "syn15550"]),
    ],
)
def test_it_normalises_width_before_analysis(analyzer, text, expected):
    assert analyzer.terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A long unit is followed by its shorter parts, so each part meets the whole.
        ("英会話", ["英会話", "会話"]),
        ("社会福祉士", ["社会福祉士", "社会", "福祉"]),
        ("郷土史", ["郷土史", "郷土"]),
        # Sudachi already cuts these in mode C; every piece is a term of its own.
        ("プログラミング教室", ["プログラミング", "syn19447", "教室", "syn14330"]),
        (
            "学校支援ボランティア",
            ["学校", "syn12607", "支援", "syn310", "ボランティア", "syn8390"],
        ),
        # One-character parts (小 of 小学校, 館 of 公民館) are affixes and are left out.
        ("小学校", ["小学校", "学校"]),
        ("公民館", ["公民館", "公民"]),
    ],
)
def test_it_indexes_long_units_and_their_parts(analyzer, text, expected):
    assert analyzer.terms(text) == expected


def test_a_part_meets_the_long_unit(analyzer):
    assert "ボランティア" in analyzer.terms("学校支援ボランティア")
    assert "プログラミング" in analyzer.terms("プログラミング教室")
    assert set(analyzer.terms("会話")) <= set(analyzer.terms("英会話")) | {"syn7"}


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("子ども", "子供"),
        ("こども", "子供"),
        ("コドモ", "子供"),
        ("シュミレーション", "シミュレーション"),
        ("附属", "付属"),
        ("教えられます", "教える"),  # verbs are stored in their dictionary form
    ],
)
def test_it_stores_normalized_forms(analyzer, text, term):
    assert analyzer.terms(text)[0] == term


def test_spelling_variants_give_identical_terms(analyzer):
    assert analyzer.terms("子ども会") == analyzer.terms("こども会") == ["子供会", "子供"]


def test_sudachi_synonym_groups_become_stored_terms(analyzer):
    assert analyzer.terms("スマホ") == ["スマホ", "syn6201"]
    assert analyzer.terms("スマートフォン") == ["スマートフォン", "syn6201"]
    shared = set(analyzer.terms("パソコン")) & set(analyzer.terms("PC"))
    assert shared == {"syn14881"}


def test_a_word_in_too_many_groups_gets_none():
    strict = Analyzer(max_synonym_groups=1)
    assert strict.terms("PC") == ["pc"]  # four groups: too ambiguous to link
    assert strict.terms("スマホ") == ["スマホ", "syn6201"]


def test_synonym_terms_are_one_lowercase_ascii_word(analyzer):
    terms = analyzer.terms("スマホとパソコンとタブレットで子どもとお年寄りにZoomを教えます")
    groups = [t for t in terms if is_synonym_term(t)]
    assert groups
    assert all(re.fullmatch(r"syn[0-9]+", t) for t in groups)


def test_text_that_looks_like_a_synonym_term_is_not_one(analyzer):
    # Sudachi cuts "syn123" into a word and a number: the analyser cannot produce it.
    assert analyzer.terms("syn123") == ["syn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("絵本の朗読をします", ["絵本", "朗読"]),
        ("昔遊びを教えることができます", ["昔遊び", "教える", "syn23234"]),
        ("よろしくお願いいたします。", []),
        ("とても丁寧に説明します", ["丁寧", "説明", "syn12061"]),
        ("20年間、約3回", []),  # numbers and counters match on quantity, not on skill
        ("私はこの町で", ["町", "syn16518"]),  # pronoun, adnominal and particles go
    ],
)
def test_it_drops_particles_auxiliaries_symbols_and_stop_words(analyzer, text, expected):
    assert analyzer.terms(text) == expected


def test_stop_words_can_be_replaced_and_are_normalised_too():
    assert Analyzer().terms("書くこと") == ["書く", "syn21144"]
    assert Analyzer(stop_words=[]).terms("書くこと") == ["書く", "syn21144", "こと"]
    custom = Analyzer(stop_words=["こども"])
    assert custom.terms("子ども 書道") == ["書道"]


def test_terms_string_is_space_joined_and_terms_hold_no_spaces(analyzer):
    text = "Adobe Systems のソフトと ice cream\n書道　教室"
    terms = analyzer.terms(text)
    assert all(not re.search(r"\s", t) for t in terms)
    assert analyzer.terms_string(text) == " ".join(terms)


def test_content_terms_leave_out_synonym_terms(analyzer):
    assert analyzer.content_terms("スマホ教室") == ["スマホ", "教室"]


def test_empty_text_gives_no_terms(analyzer):
    assert analyzer.terms("") == []
    assert analyzer.terms("、。！？　\n") == []


def test_text_longer_than_sudachis_limit_is_cut_between_sentences(analyzer):
    sentence = "書道教室を開いています。\n"
    text = sentence * 6000  # about 140,000 bytes: three times what Sudachi accepts
    chunks = list(split_for_sudachi(text))
    assert len(chunks) > 1
    assert "".join(chunks) == text
    assert all(len(c.encode()) <= 49_149 for c in chunks)
    assert all(c.endswith(("\n", "。")) for c in chunks)
    assert analyzer.terms(text).count("書道") == 6000


def test_a_text_without_sentence_ends_is_still_cut(analyzer):
    text = "あ" * 40_000  # 120,000 bytes in one line
    chunks = list(split_for_sudachi(text))
    assert "".join(chunks) == text
    assert all(len(c.encode()) <= 49_149 for c in chunks)
    analyzer.terms(text)  # does not raise


def test_threads_share_one_analyser(analyzer):
    text = "子どもたちに昔遊びとスマホの使い方を教えます。" * 20
    expected = analyzer.terms(text)
    results = []

    def work():
        for _ in range(20):
            results.append(analyzer.terms(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80
    assert all(r == expected for r in results)


def test_stored_terms_can_be_grouped_back_into_units(analyzer):
    terms = analyzer.terms("子どもたちと英会話と書道")
    assert units(terms) == [["子供達", "子供"], ["英会話", "会話"], ["書道"]]
    assert units(["書道", "書道"]) == [["書道"], ["書道"]]
