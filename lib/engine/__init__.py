"""The matching engine: a TF-IDF index built from stored terms, ranked and explained
candidates. Plain Python, numpy, scipy and scikit-learn — no Django: the Django side stores the
text analyser's output (lib/text) in the ``tok_*`` columns and feeds rows to ``Index``.
"""

from .explain import Candidate, MatchedTerm, RankResult, SoftFactor
from .index import Doc, Index, Query, profile_index, request_index
from .ranking import DEFAULT_WEIGHTS, FILTER_ORDER
from .synonyms import DomainSynonyms
from .vectorize import PROFILE_FIELDS, REQUEST_FIELDS, SHARES

__all__ = [
    "DEFAULT_WEIGHTS",
    "FILTER_ORDER",
    "PROFILE_FIELDS",
    "REQUEST_FIELDS",
    "SHARES",
    "Candidate",
    "Doc",
    "DomainSynonyms",
    "Index",
    "MatchedTerm",
    "Query",
    "RankResult",
    "SoftFactor",
    "profile_index",
    "request_index",
]
