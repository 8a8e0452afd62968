"""Derived text columns of a profile: what the matcher and the full-text search read."""

import unicodedata

from matching.text import analyze_joined


def kana_variants(text: str) -> list[str]:
    """A reading in hiragana and in katakana, so 「やまだ」 and 「ヤマダ」 both find 山田."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    kata = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    return [hira, kata]


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


def profile_terms(profile) -> dict[str, str]:
    return {
        "tok_name": name_terms(profile.display_name),
        "tok_reading": reading_terms(profile.furigana),
        "tok_skills": analyze_joined(profile.skills),
        "tok_experience": analyze_joined(profile.experience),
        "tok_bio": analyze_joined(profile.bio),
    }
