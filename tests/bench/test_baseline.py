"""The character-bigram baseline: plain scikit-learn TF-IDF behind the engine's interface."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from bench.baseline import BigramBaseline
from lib.engine import Doc, Query

FIELDS = ["skills", "experience", "bio"]
QUERY_FIELDS = ["title", "description"]


def doc(doc_id, skills, bio="", **attrs):
    return Doc(doc_id, {"skills": skills, "experience": "", "bio": bio}, **attrs)


@pytest.fixture
def docs():
    return [
        doc(1, "書道教室の講師", "字を書くのが好き", kind="instructor"),
        doc(2, "パソコン教室", "スマホも教えます", kind="it_volunteer"),
        doc(3, "子どもに書道を", "", kind="school_support", published=False),
        doc(4, "将棋", "囲碁も", kind="instructor"),
    ]


def test_scores_are_plain_bigram_cosines(docs):
    baseline = BigramBaseline(FIELDS, QUERY_FIELDS)
    baseline.build(docs)
    result = baseline.rank(Query({"title": "書道教室", "description": ""}, limit=10))
    texts = ["\n".join(d.fields[f] for f in FIELDS) for d in docs]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 2))
    matrix = vectorizer.fit_transform(texts)
    cosine = (matrix @ vectorizer.transform(["書道教室\n"]).T).toarray().ravel()
    expected = [
        (i + 1, s) for i, s in sorted(enumerate(cosine), key=lambda p: -p[1]) if s > 0 and i != 2
    ]
    assert [c.doc_id for c in result.candidates] == [d for d, _ in expected]
    assert [c.score for c in result.candidates] == pytest.approx([s for _, s in expected], abs=1e-6)
    assert result.candidates[0].matched_terms[0].term in {"書道", "道教", "教室"}


def test_it_applies_the_same_hard_filters(docs):
    baseline = BigramBaseline(FIELDS, QUERY_FIELDS)
    baseline.build(docs)
    result = baseline.rank(
        Query({"title": "教室", "description": ""}, kind="it_volunteer", exclude=[99])
    )
    assert [c.doc_id for c in result.candidates] == [2]
    assert result.removed == {"not_published": 1, "kind": 2, "availability": 0, "excluded": 0}


def test_it_knows_no_japanese(docs):
    # Full-width letters are not half-width ones to the baseline: no NFKC, no dictionary.
    baseline = BigramBaseline(FIELDS, QUERY_FIELDS)
    baseline.build([doc(1, "PC教室"), doc(2, "将棋")])
    assert baseline.rank(Query({"title": "ＰＣ", "description": ""})).candidates == []
    assert np.isfinite(baseline.rank(Query({"title": "PC", "description": ""})).candidates[0].score)


def test_it_needs_documents_and_a_build():
    with pytest.raises(RuntimeError):
        BigramBaseline(FIELDS, QUERY_FIELDS).rank(Query({"title": "書道"}))
    with pytest.raises(ValueError):
        BigramBaseline(FIELDS, QUERY_FIELDS).build([])
