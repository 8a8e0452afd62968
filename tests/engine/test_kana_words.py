"""Words typed in hiragana that Sudachi cuts into pieces (lib/text/kana_words.py).

Each expected word below was written by hand from what the text means; the "before" column is
what Sudachi alone made of it (checked once by hand), so each case shows a word that was lost.
"""

import numpy as np
import pytest

from lib.text.analysis import Analyzer
from lib.text.kana_words import KanaWords


@pytest.fixture(scope="module")
def plain():
    """The analyser without this step: what the same texts gave before."""
    return Analyzer(kana_words=False)


@pytest.mark.parametrize(
    ("text", "word", "lost_before"),
    [
        # Loanwords typed in hiragana are read as the katakana word, with its synonym group.
        ("すまほ", "スマホ", "まほ"),
        ("ぱそこんを教えます", "パソコン", None),
        ("えくせるの表", "エクセル", None),
        ("ほーむぺーじの作成", "ホームページ", None),
        # Words written in kanji are found by their reading.
        ("えいかいわ", "英会話", "厳い"),
        ("えてがみ、はがき絵", "絵手紙", None),
        ("書道\nえいかいわ", "英会話", None),  # a word at the start of a line
        # One reading, several words: the one that fits the text and the service's setting.
        ("しょどう　中学生くらいまでなら教えられます", "書道", None),  # not 初動, 所動, 諸道
        ("しょどう", "書道", None),
        ("さどうの作法", "茶道", None),  # not 作動, 差動, 左道
    ],
)
def test_a_hiragana_word_sudachi_cut_up_is_read_as_the_word(
    analyzer, plain, text, word, lost_before
):
    assert word in analyzer.terms(text)
    assert word not in plain.terms(text)
    if lost_before:
        assert lost_before in plain.terms(text)
        assert lost_before not in analyzer.terms(text)


def test_the_word_read_from_hiragana_is_stored_as_if_written(analyzer):
    # The same terms, synonym groups and parts as the word written out: they meet in the index.
    assert analyzer.terms("すまほ") == analyzer.terms("スマホ")
    assert analyzer.terms("えいかいわ") == analyzer.terms("英会話")
    assert analyzer.terms("ぱそこんを教えます") == analyzer.terms("パソコンを教えます")
    # Terms stay in text order around it.
    assert analyzer.terms("しょどうと華道") == ["書道", *analyzer.terms("華道")]


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # Real words and grammar Sudachi read right stay as they are.
        ("いるかどうか聞きます", "イルカ"),  # いる + か: a verb and a particle
        ("そこにいるかもしれない", "イルカ"),
        ("いるかもしれません", "イルカ"),  # いる/か/も: a real word first
        # After katakana, a letter or a kanji, hiragana are particles or okurigana.
        ("パソコンがよく分からない", "我欲"),
        ("ネガを、データにして残す", "西手"),
        ("日本語はいくつかの方言", "俳句"),
        # Two characters are too short to guess from.
        ("すま", "スマ"),
    ],
)
def test_grammar_and_real_words_are_not_read_again(analyzer, plain, text, not_expected):
    assert not_expected not in analyzer.terms(text)
    assert analyzer.terms(text) == plain.terms(text)


def test_ordinary_text_is_analysed_as_before(analyzer, plain):
    for text in [
        "おりがみとあやとりを教えます",
        "とても上手です。はい、わかりました",
        "けいたいの使い方",
        "子どもたちと一緒に、たのしく活動します",
    ]:
        assert analyzer.terms(text) == plain.terms(text)


class _Vectors:
    """Three words on two rows: 甲 and 乙 share a row, 丙 has its own."""

    rows = {"甲": 0, "乙": 0, "丙": 1, "文脈": 0, "他": 1}
    table = np.asarray([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)

    def row(self, word):
        return self.rows.get(word, -1)

    def unit(self, rows):
        return self.table[np.asarray(rows)]


@pytest.fixture
def kana(analyzer):
    return KanaWords(analyzer._dictionary, _Vectors)


def test_one_candidate_is_taken(kana):
    assert kana.choose(("丙",), []) == "丙"


def test_the_candidate_nearest_the_text_is_taken(kana, monkeypatch):
    monkeypatch.setattr("lib.text.kana_words.SETTING", ())
    assert kana.choose(("甲", "丙"), ["文脈"]) == "甲"
    assert kana.choose(("甲", "丙"), ["他"]) == "丙"


def test_no_guess_when_the_candidates_cannot_be_told_apart(kana, monkeypatch):
    monkeypatch.setattr("lib.text.kana_words.SETTING", ())
    assert kana.choose(("甲", "乙"), ["文脈"]) is None  # the same vector
    assert kana.choose(("甲", "丙"), ["文脈", "他"]) is None  # equally close
    assert kana.choose(("甲", "丙"), []) is None  # nothing to compare with


def test_without_word_vectors_only_one_candidate_is_taken(analyzer):
    kana = KanaWords(analyzer._dictionary, lambda: None)
    assert kana.choose(("書道", "初動"), ["教える"]) is None
    assert kana.choose(("英会話",), []) == "英会話"
