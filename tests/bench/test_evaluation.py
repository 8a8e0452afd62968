"""The quality claim, kept: on the labeled set the matcher beats the bigram baseline."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.evaluation import evaluate_matchers

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def report():
    data = json.loads((FIXTURES / "eval" / "matching_eval.json").read_text(encoding="utf-8"))
    groups = [g["terms"] for g in json.loads((FIXTURES / "synonyms.json").read_text("utf-8"))]
    return evaluate_matchers(data, groups)


def test_the_set_is_as_large_as_promised(report):
    assert report.requests >= 40
    assert report.profiles >= 150


def test_the_matcher_beats_the_baseline_on_mrr_and_recall_at_1(report):
    service, baseline = report.overall["service"], report.overall["baseline"]
    assert service["mrr@10"] > baseline["mrr@10"]
    assert service["recall@1"] > baseline["recall@1"]


def test_hyoki_yure_is_where_normalisation_pays(report):
    # 表記ゆれ (ＰＣ/ﾊﾟｿｺﾝ, 子ども/子供): NFKC and normalized forms, which bigrams lack.
    hyoki = report.by_trap["hyoki"]
    assert hyoki["service"]["mrr@10"] > hyoki["baseline"]["mrr@10"]


def test_a_tiny_set_scores_as_computed_by_hand():
    data = {
        "profiles": [
            {"key": "a", "kind": "instructor", "skills": "書道を教えます", "bio": ""},
            {"key": "b", "kind": "instructor", "skills": "英会話の先生", "bio": ""},
            {"key": "c", "kind": "it_volunteer", "skills": "スマートフォンの使い方", "bio": ""},
        ],
        "requests": [
            {"key": "q1", "title": "書道", "description": "毛筆", "relevant": ["a"]},
            {"key": "q2", "title": "スマホ相談", "description": "", "relevant": ["c"]},
            {"key": "q3", "title": "英語", "description": "会話", "relevant": ["b"]},
        ],
    }
    report = evaluate_matchers(data)
    service = report.overall["service"]
    assert service["recall@1"] == 1.0  # スマホ meets スマートフォン through Sudachi's group
    assert service["mrr@10"] == 1.0


def test_the_command_prints_both_matchers(db):
    out = StringIO()
    call_command("evaluate_matching", stdout=out)
    text = out.getvalue()
    assert "service (Sudachi + TF-IDF)" in text and "baseline (char bigram TF-IDF)" in text
    assert "recall@1" in text and "mrr@10" in text
    assert "beats the baseline" in text
