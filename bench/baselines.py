"""The simple matchers the service is measured against, each a few lines of well-known method.

Every baseline sees the raw text only (a profile's fields run together, a request's title and
description run together), no kind, area or date: what a developer would write in an afternoon.

- ``char2``: scikit-learn ``TfidfVectorizer(analyzer="char", ngram_range=(2, 2))``, cosine.
- ``char13``: the same with character 1- to 3-grams.
- ``word``: plain Sudachi word TF-IDF — every morpheme's normalized form (SplitMode.C), only
  punctuation and blanks dropped, no stop words, no synonyms, no field weights; cosine.
- ``bm25``: BM25 (``bm25s``, its defaults k1=1.5, b=0.75) over the same words.
- ``fusion``: 0.5 × the word TF-IDF cosine + 0.5 × the cosine of the IDF-weighted mean ja-ginza
  word vectors of the two texts (the "TF-IDF + vectors" script the issue measured).

Each ``fit(docs)`` learns on the documents and ``scores(text)`` gives one score per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from lib.text import analyzer
from lib.text.vectors import WordVectors, default_vectors


def plain_words(text: str) -> list[str]:
    """Every morpheme's normalized form but punctuation and blanks (the plain word baseline)."""
    return analyzer().plain_words(text)


class CharTfidf:
    def __init__(self, ngram_range: tuple[int, int]) -> None:
        self.ngram_range = ngram_range

    def fit(self, docs: Sequence[str]) -> CharTfidf:
        self.vectorizer_ = TfidfVectorizer(analyzer="char", ngram_range=self.ngram_range)
        self.matrix_ = self.vectorizer_.fit_transform(docs)
        return self

    def scores(self, text: str) -> np.ndarray:
        return (self.matrix_ @ self.vectorizer_.transform([text]).T).toarray().ravel()


class WordTfidf:
    def fit(self, docs: Sequence[str]) -> WordTfidf:
        self.vectorizer_ = TfidfVectorizer(analyzer=plain_words)
        self.matrix_ = self.vectorizer_.fit_transform(docs)
        return self

    def scores(self, text: str) -> np.ndarray:
        return (self.matrix_ @ self.vectorizer_.transform([text]).T).toarray().ravel()


class Bm25:
    def fit(self, docs: Sequence[str]) -> Bm25:
        import bm25s

        self.retriever_ = bm25s.BM25()
        self.retriever_.index([plain_words(d) for d in docs], show_progress=False)
        return self

    def scores(self, text: str) -> np.ndarray:
        return np.asarray(self.retriever_.get_scores(plain_words(text)), dtype=np.float64)


class VectorFusion:
    """0.5 × word TF-IDF cosine + 0.5 × cosine of IDF-weighted mean word vectors."""

    def __init__(self, vectors: WordVectors | None = None, share: float = 0.5) -> None:
        self.vectors = vectors
        self.share = share

    def fit(self, docs: Sequence[str]) -> VectorFusion:
        self.vectors_ = self.vectors or default_vectors()
        if self.vectors_ is None:
            raise RuntimeError("the fusion baseline needs the ja-ginza word vectors")
        self.words_ = WordTfidf().fit(docs)
        vocab = self.words_.vectorizer_.vocabulary_
        self.idf_ = dict(
            zip(vocab, self.words_.vectorizer_.idf_[list(vocab.values())], strict=True)
        )
        self.default_idf_ = float(self.words_.vectorizer_.idf_.max())
        self.dense_ = np.vstack([self.mean_vector(d) for d in docs])
        return self

    def mean_vector(self, text: str) -> np.ndarray:
        total = np.zeros(self.vectors_.dim, dtype=np.float64)
        for word in plain_words(text):
            row = self.vectors_.row(word)
            if row >= 0:
                total += self.idf_.get(word, self.default_idf_) * self.vectors_.unit([row])[0]
        norm = np.linalg.norm(total)
        return total / norm if norm else total

    def scores(self, text: str) -> np.ndarray:
        lexical = self.words_.scores(text)
        dense = self.dense_ @ self.mean_vector(text)
        return (1 - self.share) * lexical + self.share * dense


BASELINES = {
    "char2": ("char 2-gram TF-IDF", lambda: CharTfidf((2, 2))),
    "char13": ("char 1-3-gram TF-IDF", lambda: CharTfidf((1, 3))),
    "word": ("Sudachi word TF-IDF", WordTfidf),
    "bm25": ("BM25 (Sudachi words)", Bm25),
    "fusion": ("TF-IDF + vectors 50/50", VectorFusion),
}
LEXICAL = ("char2", "char13", "word", "bm25")
