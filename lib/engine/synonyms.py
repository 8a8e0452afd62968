"""The domain synonym list, applied when vectors are built, never when text is stored.

Coordinators edit the list (プログラミング = コーディング, 読み聞かせ = 絵本の朗読 …) while the
service runs. Stored terms stay as the analyser produced them; the index adds one extra
feature, ``dsyn:<group>``, for every occurrence of any member of a group, in documents and
queries alike. A new list therefore only needs the vectors rebuilt from stored terms, not a
single row re-tokenized.

Members may be phrases of several words (絵本の朗読 → 絵本 朗読). A phrase counts where its
words follow one another in the stored sequence, read as units (a word with its parts, see
``analysis.units``): so 絵本の朗読会 (絵本 | 朗読会 朗読) holds 絵本の朗読, and the ``syn<id>``
terms between the words do not matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from lib.text.analysis import Analyzer, units

FEATURE_PREFIX = "dsyn:"


@dataclass(frozen=True)
class Member:
    """One member of a group: as a coordinator wrote it, and as analysed terms."""

    group: int
    text: str
    terms: tuple[str, ...]  # one word per unit: the unit's own term, without its parts


@dataclass
class DomainSynonyms:
    """A compiled domain synonym list; ``version`` is the caller's, to notice changes."""

    members: list[Member] = field(default_factory=list)
    version: int = 0

    @classmethod
    def from_groups(
        cls, groups: Iterable[Sequence[str]], analyzer: Analyzer, version: int = 0
    ) -> DomainSynonyms:
        """Compile groups of words or phrases with the same analyser as the stored text.

        Members that analyse to nothing (only particles or stop words) are left out; a group
        left with fewer than two members links nothing and is left out too.
        """
        members: list[Member] = []
        for group in groups:
            compiled = []
            for text in group:
                terms = tuple(unit[0] for unit in units(analyzer.terms(text)))
                if terms:
                    compiled.append((text, terms))
            if len({terms for _, terms in compiled}) < 2:
                continue
            number = len({m.group for m in members})
            members.extend(Member(number, text, terms) for text, terms in compiled)
        return cls(members=members, version=version)

    @cached_property
    def n_groups(self) -> int:
        return len({m.group for m in self.members})

    def single_words(self) -> frozenset[str]:
        """Members that are one word: their own weight is shared with the group's feature."""
        return frozenset(m.terms[0] for m in self.members if len(m.terms) == 1)

    def features(self) -> list[str]:
        """The feature name of each group, in group order."""
        return [f"{FEATURE_PREFIX}{g}" for g in range(self.n_groups)]

    def group_members(self, group: int) -> list[Member]:
        return [m for m in self.members if m.group == group]

    def counts(
        self,
        counts: sp.csr_matrix,
        token_lists: Sequence[Sequence[str]],
        vocabulary: dict[str, int],
    ) -> sp.csr_matrix:
        """How often each group occurs in each document, as an (n_docs × n_groups) matrix.

        ``counts`` is the documents' term-count matrix over ``vocabulary``; single-word members
        are read from it with one sparse product, and only documents holding every word of a
        phrase are scanned for the phrase itself.
        """
        n_docs, n_groups = counts.shape[0], self.n_groups
        if n_groups == 0 or n_docs == 0:
            return sp.csr_matrix((n_docs, n_groups), dtype=np.float64)
        rows, cols = [], []
        for m in self.members:
            if len(m.terms) == 1 and m.terms[0] in vocabulary:
                rows.append(vocabulary[m.terms[0]])
                cols.append(m.group)
        membership = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(counts.shape[1], n_groups)
        )
        result = (counts @ membership).tolil()
        phrases = [m for m in self.members if len(m.terms) > 1]
        if phrases:
            by_column = counts.tocsc()
            for m in phrases:
                if any(t not in vocabulary for t in m.terms):
                    continue
                docs = None
                for t in m.terms:
                    col = vocabulary[t]
                    rows_t = by_column.indices[by_column.indptr[col] : by_column.indptr[col + 1]]
                    docs = rows_t if docs is None else np.intersect1d(docs, rows_t)
                for d in docs:
                    found = count_phrase(token_lists[d], m.terms)
                    if found:
                        result[d, m.group] += found
        return result.tocsr()

    def counts_by_scan(self, token_lists: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Like ``counts`` but by scanning each token list: for a few short documents."""
        rows, cols, values = [], [], []
        for d, tokens in enumerate(token_lists):
            for group, found in self.group_counts(tokens).items():
                rows.append(d)
                cols.append(group)
                values.append(found)
        return sp.csr_matrix(
            (np.array(values, dtype=np.float64), (rows, cols)),
            shape=(len(token_lists), self.n_groups),
        )

    def group_counts(self, tokens: Sequence[str]) -> dict[int, int]:
        """Group → occurrences of its members in one token sequence."""
        present = set(tokens)
        out: dict[int, int] = {}
        for m in self.members:
            if m.terms[0] not in present:
                continue
            if len(m.terms) == 1:
                found = sum(1 for t in tokens if t == m.terms[0])
            else:
                found = count_phrase(tokens, m.terms)
            if found:
                out[m.group] = out.get(m.group, 0) + found
        return out

    def occurrences(self, tokens: Sequence[str]) -> dict[int, list[str]]:
        """For one short token sequence (a query): group → the member texts found in it."""
        present = set(tokens)
        found: dict[int, list[str]] = {}
        for m in self.members:
            if all(t in present for t in m.terms) and (
                len(m.terms) == 1 or count_phrase(tokens, m.terms)
            ):
                found.setdefault(m.group, []).append(m.text)
        return found


def count_phrase(tokens: Sequence[str], phrase: Sequence[str]) -> int:
    """Occurrences of ``phrase`` in ``tokens``: its words in consecutive units, in order.

    Each word may be a unit's own term or one of its parts.
    """
    grouped = units(tokens)
    n = len(phrase)
    return sum(
        1 for i in range(len(grouped) - n + 1) if all(phrase[j] in grouped[i + j] for j in range(n))
    )
