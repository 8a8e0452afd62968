"""The matching engine: Japanese text analysis, a TF-IDF index built from stored terms, ranked
and explained candidates. Plain Python, numpy, scipy, scikit-learn and SudachiPy — no Django:
the Django side stores ``Analyzer`` output in the ``tok_*`` columns and feeds rows to ``Index``.
"""

from .analysis import DEFAULT_STOP_WORDS, Analyzer, is_synonym_term

__all__ = ["DEFAULT_STOP_WORDS", "Analyzer", "is_synonym_term"]
