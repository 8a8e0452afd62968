"""Golden rankings, one or two hand-checked requests per trap of the evaluation set, on a tiny
corpus: the real analyser, the ja-ginza word vectors, the service's cut-off.

Each expected list was checked by hand: it is what a coordinator would want to see. A change
in analysis, expansion or weighting that breaks one shows up here by name.
"""

import pytest

from lib.engine.index import SERVICE_CUT_OFF, Doc, Query, profile_index
from lib.text.vectors import default_vectors

PROFILES = {
    1: "書道（楷書・行書）を大人の方に教えます",
    2: "茶道のお点前と作法",
    3: "スマートフォンの使い方相談",
    4: "パソコン初心者のサポート、キーボード入力",
    5: "樹木の診断と手入れ、自然観察の案内",
    6: "家庭料理、和食の基本",
    7: "英会話（日常会話）",
    8: "ピアノの伴奏、合唱の指導",
    9: "陸上競技（短距離）の指導",
    10: "絵本の読み聞かせ",
}
# Other requests of the city: they teach the index which words every request uses.
OTHER_REQUESTS = [
    "陶芸の体験講座",
    "料理教室の講師",
    "夏休みの体験教室の指導",
    "講座の講師を募集",
    "子供向けの体験講座",
    "親子で体験できる教室",
    "高齢者向けの体験教室",
]


@pytest.fixture(scope="module")
def index(analyzer):
    vectors = default_vectors()
    assert vectors is not None, "ja-ginza is a dependency: scripts/setup.sh installs it"
    ix = profile_index(vectors=vectors, cut_off=SERVICE_CUT_OFF)
    ix.build(Doc(i, {"skills": analyzer.terms_string(t)}) for i, t in PROFILES.items())
    ix.learn_query_side(
        {"title": analyzer.terms_string(t)} for t in [*OTHER_REQUESTS, *REQUESTS.values()]
    )
    return ix


REQUESTS = {
    "direct": "書道講座の講師",
    "hyoki": "ｽﾏﾎ教室",
    "paraphrase": "英語で話す練習の会",
    "need": "パソコンが苦手な方の相談役",
    "distractor": "陸上部の外部コーチ",
    "none": "ボルダリング体験教室",
}


def rank(index, analyzer, text):
    return index.rank(Query({"title": analyzer.terms_string(text)}))


@pytest.mark.parametrize(
    ("trap", "expected"),
    [
        ("direct", [1]),  # 書道; 講座・講師 are generic and carry nobody else
        ("hyoki", [3, 4]),  # ｽﾏﾎ → スマホ = スマートフォン; then the PC helper (スマホ ≈ パソコン)
        ("paraphrase", [7]),  # 英語で話す ≈ 英会話, 会話
        ("need", [4, 3]),  # パソコン first; the smartphone helper as the near second
        ("distractor", [9]),  # 陸上; not the choir's 指導
        ("none", []),  # nobody offers ボルダリング: 体験 and 教室 are generic
    ],
)
def test_golden_ranking_per_trap(index, analyzer, trap, expected):
    result = rank(index, analyzer, REQUESTS[trap])
    assert [c.doc_id for c in result.candidates] == expected
    assert result.nothing_fits == (expected == [])


def test_an_inferred_match_names_both_words(index, analyzer):
    best = rank(index, analyzer, REQUESTS["paraphrase"]).candidates[0]
    inferred = {(t.term, t.matched) for t in best.matched_terms if t.via == "expansion"}
    assert ("英語", ("英会話",)) in inferred


@pytest.mark.parametrize(
    ("typed", "written", "expected"),
    [
        ("しょどうを習いたい", "書道を習いたい", [1]),  # しょ/どう to Sudachi alone
        ("えいかいわの先生", "英会話の先生", [7]),  # え/いかい/わ
        ("ぱそこんの相談", "パソコンの相談", [3, 4]),  # ぱ/そこ/ん; 相談 puts 3 first either way
    ],
)
def test_a_request_typed_in_hiragana_ranks_as_if_written_out(
    index, analyzer, typed, written, expected
):
    assert [c.doc_id for c in rank(index, analyzer, written).candidates] == expected
    assert [c.doc_id for c in rank(index, analyzer, typed).candidates] == expected
