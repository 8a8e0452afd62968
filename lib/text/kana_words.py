"""Words typed in hiragana that Sudachi cuts into pieces: しょどう, すまほ, ぱそこん.

Many volunteers type a word in hiragana. Sudachi's dictionary knows the common ones (おりがみ →
折り紙, けいたい → 携帯, そろばん → 算盤) but cuts others into pieces that mean nothing:
しょどう → しょ/どう, すまほ → す/まほ, ぱそこん → ぱ/そこ/ん, えいかいわ → え/いかい/わ. The
word is then lost: 「しょどう　中学生くらいまでなら教えられます」 never met a request for 書道.

``KanaWords.span(morphemes, i, text)`` looks at a run of hiragana pieces starting at piece ``i``
and says whether (and as which word) to read it again. A run is read again only when

1. it begins a word: at the start of the text or after a space, a line break, punctuation or a
   symbol. After a kanji, katakana, a letter or a digit, hiragana are okurigana or particles
   (教えます, 先生がいるか, パソコンがよく, データにして) and are left alone;
2. its first piece cannot begin a phrase: a particle, auxiliary or suffix (は/いく, しょ/どう),
   an interjection (え/いかい/わ, ほー/む/ぺ/ー/じ), or any piece of one mora (す/まほ, ぱ/そこ/ん,
   しょ/どう).
   A run that starts with a real word (いる/か, そこ/に) keeps Sudachi's reading;
3. the span read again ends where one of Sudachi's pieces ends, at the end of the run or
   before a particle or auxiliary (しょどう|を), and is at least three characters long.

The longest such span that reads as a word wins. The words it may be are the common nouns
written with kanji whose reading it is, taken from the ja-ginza vocabulary (the same 480,000
Sudachi normalized forms the word vectors are keyed by), and its katakana form if Sudachi knows
that as a common noun or a product name: えいかいわ → 英会話, すまほ → スマホ, ぱそこん →
パソコン, えくせる → エクセル, but しょどう → 書道, 初動, 所動, 書堂, 諸堂 or 諸道 and はいく →
俳句 or ハイク. With one word, it is taken. With several, the one whose word vector is closest
to the other words of the same text and to a few words of the service's setting (教える, 講座,
趣味, 地域…) is taken if it is clearly closer than the next (書道, not 初動; 茶道, not 作動);
otherwise the span is left as Sudachi read it — a guess would link
unrelated people.

What is stored is what the chosen word would have produced (書道 and its synonym group), so
requests, profiles and searches written either way meet. The reading table is built the first
time a span needs it (about 1.5 s: one Sudachi look-up per vocabulary word) and kept for the
life of the process; without ja-ginza only katakana words are found.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from sudachipy import SplitMode

from lib.text.kana import to_katakana
from lib.text.vectors import WordVectors, ja_ginza_vocab_dir

# The shortest span (in characters) read again: two-kana strings are too often real particles
# or words (して, のは) to risk.
MIN_CHARS = 3
# How much closer (cosine) the chosen kanji word must be to the text's other words than the
# next candidate with another vector.
MARGIN = 0.05

# The service's own setting, added to a text's words when choosing between words of one reading:
# what people here offer and ask for (しょどう with no other word is 書道, not 初動).
SETTING = tuple(
    [
        "教える",
        "習う",
        "講座",
        "教室",
        "講師",
        "体験",
        "趣味",
        "地域",
        "学校",
        "子供",
        "高齢者",
        "ボランティア",
        "活動",
        "指導",
        "公民館",
    ]
)

_HIRAGANA = re.compile(r"[\u3041-\u3096\u30fc]+")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096]+")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆]")
# A JSON string literal, and a kanji in it, as spaCy writes them (ASCII, \uXXXX escapes) or as
# UTF-8 (U+3400–U+9FFF: first byte E3 90 – E9 BF).
_JSON_STRING = re.compile(rb'"((?:[^"\\]|\\.)*)"')
_KANJI_JSON = re.compile(rb"\\u(?:3[4-9a-fA-F]|[4-9][0-9a-fA-F])|[\xe4-\xe9]|\xe3[\x90-\xbf]")
_SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎっ")
_CANNOT_BEGIN = ("助詞", "助動詞", "接尾辞", "感動詞")
_ENDS_BEFORE = ("助詞", "助動詞")


def is_hiragana(text: str) -> bool:
    return bool(text) and _HIRAGANA.fullmatch(text) is not None


def begins_word(text: str, begin: int) -> bool:
    """Whether a hiragana piece at ``begin`` starts a word rather than following one: at the
    start, or after a space, a line break, punctuation or a symbol. After a kanji, katakana, a
    letter or a digit, hiragana are okurigana or particles (教えます, パソコンが, PCを, データにして)."""
    if begin == 0:
        return True
    return unicodedata.category(text[begin - 1])[0] in "ZPSC"


@dataclass(frozen=True)
class Reading:
    """A span read again: it ends before piece ``end`` of the text and may be any of ``words``."""

    end: int
    words: tuple[str, ...]


class KanaWords:
    """Finds and reads hiragana words Sudachi cut into pieces (see the module docstring)."""

    def __init__(self, dictionary, vectors: Callable[[], WordVectors | None]) -> None:
        self._dictionary = dictionary
        self._vectors_of = vectors  # called only when a span needs the table (it loads once)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._readings: dict[str, str] | None = None

    # -- finding -----------------------------------------------------------------------------

    @staticmethod
    def word_starts(text: str) -> set[int]:
        """Offsets in ``text`` where a run of hiragana begins a word (rule 1)."""
        return {m.start() for m in _HIRAGANA_RUN.finditer(text) if begins_word(text, m.start())}

    def span(self, morphemes, i: int, text: str) -> Reading | None:
        """The span starting at piece ``i`` read as one word, or None to keep Sudachi's pieces."""
        first = morphemes[i]
        surface = first.surface()
        if not is_hiragana(surface) or not begins_word(text, first.begin()):
            return None
        morae = sum(1 for c in surface if c not in _SMALL_KANA)
        if morae > 1 and first.part_of_speech()[0] not in _CANNOT_BEGIN:
            return None
        end = i + 1
        while end < len(morphemes) and is_hiragana(morphemes[end].surface()):
            end += 1
        for stop in range(end, i + 1, -1):
            if stop < end and morphemes[stop].part_of_speech()[0] not in _ENDS_BEFORE:
                continue
            span = text[first.begin() : morphemes[stop - 1].end()]
            if len(span) < MIN_CHARS:
                break
            words = self.read(span)
            if words:
                return Reading(stop, words)
        return None

    def read(self, kana: str) -> tuple[str, ...]:
        """The words a hiragana string may be: common nouns written with kanji that have its
        reading, and its katakana form if Sudachi knows that as a word (はいく → 俳句, ハイク)."""
        katakana = to_katakana(kana)
        joined = self.readings().get(katakana)
        words = tuple(joined.split()) if joined else ()
        pieces = self._tokenizer().tokenize(katakana)
        if len(pieces) == 1 and not pieces[0].is_oov() and _is_word(pieces[0].part_of_speech()):
            words = (*words, katakana)
        return words

    # -- choosing ----------------------------------------------------------------------------

    def choose(self, words: tuple[str, ...], context: list[str]) -> str | None:
        """One of ``words``: the only one, or the one clearly closest to ``context`` and the
        service's own setting (``SETTING``)."""
        if len(words) == 1:
            return words[0]
        vectors = self._vectors_of()
        if vectors is None:
            return None
        rows = {w: vectors.row(w) for w in words}
        scored = [w for w in words if rows[w] >= 0]
        around = [vectors.row(w) for w in (*context, *SETTING) if not w.startswith("syn")]
        around = [r for r in around if r >= 0]
        if not scored or not around:
            return None
        centre = vectors.unit(np.asarray(around)).mean(axis=0)
        scores = vectors.unit(np.asarray([rows[w] for w in scored])) @ centre
        order = np.argsort(-scores)
        best = scored[int(order[0])]
        for j in order[1:]:
            other = scored[int(j)]
            if rows[other] == rows[best] or scores[order[0]] - scores[j] < MARGIN:
                return None  # as close, or the same vector: nothing to tell them apart
        return best

    def morpheme(self, word: str):
        """Sudachi's one piece for a chosen word (its normalized form and synonym groups)."""
        pieces = self._tokenizer().tokenize(word)
        return pieces[0] if len(pieces) == 1 else None

    # -- the reading table -------------------------------------------------------------------

    def readings(self) -> dict[str, str]:
        """Katakana reading → the common nouns written with kanji that have it, joined by
        spaces (one string a reading keeps the table small: about 58,000 readings)."""
        if self._readings is None:
            with self._lock:
                if self._readings is None:
                    self._readings = self._build_readings()
        return self._readings

    def _build_readings(self) -> dict[str, str]:
        vocab = ja_ginza_vocab_dir()
        vectors = self._vectors_of()
        if vocab is None or vectors is None or not (vocab / "strings.json").exists():
            return {}
        tokenizer = self._new_tokenizer()
        found: dict[str, str] = {}
        for word in _vocabulary_words(vocab / "strings.json"):
            if not vectors.knows(word):
                continue
            pieces = tokenizer.tokenize(word)
            if len(pieces) != 1:
                continue
            piece = pieces[0]
            pos = piece.part_of_speech()
            if pos[0] != "名詞" or pos[1] != "普通名詞" or piece.normalized_form() != word:
                continue
            reading = piece.reading_form()
            if len(reading) >= MIN_CHARS:
                found[reading] = f"{found[reading]} {word}" if reading in found else word
        return found

    def _tokenizer(self):
        tokenizer = getattr(self._local, "tokenizer", None)
        if tokenizer is None:
            tokenizer = self._local.tokenizer = self._new_tokenizer()
        return tokenizer

    def _new_tokenizer(self):
        return self._dictionary.tokenizer(SplitMode.C)


def _vocabulary_words(path) -> Iterator[str]:
    """The words of 2–8 characters with a kanji in spaCy's string table (a JSON array of
    600,000 strings), read without making all of them Python strings: a worker that builds the
    reading table keeps only the table, not the vocabulary."""
    data = path.read_bytes()
    for match in _JSON_STRING.finditer(data):
        raw = match.group(1)
        if not 2 <= len(raw) <= 48 or _KANJI_JSON.search(raw) is None:
            continue
        try:
            word = json.loads(b'"' + raw + b'"')
        except ValueError:  # not a string literal after all: skip it, never fail a save
            continue
        if 2 <= len(word) <= 8 and _KANJI.search(word):
            yield word


def _is_word(pos: tuple[str, ...]) -> bool:
    return pos[0] == "名詞" and (
        pos[1] == "普通名詞" or (pos[1] == "固有名詞" and pos[2] == "一般")
    )
