"""The Django side of the one text pipeline: every stored token and every query goes through here."""

from functools import lru_cache


@lru_cache(maxsize=1)
def analyzer():
    """The one analyzer of this process (Sudachi loads its dictionary once)."""
    from matching.engine.analysis import Analyzer

    return Analyzer()


def analyze(text: str) -> list[str]:
    """The analyzer's terms for ``text``, in order (see matching/engine/analysis.py)."""
    if not text:
        return []
    return analyzer().terms(text)


def analyze_joined(text: str) -> str:
    """Terms as stored in the ``tok_*`` columns: joined by single spaces."""
    return " ".join(analyze(text))
