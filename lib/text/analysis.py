"""The one Japanese text pipeline: profiles, requests, search queries and evaluation.

``Analyzer.terms(text)`` turns free text into the list of terms that is stored (space-joined)
in the ``tok_*`` columns and that every index and search is built from:

1. Unicode NFKC (ＰＣ → PC, ﾊﾟｿｺﾝ → パソコン).
2. SudachiPy with sudachidict-core, long units (SplitMode.C).
3. Each kept unit is emitted as its ``normalized_form()`` in lower case (子ども・こども・コドモ →
   子供, シュミレーション → シミュレーション, 附属 → 付属, PC → pc), followed by

   - one ``syn<id>`` term per Sudachi synonym group of the unit (スマホ and スマートフォン both
     emit ``syn6201``), and
   - its shorter SplitMode.A parts (英会話 → 会話, 社会福祉士 → 社会, 福祉), so that a long
     unit meets its parts.

The order is the text order, unit by unit, so a phrase analysed by the same pipeline is a
contiguous run of the stored terms (what phrase search and the domain synonym list rely on);
``units()`` groups stored terms back into units (a part is a shorter term contained in the
unit before it).

Why ``syn<id>`` terms are stored rather than looked up later: the index is built from stored
terms only, without Sudachi, so a group has to survive storage. ``syn`` + digits is lower-case
ASCII without spaces, so PostgreSQL's ``to_tsvector('simple', ...)`` keeps it as one lexeme,
and the analyser can never produce it from real text (Sudachi splits ``syn123`` into ``syn``
and a number). Groups are broad in places (PC is in four, one of them unrelated to
computers), so false links are contained elsewhere: only long units get groups (not their
parts), a unit with more than ``max_synonym_groups`` groups gets none, and the index gives a
word's groups a quarter of its weight, split between them (see ``vectorize.SHARES``), so a
synonym match scores well below the same word.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from sudachipy import Dictionary, SplitMode

from lib.text.kana_words import KanaWords, Reading
from lib.text.vectors import default_vectors

SYNONYM_PREFIX = "syn"

# Sudachi refuses input longer than 49,149 bytes; cut well below it, at a line or sentence
# end where there is one, so no word is cut in two.
_MAX_CHUNK_BYTES = 30_000
_SENTENCE_ENDS = ("\n", "。", "！", "？", "!", "?")

# OOV morphemes (numbers joined by Sudachi's numeric plugin, unknown words) carry a synthetic
# word id (0xF0000000 | POS id) shared by every surface, so they are cached by surface too.
_OOV_WORD_ID = 0xF0000000
_CACHE_LIMIT = 500_000


def _words(text: str) -> list[str]:
    return text.split()


# Grammatical glue that survives the part-of-speech filter: light verbs and formal nouns that
# appear in almost every self-introduction and request (〜することができます, 〜のため, 〜の際)
# and say nothing about the topic. IDF would weigh them down anyway, but they would still
# lengthen every posting list the ranker reads and clutter the "matched terms" explanation.
# Listed as written; the analyser stores their normalized forms.
DEFAULT_STOP_WORDS: frozenset[str] = frozenset(
    _words(
        """
        する ある いる なる できる 思う 言う 行う おる くる 来る 行く いく
        致す いただく 頂く くださる 下さる もらう 貰う くれる 呉れる 存じる
        願う 考える 持つ 使う 見る こと 事 もの 物 ため 為 よう 様 ところ
        所 とき 時 方 他 ほか 際 場合 以上 以下 程度 等 中 前 後 上 下
        今 元 人 名 個 円 皆 皆さん 是非 予定 お願い 希望 可能 様々 色々
        自分 一緒 参加 大丈夫 よろしく
        """
    )
)


def _keep_pos(pos: tuple[str, ...]) -> bool:
    """Whether a part of speech carries content worth matching on.

    Kept: nouns (common and proper), verbs, adjectives and na-adjectives (書道, 教える, 詳しい,
    丁寧). Dropped: particles, auxiliaries, symbols and blanks (no content); pronouns, adverbs,
    adnominals, conjunctions, interjections (とても, この: no topic); prefixes and suffixes (お,
    約, 〜さん: fragments); numerals and counter nouns (20, 年, 回: they match on quantity, not
    skill); non-independent verbs and adjectives (いる, ない: auxiliary use).
    """
    head, sub, detail = pos[0], pos[1], pos[2]
    if head == "名詞":
        return sub != "数詞" and detail != "助数詞可能"
    if head in ("動詞", "形容詞", "形状詞"):
        return sub == "一般"
    return False


def _is_noise(term: str) -> bool:
    # A single kana or ASCII letter is almost always a mis-split fragment; single kanji such as
    # 書, 絵, 茶 or 碁 are real topics and stay.
    if len(term) != 1:
        return False
    ch = term
    return ch.isascii() or "\u3040" <= ch <= "\u30ff"


def split_for_sudachi(text: str, max_bytes: int = _MAX_CHUNK_BYTES) -> Iterator[str]:
    """Yield pieces of ``text`` that Sudachi accepts, cut at line or sentence ends if possible."""
    # UTF-8 needs at most 4 bytes a character: short texts skip the encoding check.
    if len(text) * 4 <= max_bytes or len(text.encode("utf-8")) <= max_bytes:
        yield text
        return
    max_chars = max_bytes // 4
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = max(text.rfind(mark, start, end) for mark in _SENTENCE_ENDS)
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


class Analyzer:
    """Japanese text → content terms, the same way for stored text and queries.

    One Sudachi dictionary per analyser and one tokenizer per thread (Sudachi tokenizers are not
    safe to share between threads). Decisions are cached per dictionary entry, so after warm-up
    the cost is Sudachi's own plus a dictionary look-up per morpheme.
    """

    def __init__(
        self,
        stop_words: Iterable[str] | None = None,
        *,
        max_synonym_groups: int = 4,
        split_parts: bool = True,
        dictionary: str = "core",
        kana_words: bool = True,
    ) -> None:
        self.max_synonym_groups = max_synonym_groups
        self.split_parts = split_parts
        self._dictionary = Dictionary(dict=dictionary)
        self._local = threading.local()
        self._cache: dict[object, tuple[str, ...]] = {}
        self._pos_keep: dict[int, bool] = {}
        words = DEFAULT_STOP_WORDS if stop_words is None else frozenset(stop_words)
        # Stop words are compared after normalisation, so 子ども-style variants of a listed
        # word are caught as well: store each word both as written and normalised.
        self.stop_words: frozenset[str] = frozenset(self._normalise_words(words))
        self._kana_words = KanaWords(self._dictionary, default_vectors) if kana_words else None

    # -- public API -------------------------------------------------------------------------

    def terms(self, text: str) -> list[str]:
        """The analysed terms of ``text``, in text order (see the module docstring)."""
        if not text:
            return []
        text = unicodedata.normalize("NFKC", text)
        tokenizer = self._tokenizer()
        kana = self._kana_words
        out: list[str] = []
        extend = out.extend
        decided_of = self._decided
        cache = self._cache
        # Hiragana words read again (lib/text/kana_words.py): where they go in ``out``, the
        # span, and Sudachi's own terms for it in case no word is chosen.
        pending: list[tuple[int, Reading, list[str]]] = []
        for chunk in split_for_sudachi(text):
            morphemes = tokenizer.tokenize(chunk)
            starts = kana.word_starts(chunk) if kana is not None else ()
            skip_to = 0
            for i, morpheme in enumerate(morphemes):
                if i < skip_to:
                    continue
                word_id = morpheme.word_id()
                decided = cache.get(word_id) if word_id < _OOV_WORD_ID else None
                if decided is None:
                    decided = decided_of(morpheme)
                # A hiragana piece at the start of a word may begin a word Sudachi cut up
                # (lib/text/kana_words.py); most pieces follow a kanji or kana and are skipped.
                if starts and morpheme.begin() in starts:
                    reading = kana.span(morphemes, i, chunk)
                    if reading is not None:
                        own = [t for j in range(i, reading.end) for t in decided_of(morphemes[j])]
                        pending.append((len(out), reading, own))
                        skip_to = reading.end
                        continue
                if decided:
                    extend(decided)
        for at, reading, own in reversed(pending):
            out[at:at] = self._read_again(reading, own, out)
        return out

    def terms_string(self, text: str) -> str:
        """The stored form: ``terms(text)`` joined by single spaces."""
        return " ".join(self.terms(text))

    def sudachi_tokenizer(self):
        """This thread's bare SudachiPy tokenizer (SplitMode.C) over the analyser's dictionary:
        for measuring the analyser against Sudachi alone (bench/), never for stored terms."""
        return self._tokenizer()

    def content_terms(self, text: str) -> list[str]:
        """``terms(text)`` without the ``syn<id>`` terms: what a person would call the words."""
        return [t for t in self.terms(text) if not is_synonym_term(t)]

    def plain_words(self, text: str) -> list[str]:
        """Every morpheme's normalized form but punctuation and blanks: no part-of-speech
        filter, no stop words, no synonyms or parts (the evaluation's plain word baseline)."""
        text = unicodedata.normalize("NFKC", text or "")
        return [
            m.normalized_form()
            for chunk in split_for_sudachi(text)
            for m in self._tokenizer().tokenize(chunk)
            if m.part_of_speech()[0] not in ("補助記号", "空白") and m.surface().strip()
        ]

    def surfaces(self, text: str) -> list[tuple[int, int, str]]:
        """(begin, end, surface) of each long unit of ``text`` as given (no NFKC, no chunking:
        offsets are into ``text``), cut by this analyser's own tokenizer: where the words of a
        snippet stand (lib/text/snippets.py), without a second dictionary."""
        return [(m.begin(), m.end(), m.surface()) for m in self._tokenizer().tokenize(text)]

    # -- internals --------------------------------------------------------------------------

    def _tokenizer(self):
        tokenizer = getattr(self._local, "tokenizer", None)
        if tokenizer is None:
            tokenizer = self._dictionary.tokenizer(SplitMode.C)
            self._local.tokenizer = tokenizer
        return tokenizer

    def _keeps(self, pos_id: int) -> bool:
        keep = self._pos_keep.get(pos_id)
        if keep is None:
            keep = _keep_pos(self._dictionary.pos_of(pos_id))
            self._pos_keep[pos_id] = keep
        return keep

    def _decided(self, morpheme) -> tuple[str, ...]:
        """``_decide`` cached per dictionary entry (per surface for OOV morphemes)."""
        word_id = morpheme.word_id()
        key: object = word_id
        if word_id >= _OOV_WORD_ID:
            key = (word_id, morpheme.surface())
        cache = self._cache
        decided = cache.get(key)
        if decided is None:
            decided = self._decide(morpheme)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[key] = decided
        return decided

    def _read_again(self, reading: Reading, own: list[str], context: list[str]) -> list[str]:
        """The terms of a hiragana span read as one word, or Sudachi's own when none is chosen."""
        word = self._kana_words.choose(reading.words, context)
        piece = self._kana_words.morpheme(word) if word is not None else None
        decided = self._decide(piece) if piece is not None else ()
        return list(decided) if decided else own

    def _term(self, morpheme) -> str | None:
        """The normalised term of one morpheme, or None when it is not a content word."""
        if not self._keeps(morpheme.part_of_speech_id()):
            return None
        term = "".join(morpheme.normalized_form().lower().split())
        if not term or term in self.stop_words or _is_noise(term):
            return None
        return term

    def _decide(self, morpheme) -> tuple[str, ...]:
        term = self._term(morpheme)
        if term is None:
            return ()
        out = [term]
        groups = morpheme.synonym_group_ids()
        if groups and len(groups) <= self.max_synonym_groups:
            out.extend(f"{SYNONYM_PREFIX}{g}" for g in groups)
        if self.split_parts:
            parts = morpheme.split(SplitMode.A)
            if len(parts) > 1:
                for part in parts:
                    part_term = self._term(part)
                    # One-character parts (小 of 小学校, 館 of 公民館, 者 of 高齢者) are affixes
                    # that would link unrelated words; whole units of one kanji stay.
                    if part_term and len(part_term) > 1 and part_term not in out:
                        out.append(part_term)
        return tuple(out)

    def _normalise_words(self, words: Iterable[str]) -> Iterator[str]:
        tokenizer = self._tokenizer()
        for word in words:
            yield word
            morphemes = tokenizer.tokenize(unicodedata.normalize("NFKC", word))
            # Only a word Sudachi reads as one morpheme is normalised; the parts of a longer
            # one (皆さん → 皆, さん) are not stop words on their own.
            if len(morphemes) == 1:
                yield morphemes[0].normalized_form().lower()


def units(terms: Sequence[str]) -> list[list[str]]:
    """Group stored terms back into units: each word with the shorter parts that follow it.

    ``syn<id>`` terms are left out. A part is recognised as a shorter term contained in the
    word before it (英会話 → 会話, 子供達 → 子供), which is how ``Analyzer`` writes them.
    """
    out: list[list[str]] = []
    for term in terms:
        if is_synonym_term(term):
            continue
        if out and len(term) < len(out[-1][0]) and term in out[-1][0]:
            out[-1].append(term)
        else:
            out.append([term])
    return out


def is_synonym_term(term: str) -> bool:
    """Whether ``term`` is a stored Sudachi synonym-group term such as ``syn6201``."""
    return term.startswith(SYNONYM_PREFIX) and term[len(SYNONYM_PREFIX) :].isdigit()
