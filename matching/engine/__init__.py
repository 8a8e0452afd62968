"""The matching engine: Japanese text analysis, a TF-IDF index built from stored terms, ranked
and explained candidates. Plain Python, numpy, scipy, scikit-learn and SudachiPy — no Django:
the Django side stores ``Analyzer`` output in the ``tok_*`` columns and feeds rows to ``Index``.
"""

from .analysis import DEFAULT_STOP_WORDS, Analyzer, is_synonym_term
from .attributes import slot_groups
from .baseline import BigramBaseline
from .explain import Candidate, MatchedTerm, RankResult, SoftFactor
from .index import Doc, Index, Query, profile_index, request_index
from .metrics import evaluate, mrr_at_k, recall_at_k, success_at_k
from .ranking import DEFAULT_WEIGHTS, FILTER_ORDER
from .synonyms import DomainSynonyms
from .vectorize import PROFILE_FIELDS, REQUEST_FIELDS, SHARES

__all__ = [
    "DEFAULT_STOP_WORDS",
    "DEFAULT_WEIGHTS",
    "FILTER_ORDER",
    "PROFILE_FIELDS",
    "REQUEST_FIELDS",
    "SHARES",
    "Analyzer",
    "BigramBaseline",
    "Candidate",
    "Doc",
    "DomainSynonyms",
    "Index",
    "MatchedTerm",
    "Query",
    "RankResult",
    "SoftFactor",
    "evaluate",
    "is_synonym_term",
    "mrr_at_k",
    "profile_index",
    "recall_at_k",
    "request_index",
    "slot_groups",
    "success_at_k",
]
