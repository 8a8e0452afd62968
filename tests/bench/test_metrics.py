"""Evaluation measures on hand-computed examples."""

import pytest

from bench.metrics import evaluate, mrr_at_k, recall_at_k, success_at_k


def test_recall_is_the_share_of_relevant_documents_found():
    ranked = ["a", "x", "b", "y", "c"]
    assert recall_at_k(ranked, {"a", "b", "c", "d"}, 1) == 0.25
    assert recall_at_k(ranked, {"a", "b", "c", "d"}, 3) == 0.5
    assert recall_at_k(ranked, {"a", "b", "c", "d"}, 10) == 0.75
    assert recall_at_k(ranked, set(), 5) == 0.0
    assert recall_at_k([], {"a"}, 5) == 0.0


def test_success_is_one_when_any_relevant_document_is_in_the_first_k():
    assert success_at_k(["x", "a"], {"a"}, 1) == 0.0
    assert success_at_k(["x", "a"], {"a"}, 2) == 1.0


def test_reciprocal_rank_of_the_first_relevant_document():
    assert mrr_at_k(["a", "b"], {"a"}) == 1.0
    assert mrr_at_k(["x", "y", "b", "a"], {"a", "b"}) == pytest.approx(1 / 3)
    assert mrr_at_k(["x"] * 10 + ["a"], {"a"}, 10) == 0.0  # rank 11 is past the cut
    assert mrr_at_k(["x"] * 9 + ["a"], {"a"}, 10) == pytest.approx(0.1)


def test_evaluate_averages_over_judged_queries():
    runs = {"q1": ["a", "b", "c"], "q2": ["x", "d", "y"], "q3": ["z"]}
    judgements = {"q1": ["b", "c"], "q2": ["d"], "q3": [], "q4": ["e"]}
    result = evaluate(runs, judgements, ks=(1, 2))
    # q3 has nothing relevant and is skipped; q4 was not answered and counts as all zeros.
    assert result["queries"] == 3
    assert result["recall@1"] == pytest.approx((0 + 0 + 0) / 3)
    assert result["recall@2"] == pytest.approx((0.5 + 1 + 0) / 3)
    assert result["success@2"] == pytest.approx((1 + 1 + 0) / 3)
    assert result["mrr@10"] == pytest.approx((1 / 2 + 1 / 2 + 0) / 3)


def test_evaluate_without_judgements_reports_no_measures():
    assert evaluate({"q": ["a"]}, {"q": []}) == {"queries": 0.0}
