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


def reanalyse(model, columns: dict[str, str], *, batch: int = 2000) -> int:
    """Store again the terms of each row whose analysis changed, after a change of the text
    pipeline (a data migration calls it with its historical model). ``columns`` maps each
    ``tok_*`` column to the text column it is made from; returns how many rows changed."""
    changed = []
    rows = model.objects.only("pk", *columns, *columns.values()).order_by("pk")
    for row in rows.iterator(chunk_size=batch):
        fresh = {tok: analyze_joined(getattr(row, text)) for tok, text in columns.items()}
        if any(getattr(row, tok) != value for tok, value in fresh.items()):
            for tok, value in fresh.items():
                setattr(row, tok, value)
            changed.append(row)
    model.objects.bulk_update(changed, list(columns), batch_size=batch)
    return len(changed)
