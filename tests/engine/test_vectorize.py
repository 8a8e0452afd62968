"""Stored terms to vectors: weight shares, field weights, and the two code paths agreeing."""

import math

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from lib.engine.synonyms import DomainSynonyms
from lib.engine.vectorize import (
    SHARES,
    Vocabulary,
    apply_idf,
    extend_idf,
    fit_idf,
    part_flags,
    query_vector,
    token_weights,
    weighted_tf,
)


def test_a_word_shares_its_weight_with_its_synonym_groups():
    # 書道 (no group), スマホ (one group), pc (two groups, in this example)
    is_syn = np.array([False, False, True, False, True, True])
    weights = token_weights(is_syn, np.zeros(6, dtype=bool), np.zeros(6, dtype=bool))
    word = math.sqrt(1 - SHARES["synonym"])
    assert weights.tolist() == pytest.approx(
        [
            1.0,
            word,
            math.sqrt(SHARES["synonym"]),
            word,
            math.sqrt(SHARES["synonym"] / 2),
            math.sqrt(SHARES["synonym"] / 2),
        ]
    )
    # Whatever the number of groups, a word's squared weights add up to one.
    assert weights[1] ** 2 + weights[2] ** 2 == pytest.approx(1.0)
    assert weights[3] ** 2 + weights[4] ** 2 + weights[5] ** 2 == pytest.approx(1.0)


def test_a_listed_word_shares_its_weight_with_its_domain_group():
    weights = token_weights(np.array([False]), np.array([True]), np.array([False]))
    assert weights[0] == pytest.approx(math.sqrt(1 - SHARES["domain_synonym"]))


def test_a_long_unit_shares_its_weight_with_its_parts(analyzer):
    tokens = analyzer.terms("社会福祉士と英会話")
    assert tokens == ["社会福祉士", "社会", "福祉", "英会話", "会話"]
    flags = part_flags([tokens])
    assert flags.tolist() == [False, True, True, False, True]
    weights = token_weights(np.zeros(5, dtype=bool), np.zeros(5, dtype=bool), flags)
    whole = math.sqrt(1 - SHARES["part"])
    assert weights.tolist() == pytest.approx(
        [whole, math.sqrt(SHARES["part"] / 2), math.sqrt(SHARES["part"] / 2), whole,
         math.sqrt(SHARES["part"])]
    )  # fmt: skip


def test_parts_are_found_within_one_document_only():
    # 会話 starts the second document: a unit of its own, not a part of the first one's 英会話.
    assert part_flags([["英会話"], ["会話"]]).tolist() == [False, False]
    assert part_flags([["英会話", "syn7", "会話"]]).tolist() == [False, False, True]


def test_field_weights_and_damped_counts():
    vocabulary = Vocabulary()
    tf = weighted_tf(
        {"skills": ["書道 書道 書道", "陶芸"], "bio": ["書道", ""]},
        {"skills": 3.0, "bio": 1.0},
        vocabulary,
        DomainSynonyms(),
    )
    col = vocabulary.index
    assert vocabulary.terms == ["書道", "陶芸"]
    assert tf[0, col["書道"]] == pytest.approx(3.0 * (1 + math.log(3)) + 1.0)
    assert tf[1, col["陶芸"]] == pytest.approx(3.0)


def test_the_idf_path_matches_scikit_learns_transformer():
    vocabulary = Vocabulary()
    fields = {"skills": ["書道 教室 syn14330", "陶芸 教室 syn14330", "将棋"]}
    tf = weighted_tf(fields, {"skills": 1.0}, vocabulary, DomainSynonyms())
    vectors, idf = fit_idf(tf)
    reference = TfidfTransformer().fit(tf)
    assert idf.tolist() == pytest.approx(reference.idf_.tolist())
    assert apply_idf(tf, idf).toarray() == pytest.approx(reference.transform(tf).toarray())
    assert vectors.toarray() == pytest.approx(reference.transform(tf).toarray())


def test_the_query_path_matches_the_matrix_path(analyzer):
    synonyms = DomainSynonyms.from_groups([["読み聞かせ", "絵本の朗読"]], analyzer)
    vocabulary = Vocabulary(synonyms.single_words())
    docs = {
        "title": [analyzer.terms_string("読み聞かせとスマホ教室")],
        "description": [analyzer.terms_string("絵本の朗読をします。スマートフォンも")],
    }
    weights = {"title": 2.0, "description": 1.0}
    tf = weighted_tf(docs, weights, vocabulary, synonyms)
    _, idf = fit_idf(sp.vstack([tf, tf]))
    expected = apply_idf(tf, idf)
    cols, values = query_vector(
        {name: texts[0] for name, texts in docs.items()}, weights, vocabulary, synonyms, idf
    )
    assert cols.tolist() == expected.indices.tolist()
    assert values.tolist() == pytest.approx(expected.data.tolist())


def test_a_query_naming_a_member_no_document_has_still_reaches_the_group(analyzer):
    synonyms = DomainSynonyms.from_groups([["プログラミング", "コーディング"]], analyzer)
    vocabulary = Vocabulary(synonyms.single_words())
    tf = weighted_tf({"skills": ["プログラミング syn19447"]}, {"skills": 1.0}, vocabulary, synonyms)
    _, idf = fit_idf(tf)
    cols, _ = query_vector({"title": "コーディング"}, {"title": 1.0}, vocabulary, synonyms, idf)
    assert [vocabulary.terms[c] for c in cols] == ["dsyn:0"]


def test_terms_added_after_fitting_get_the_idf_of_a_rare_term():
    idf = np.array([1.0, 2.0])
    extended = extend_idf(idf, 4, n_docs=9)
    assert extended.tolist() == pytest.approx([1.0, 2.0, math.log(10 / 2) + 1, math.log(5) + 1])
    assert extend_idf(idf, 2, n_docs=9) is idf
