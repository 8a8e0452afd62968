"""The matching engine: a TF-IDF index built from stored terms, ranked and explained
candidates. Plain Python, numpy, scipy and scikit-learn — no Django: the Django side stores the
text analyser's output (lib/text) in the ``tok_*`` columns and feeds rows to ``Index``.
"""

from threadpoolctl import threadpool_limits

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

# The engine's matrix products are small (a query against a few thousand word vectors); BLAS
# threads only fight the other web workers for the cores. Measured on the city set on this
# 2-core machine: the semantic step's cold p50 went from 36 ms with OpenBLAS's default threads
# to 1.6 ms with one. Web workers are processes: parallelism comes from having several.
threadpool_limits(limits=1, user_api="blas")
