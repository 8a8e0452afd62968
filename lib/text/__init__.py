"""The one text pipeline of the service: every stored token and every query goes through here.

``analyzer()`` is the process's one Analyzer (Sudachi loads its dictionary once); the analysis
itself is in ``lib/text/analysis.py``, name readings in ``lib/text/kana.py``.
"""

from functools import lru_cache

from lib.text.analysis import Analyzer


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """The one analyzer of this process (Sudachi loads its dictionary once)."""
    return Analyzer()


def analyze(text: str) -> list[str]:
    """The analyzer's terms for ``text``, in order (see lib/text/analysis.py)."""
    if not text:
        return []
    return analyzer().terms(text)


def analyze_joined(text: str) -> str:
    """Terms as stored in the ``tok_*`` columns: joined by single spaces."""
    return " ".join(analyze(text))
