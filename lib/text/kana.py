"""Name readings: kana variants, and the name and reading terms stored for search.

Names are not analysed (Sudachi would split or normalise them); readings are stored in
hiragana and katakana so that 「やまだ」 and 「ヤマダ」 both find 山田.
"""

import unicodedata


def to_hiragana(text: str) -> str:
    """Katakana turned into hiragana (ヤマダ → やまだ); everything else as it is."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def to_katakana(text: str) -> str:
    """Hiragana turned into katakana (すまほ → スマホ); everything else as it is."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def kana_variants(text: str) -> list[str]:
    """A reading in hiragana and in katakana, so 「やまだ」 and 「ヤマダ」 both find 山田."""
    return [to_hiragana(text), to_katakana(text)]


def _name_words(raw: str) -> list[str]:
    parts = unicodedata.normalize("NFKC", raw).lower().split()
    return [*parts, "".join(parts)]


def name_terms(display_name: str) -> str:
    """Name words kept whole (names are not analysed: Sudachi would split or normalise them)."""
    return " ".join(dict.fromkeys(w for w in _name_words(display_name) if w))


def reading_terms(furigana: str) -> str:
    """The reading's words in hiragana and katakana. Stored apart from the name (weight D of
    the search vector) because furigana is published only with the volunteer's consent."""
    words = [v for w in _name_words(furigana) for v in kana_variants(w)]
    return " ".join(dict.fromkeys(w for w in words if w))


def normalize_reading(text: str) -> str:
    """A reading as stored: hiragana, with single half-width spaces between words.

    Katakana and half-width katakana are accepted (ｻﾄｳ ﾊﾅｺ, サトウ　ハナコ → さとう はなこ); the
    long-vowel mark and anything that is not kana (a middle dot, Latin letters) stay as they are.
    """
    return " ".join(to_hiragana(unicodedata.normalize("NFKC", text or "")).split())
