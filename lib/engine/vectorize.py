"""Stored terms → TF-IDF vectors, with field weights and synonym features.

Text fields arrive as stored term strings (``"書道 教室 syn14330 …"``); they are split on
spaces, never re-analysed.

Synonyms and parts share a word's weight instead of adding to it. A word that carries Sudachi
synonym groups gives ``SHARES["synonym"]`` of its squared weight to them (split evenly when it
has several, as PC has), a long unit gives ``SHARES["part"]`` to its SplitMode.A parts (英会話 →
会話), and a word on the coordinators' list gives ``SHARES["domain_synonym"]`` to its group's
feature; the word itself keeps the rest. So no word weighs more because it happens to have
synonyms or to be a compound, the same word on both sides still scores highest, and a synonym
or a part on one side scores a share of that.

Per field a term's weighted count ``c`` becomes ``1 + ln c`` from 1 up (a profile repeating 書道
ten times does not beat one that says it once), times the field's weight; the fields are summed
into one row. scikit-learn's ``TfidfTransformer`` learns the IDF over those rows and scales
each to unit length, so a dot product of two rows is their cosine.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from lib.text.analysis import is_synonym_term

from .synonyms import FEATURE_PREFIX, DomainSynonyms

# What a profile can do counts more than where it gained it, which counts more than how the
# person introduces themselves (whose words — 地域, 子供, 好き — are the least specific).
PROFILE_FIELDS: dict[str, float] = {"skills": 3.0, "experience": 1.5, "bio": 1.0}
# A request's title names the need; its description adds context and logistics.
REQUEST_FIELDS: dict[str, float] = {"title": 2.0, "description": 1.0}

# Share of a word's squared weight given to its synonym features and parts (see the module
# docstring). Sudachi's groups are broad in places (会話 shares one with 話す), so they get less
# than the coordinators' list, which is made for this domain; a part (会話 of 英会話) says half
# of what the whole word says.
SHARES: dict[str, float] = {"synonym": 0.25, "part": 0.5, "domain_synonym": 0.5}
_MIN_WORD_SHARE = 0.1


def term_kind(term: str) -> str:
    """``"term"``, ``"synonym"`` (a stored ``syn<id>``) or ``"domain_synonym"`` (``dsyn:<g>``)."""
    if term.startswith(FEATURE_PREFIX):
        return "domain_synonym"
    if is_synonym_term(term):
        return "synonym"
    return "term"


class Vocabulary:
    """Term ↔ column number; grows as new documents bring new terms, never shrinks."""

    def __init__(self, domain_words: Iterable[str] = ()) -> None:
        self.index: dict[str, int] = {}
        self.terms: list[str] = []
        self.domain_words = frozenset(domain_words)
        self.is_synonym = np.zeros(0, dtype=bool)  # stored syn<id> columns
        self.is_domain = np.zeros(0, dtype=bool)  # one-word members of the domain list

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, terms: Iterable[str]) -> None:
        new = sorted({t for t in terms if t not in self.index})  # deterministic column order
        if not new:
            return
        start = len(self.terms)
        self.index.update((t, start + i) for i, t in enumerate(new))
        self.terms.extend(new)
        self.is_synonym = np.concatenate([self.is_synonym, [is_synonym_term(t) for t in new]])
        self.is_domain = np.concatenate([self.is_domain, [t in self.domain_words for t in new]])


def part_flags(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """For each token of the flattened lists: is it a part of the unit before it (英会話 → 会話)?

    The rule of ``analysis.units``: a shorter term contained in the last unit of the same
    document, ``syn<id>`` terms aside.
    """
    flags: list[bool] = []
    append = flags.append
    for tokens in token_lists:
        unit = ""
        for t in tokens:
            # Most tokens fail the cheap substring test first; a syn<id> term never passes it.
            if t in unit and len(t) < len(unit):
                append(True)
            else:
                append(False)
                if not (t.startswith("syn") and t[3:].isdigit()):
                    unit = t
    return np.array(flags, dtype=bool)


def token_weights(is_syn: np.ndarray, is_domain: np.ndarray, is_part: np.ndarray) -> np.ndarray:
    """Each token's weight in a flat sequence of units, each followed by its extra terms.

    A unit's squared weight is shared: ``SHARES["synonym"]`` with its ``syn<id>`` terms and
    ``SHARES["part"]`` with its parts (each split evenly), ``SHARES["domain_synonym"]`` with its
    domain group; the unit keeps the rest.
    """
    n = len(is_syn)
    positions = np.arange(n)
    extra = is_syn | is_part
    owner = np.maximum.accumulate(np.where(extra, 0, positions)) if n else positions
    groups = np.bincount(owner[is_syn], minlength=n)  # groups carried by each unit
    parts = np.bincount(owner[is_part], minlength=n)  # parts following each unit
    share = np.where(groups > 0, SHARES["synonym"], 0.0)
    share += np.where(parts > 0, SHARES["part"], 0.0)
    share += np.where(is_domain, SHARES["domain_synonym"], 0.0)
    weights = np.sqrt(np.maximum(1.0 - share, _MIN_WORD_SHARE))
    weights[is_syn] = np.sqrt(SHARES["synonym"] / np.maximum(groups[owner[is_syn]], 1))
    weights[is_part] = np.sqrt(SHARES["part"] / np.maximum(parts[owner[is_part]], 1))
    return weights


def query_token_weights(tokens: Sequence[str], domain_words: Collection[str]) -> list[float]:
    """``token_weights`` of one short token list (a query), in plain Python.

    The same arithmetic, value for value (IEEE square roots and divisions are exact to the
    last bit in both), without numpy's per-call cost on arrays of a dozen tokens.
    """
    is_part = part_flags([tokens]).tolist() if tokens else []
    n = len(tokens)
    is_syn = [is_synonym_term(t) for t in tokens]
    owner = [0] * n
    last = 0
    for i in range(n):
        if not (is_syn[i] or is_part[i]):
            last = i
        owner[i] = last
    groups = [0] * n  # synonym groups carried by each unit
    parts = [0] * n  # parts following each unit
    for i in range(n):
        if is_syn[i]:
            groups[owner[i]] += 1
        if is_part[i]:
            parts[owner[i]] += 1
    weights = []
    for i, token in enumerate(tokens):
        share = SHARES["synonym"] if groups[i] > 0 else 0.0
        share += SHARES["part"] if parts[i] > 0 else 0.0
        share += SHARES["domain_synonym"] if token in domain_words else 0.0
        weight = math.sqrt(max(1.0 - share, _MIN_WORD_SHARE))
        if is_syn[i]:
            weight = math.sqrt(SHARES["synonym"] / max(groups[owner[i]], 1))
        if is_part[i]:
            weight = math.sqrt(SHARES["part"] / max(parts[owner[i]], 1))
        weights.append(weight)
    return weights


def count_matrix(
    token_lists: Sequence[list[str]],
    vocabulary: Vocabulary,
    synonyms: DomainSynonyms,
    *,
    known_only: bool = False,
    links: set[tuple[int, int]] | None = None,
) -> sp.csr_matrix:
    """Weighted term counts (plus domain synonym features) of one field, a row per document.

    With ``known_only`` (queries) terms outside the vocabulary are dropped instead of added.
    With ``links``, also collect (synonym column, column of the word that carried it) pairs.
    """
    index = vocabulary.index
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    flat = [t for toks in token_lists for t in toks]
    rows = np.repeat(np.arange(len(token_lists), dtype=np.int32), lengths)
    if known_only:
        cols = np.fromiter((index.get(t, -1) for t in flat), dtype=np.int64, count=len(flat))
        is_syn = np.fromiter(map(is_synonym_term, flat), dtype=bool, count=len(flat))
        is_domain = np.fromiter((t in vocabulary.domain_words for t in flat), bool, len(flat))
    else:
        cols = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        is_syn, is_domain = vocabulary.is_synonym[cols], vocabulary.is_domain[cols]
    weights = token_weights(is_syn, is_domain, part_flags(token_lists))
    if links is not None and len(cols):
        links.update(synonym_links(cols, is_syn))
    keep = cols >= 0  # a query's unknown terms cannot score
    shape = (len(token_lists), len(vocabulary))
    counts = sp.csr_matrix((weights[keep], (rows[keep], cols[keep])), shape=shape)
    if synonyms.n_groups:
        if known_only:
            # A query may name a member no document spells out (コーディング): scan its words.
            groups = synonyms.counts_by_scan(token_lists)
        else:
            raw = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=shape)
            groups = synonyms.counts(raw, token_lists, index)
        feature_cols = [index.get(f, -1) for f in synonyms.features()]
        if min(feature_cols) >= 0:
            to_columns = sp.csr_matrix(
                (
                    np.full(len(feature_cols), math.sqrt(SHARES["domain_synonym"])),
                    (np.arange(len(feature_cols)), feature_cols),
                ),
                shape=(len(feature_cols), shape[1]),
            )
            counts = counts + groups @ to_columns
    return sp.csr_matrix(counts)


def synonym_links(cols: np.ndarray, is_syn: np.ndarray) -> set[tuple[int, int]]:
    """Distinct (synonym column, carrying word column) pairs in a flat column sequence."""
    if not is_syn.any():
        return set()
    owner = np.maximum.accumulate(np.where(is_syn, 0, np.arange(len(cols))))
    where = np.flatnonzero(is_syn)
    where = where[~is_syn[owner[where]] & (cols[where] >= 0) & (cols[owner[where]] >= 0)]
    pairs = np.unique(cols[where] << 32 | cols[owner[where]])
    return set(zip((pairs >> 32).tolist(), (pairs & 0xFFFFFFFF).tolist(), strict=True))


def weighted_tf(
    fields: Mapping[str, Sequence[str]],
    field_weights: Mapping[str, float],
    vocabulary: Vocabulary,
    synonyms: DomainSynonyms,
    *,
    known_only: bool = False,
    links: set[tuple[int, int]] | None = None,
) -> sp.csr_matrix:
    """Σ over fields of field weight × damped weighted count, one row per document.

    ``fields`` maps a field name to one stored term string per document; fields missing from
    it count as empty. Unless ``known_only``, new terms are added to ``vocabulary`` first.
    """
    token_fields = {
        name: [s.split() if s else [] for s in fields[name]]
        for name in field_weights
        if name in fields
    }
    n_docs = max((len(v) for v in token_fields.values()), default=0)
    if not known_only:
        new: set[str] = set(synonyms.features())
        for lists in token_fields.values():
            for toks in lists:
                new.update(toks)
        vocabulary.add(new)
    total = sp.csr_matrix((n_docs, len(vocabulary)), dtype=np.float64)
    for name, lists in token_fields.items():
        counts = count_matrix(lists, vocabulary, synonyms, known_only=known_only, links=links)
        big = counts.data > 1.0
        counts.data[big] = 1.0 + np.log(counts.data[big])
        total = total + counts * field_weights[name]
    return sp.csr_matrix(total)


def query_vector(
    fields: Mapping[str, str],
    field_weights: Mapping[str, float],
    vocabulary: Vocabulary,
    synonyms: DomainSynonyms,
    idf: np.ndarray,
    unknown_idf: float = 0.0,
    specificity: Mapping[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One query's vector as (sorted columns, values), of unit length when every word of the
    query is in the index (words it does not know count in the length at ``unknown_idf``).

    The same arithmetic as ``weighted_tf`` followed by ``apply_idf``, done with dicts: for one
    short document that is several times faster than building sparse matrices.
    """
    index, domain_words = vocabulary.index, vocabulary.domain_words
    features = synonyms.features()
    domain_weight = math.sqrt(SHARES["domain_synonym"])
    total: dict[int, float] = {}
    unknown: dict[str, float] = {}
    for name, field_weight in field_weights.items():
        tokens = (fields.get(name) or "").split()
        if not tokens:
            continue
        counts: dict[int, float] = {}
        missing: dict[str, float] = {}
        weights = query_token_weights(tokens, domain_words)
        for token, weight in zip(tokens, weights, strict=True):
            if specificity:
                weight *= specificity.get(token, 1.0)
            col = index.get(token)
            if col is not None:
                counts[col] = counts.get(col, 0.0) + weight
            else:
                missing[token] = missing.get(token, 0.0) + weight
        for token, c in missing.items():
            unknown[token] = unknown.get(token, 0.0) + field_weight * (
                c if c <= 1.0 else 1.0 + math.log(c)
            )
        if features:
            for group, found in synonyms.group_counts(tokens).items():
                col = index.get(features[group])
                if col is not None:
                    counts[col] = counts.get(col, 0.0) + found * domain_weight
        for col, c in counts.items():
            total[col] = total.get(col, 0.0) + field_weight * (c if c <= 1.0 else 1.0 + math.log(c))
    cols = np.array(sorted(total), dtype=np.int64)
    values = np.array([total[c] for c in cols.tolist()], dtype=np.float64) * idf[cols]
    # Words no document holds still count in the query's length: a request for タイ語講座 is
    # mostly about タイ語, and a profile that shares only 講座 must score low, not high. (The
    # order of the rows does not change: it is one factor for the whole query.)
    rare = unknown_idf
    missing = sum((w * rare) ** 2 for w in unknown.values())
    norm = math.sqrt(float(values @ values) + missing)
    return cols, (values / norm if norm else values)


