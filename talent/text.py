"""Derived text columns of a profile: what the matcher and the full-text search read."""

import unicodedata

from matching.text import analyze_joined


def _kana_variants(text: str) -> list[str]:
    """A reading in hiragana and in katakana, so 「やまだ」 and 「ヤマダ」 both find 山田."""
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    kata = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    return [hira, kata]


def name_terms(display_name: str, furigana: str) -> str:
    """Name words kept whole (names are not analysed: Sudachi would split or normalise them)."""
    words: list[str] = []
    for raw in (display_name, furigana):
        parts = unicodedata.normalize("NFKC", raw).lower().split()
        for part in [*parts, "".join(parts)]:
            words.extend(_kana_variants(part) if raw is furigana else [part])
    seen: dict[str, None] = dict.fromkeys(w for w in words if w)
    return " ".join(seen)


def profile_terms(profile) -> dict[str, str]:
    return {
        "tok_name": name_terms(profile.display_name, profile.furigana),
        "tok_skills": analyze_joined(profile.skills),
        "tok_experience": analyze_joined(profile.experience),
        "tok_bio": analyze_joined(profile.bio),
    }
