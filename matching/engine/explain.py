"""Why a candidate was proposed, in words a coordinator can check.

Each query column's share of a candidate's text score is ``q_j × d_j``; the shares of all the
columns add up to the text score. Columns are mapped back to human words: a ``syn<id>`` column
to the query word that carried the group and the candidate's word that shares it (スマホ →
スマートフォン), a ``dsyn:<g>`` column to the members of the coordinators' list on each side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field


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

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class RankResult:
    """The best rows, and what the hard filters removed over the whole index."""

    candidates: list[Candidate]
    removed: dict[str, int]  # filter name → rows removed, in FILTER_ORDER
    considered: int  # rows in the index (removed ones excluded)
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


def linked_columns(labels: Mapping[int, ColumnLabel]) -> list[int]:
    """Every column the labels may need to look up in a candidate row."""
    out = {c for label in labels.values() for _, cols in label.linked_columns for c in cols}
    out.discard(-1)
    return sorted(out)


def matched_terms(
    cols: Sequence[int],
    qvals: Sequence[float],
    row_values: Mapping[int, float],
    labels: Mapping[int, ColumnLabel],
) -> list[MatchedTerm]:
    """One candidate's shared words, largest contribution first.

    ``row_values`` maps each query column and each linked column to the candidate's value.
    """
    merged: dict[tuple[str, str], list] = {}
    for col, q in zip(cols, qvals, strict=True):
        d = row_values[col]
        if d == 0.0:
            continue
        label = labels[col]
        matched: tuple[str, ...] = ()
        if label.via != "term":
            matched = tuple(
                word
                for word, word_cols in label.linked_columns
                if word not in label.words and all(row_values.get(c, 0.0) for c in word_cols)
            )
        # Without a different word on the candidate's side, the group only links the query's
        # word to the same word: say so plainly.
        via = label.via if matched else "term"
        entry = merged.setdefault(("・".join(label.words), via), [0.0, set()])
        entry[0] += q * d
        entry[1].update(matched)
    terms = [
        MatchedTerm(term, round(total, 6), via, tuple(sorted(words)))
        for (term, via), (total, words) in merged.items()
    ]
    terms.sort(key=lambda t: (-t.contribution, t.term))
    return terms