def query_side_specificity(token_lists: Iterable[Iterable[str]]) -> dict[str, float]:
    """How specific each word is on the asking side: its smooth IDF over the asking side's
    documents (every request, for profiles ranked for a request) divided by the largest
    possible one, so a word in one request keeps its whole weight and 講座, in half of them,
    about a third. Learned from the data: the words every request uses (講座, 教室, 募集,
    体験) stop carrying a match on their own, whichever they are in a given city.
    """
    df: dict[str, int] = {}
    n = 0
    for tokens in token_lists:
        n += 1
        for t in set(tokens):
            df[t] = df.get(t, 0) + 1
    if not n:
        return {}
    top = math.log((1 + n) / 2) + 1.0
    return {t: (math.log((1 + n) / (1 + d)) + 1.0) / top for t, d in df.items() if d > 1}


def fit_idf(tf: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray]:
    """Learn IDF on ``tf`` (scikit-learn's smooth IDF) and return the unit-length rows."""
    transformer = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False)
    vectors = transformer.fit_transform(tf)
    return sp.csr_matrix(vectors), transformer.idf_.astype(np.float64)


def extend_idf(idf: np.ndarray, n_columns: int, n_docs: int) -> np.ndarray:
    """IDF for columns added after fitting: as if each new term were in one document.

    The main segment's IDF is frozen until the next full build, so the delta segment's rows and
    the queries are weighed with the same statistics as the main rows (and a merge, which only
    moves rows, changes no score). A term first seen after the build is rare by definition;
    smooth IDF with a document frequency of one says exactly that.
    """
    if n_columns <= len(idf):
        return idf
    rare = math.log((1 + n_docs) / 2) + 1.0
    return np.concatenate([idf, np.full(n_columns - len(idf), rare)])


def apply_idf(tf: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Multiply by IDF and scale rows to unit length, as the fitted transformer does."""
    out = sp.csr_matrix(tf, dtype=np.float64, copy=True)
    out.data *= idf[out.indices]
    lengths = np.diff(out.indptr)
    norms = np.sqrt(
        np.bincount(
            np.repeat(np.arange(out.shape[0]), lengths), weights=out.data**2, minlength=out.shape[0]
        )
    )
    norms[norms == 0] = 1.0
    out.data /= np.repeat(norms, lengths)
    return out
