"""Why a candidate was proposed, in words a coordinator can check.

Each query column's share of a candidate's text score is ``q_j × d_j``; the shares of all the
columns add up to the text score. Columns are mapped back to human words: a ``syn<id>`` column
to the query word that carried the group and the candidate's word that shares it (スマホ →
スマートフォン), a ``dsyn:<g>`` column to the members of the coordinators' list on each side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from lib.text.analysis import is_synonym_term

from .attributes import Codes
from .ranking import SegmentHits, round_scores
from .segment import Segment
from .synonyms import FEATURE_PREFIX, DomainSynonyms


@dataclass(slots=True)
class MatchedTerm:
    """A word the query and the candidate share, and its share of the text score."""

    term: str  # the query's word (for synonyms: the query's word that carried the link)
    contribution: float
    via: str = "term"  # "term", "synonym" (Sudachi group) or "domain_synonym" (the list)
    matched: tuple[str, ...] = ()  # the candidate's words, when they differ from ``term``


@dataclass(slots=True)
class SoftFactor:
    name: str
    boost: float


@dataclass(slots=True)
class Candidate:
    """One ranked row with everything needed to explain its place."""

    doc_id: int
    score: float
    text_score: float
    matched_terms: list[MatchedTerm]
    required_slots: int  # every slot the query asked for (bit day*3 + band)
    covered_slots: int  # those of them the row offers
    shared_areas: list[int]
    soft_factors: list[SoftFactor]
    unknown_availability: bool = False  # filled in no slot while the query needs some

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class RankResult:
    """The best rows, and what the hard filters removed over the whole index."""

    candidates: list[Candidate]
    removed: dict[str, int]  # filter name → rows removed, in FILTER_ORDER
    considered: int  # rows in the index (removed ones excluded)
    nothing_fits: bool = False  # no row reached the cut-off: the answer is "nobody"
    hidden: int = 0  # rows left out for scoring far below the best
    # Timing and work done: seconds, columns and postings added in full or skipped.
    stats: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ColumnLabel:
    """How to name one query column for people."""

    via: str
    words: tuple[str, ...]  # the query's words behind the column
    linked_columns: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (word, its columns)
    text: str = field(init=False)  # the words as shown: 「スマホ」, 「読み聞かせ・朗読」
    # The key a plain word's share is merged under, (text, "term"); None for a linked column,
    # whose key depends on the candidate's own words.
    plain: tuple[str, str] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "・".join(self.words))
        object.__setattr__(self, "plain", (self.text, "term") if self.via == "term" else None)


def linked_columns(labels: Mapping[int, ColumnLabel]) -> list[int]:
    """Every column the labels may need to look up in a candidate row."""
    out = {c for label in labels.values() for _, cols in label.linked_columns for c in cols}
    out.discard(-1)
    return sorted(out)


def matched_terms(
    shares: Iterable[tuple[ColumnLabel, float]], holds: Callable[[int], bool]
) -> list[MatchedTerm]:
    """One candidate's shared words, largest contribution first.

    ``shares`` pairs the label of each query column the candidate holds with that column's
    share of its text score; ``holds(column)`` tells whether the candidate holds a column.
    """
    merged: dict[tuple[str, str], list] = {}
    for label, share in shares:
        key, matched = label.plain, ()
        if key is None:
            matched = tuple(
                word
                for word, word_cols in label.linked_columns
                if word not in label.words and all(map(holds, word_cols))
            )
            # Without a different word on the candidate's side, the group only links the
            # query's word to the same word: say so plainly.
            key = (label.text, label.via if matched else "term")
        entry = merged.get(key)
        if entry is None:
            merged[key] = [share, matched]
        else:
            entry[0] += share
            entry[1] += matched
    terms = [
        MatchedTerm(term, round(total, 6), via, tuple(sorted(set(words))) if words else ())
        for (term, via), (total, words) in merged.items()
    ]
    terms.sort(key=_contribution_order)
    return terms


def _contribution_order(term: MatchedTerm) -> tuple[float, str]:
    return (-term.contribution, term.term)


def column_labels(
    cols: Sequence[int],
    tokens: Sequence[str],
    terms: Sequence[str],
    index: Mapping[str, int],
    links: Mapping[int, set[int]],
    synonyms: DomainSynonyms,
) -> dict[int, ColumnLabel]:
    """Name each query column for people.

    ``tokens`` are the query's stored terms in order, ``terms``/``index`` the vocabulary, and
    ``links`` maps a ``syn<id>`` column to the columns of the words that carry it in the index.
    """
    found = synonyms.occurrences(tokens) if synonyms.n_groups else {}
    carriers: dict[str, list[str]] = {}  # syn<id> → the query's words that carry it
    word = None
    for t in tokens:
        if not is_synonym_term(t):
            word = t
        elif word is not None and word not in carriers.setdefault(t, []):
            carriers[t].append(word)
    labels = {}
    for col in cols:
        term = terms[col]
        if is_synonym_term(term):
            linked = tuple((terms[c], (c,)) for c in sorted(links.get(col, ())))
            labels[col] = ColumnLabel("synonym", tuple(carriers.get(term, [])) or (term,), linked)
        elif term.startswith(FEATURE_PREFIX):
            group = int(term[len(FEATURE_PREFIX) :])
            linked = tuple(
                (m.text, tuple(index.get(t, -1) for t in m.terms))
                for m in synonyms.group_members(group)
            )
            words = tuple(found.get(group, [])) or (term,)
            labels[col] = ColumnLabel("domain_synonym", words, linked)
        else:
            labels[col] = ColumnLabel("term", (term,))
    return labels


def candidates(
    winners: Sequence[tuple[Segment, SegmentHits, int]],
    cols: np.ndarray,
    qvals: np.ndarray,
    labels: Mapping[int, ColumnLabel],
    required_slots: int,
    query_areas: np.ndarray,
    codes: Codes,
) -> list[Candidate]:
    """Explain each winner, given as (segment, its hits, position in the hits), best first.

    A winner's own terms (a few dozen, read by row) become a dict in which the query's
    columns and the labels' linked columns are looked up: for ten rows, plain Python is as
    fast as numpy's cost per call. The scores are rounded in one numpy call.
    """
    col_list = cols.tolist()
    columns = list(zip(col_list, qvals.tolist(), [labels[c] for c in col_list], strict=True))
    scores = round_scores(np.array([hit.final[j] for _, hit, j in winners]))
    text_scores = round_scores(np.array([hit.text[j] for _, hit, j in winners]))
    area_words = query_areas.tolist()
    out = []
    for i, (seg, hit, j) in enumerate(winners):
        row = int(hit.rows[j])
        start, end = int(seg.row_indptr[row]), int(seg.row_indptr[row + 1])
        terms = seg.row_indices[start:end].tolist()
        own = dict(zip(terms, seg.row_data[start:end].tolist(), strict=True))
        shares = [(label, value * q) for col, q, label in columns if (value := own.get(col, 0.0))]
        out.append(
            Candidate(
                doc_id=int(seg.attrs.ids[row]),
                score=scores[i],
                text_score=text_scores[i],
                matched_terms=matched_terms(shares, lambda col, own=own: own.get(col, 0.0) != 0.0),
                required_slots=required_slots,
                covered_slots=int(seg.attrs.availability[row]) & required_slots,
                shared_areas=codes.area_ids_of(
                    # The two may differ in width (areas first seen later): the shorter counts.
                    [a & b for a, b in zip(seg.attrs.areas[row].tolist(), area_words, strict=False)]
                ),
                soft_factors=[
                    SoftFactor(name, round(float(b[j]), 6))
                    for name, b in hit.boosts.items()
                    if b[j] > 0
                ],
                unknown_availability=bool(
                    hit.unknown_availability is not None and hit.unknown_availability[j]
                ),
            )
        )
    return out
