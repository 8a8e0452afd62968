"""Derived text columns of a profile: what the matcher and the full-text search read."""

from lib.text import analyze_joined
from lib.text.kana import name_terms, reading_terms


def profile_terms(profile) -> dict[str, str]:
    return {
        "tok_name": name_terms(profile.display_name),
        "tok_reading": reading_terms(profile.furigana),
        "tok_skills": analyze_joined(profile.skills),
        "tok_experience": analyze_joined(profile.experience),
        "tok_bio": analyze_joined(profile.bio),
    }
