"""The evaluation harness: per split and trap, "nothing fits" counted for unanswerable requests."""

from bench.evaluation import Item, Service, cut_off_sweep, score

DOCS = [Item("a", {}), Item("b", {}), Item("c", {})]
QUERIES = [
    Item("q1", {}, relevant=frozenset({"a"}), trap="direct", split="dev"),
    Item("q2", {}, relevant=frozenset({"b"}), trap="need", split="dev"),
    Item("q3", {}, trap="none", split="dev"),
    Item("q4", {}, trap="none", split="test"),
    Item("q5", {}, relevant=frozenset({"c"}), trap="direct", split="test"),
]


def test_it_scores_each_split_and_trap_and_counts_nothing_fits():
    runs = {
        "m": {
            "q1": ["a", "b"],  # rank 1
            "q2": ["a", "b"],  # rank 2
            "q3": [],  # nothing fits: right
            "q4": ["a"],  # lists someone: wrong
            "q5": [],  # nothing fits for a request that has a right person: lost
        }
    }
    report = score(runs, DOCS, QUERIES)
    dev_all = report.scores["dev"]["all"]["m"]
    assert dev_all["mrr@10"] == 0.75  # (1 + 1/2) / 2
    assert dev_all["recall@1"] == 0.5
    assert dev_all["lost"] == 0.0
    assert report.scores["dev"]["none"]["m"]["nothing_fits"] == 1.0
    assert report.scores["test"]["none"]["m"]["nothing_fits"] == 0.0
    assert report.scores["test"]["all"]["m"]["lost"] == 1.0
    assert report.scores["all"]["none"]["m"]["nothing_fits"] == 0.5


def test_the_sweep_counts_what_each_threshold_would_answer():
    lists = {
        "q1": [("a", 0.5), ("b", 0.1)],  # right person first, best 0.5
        "q2": [("a", 0.25), ("b", 0.24)],  # right person (b) listed, best 0.25
        "q3": [("c", 0.21)],  # none, best 0.21
        "q4": [],  # none, nothing listed
        "q5": [("a", 0.19)],  # right person (c) not listed, best 0.19
    }
    low, mid, high = cut_off_sweep(lists, QUERIES, (0.2, 0.22, 0.3))
    # below 0.2: q4 (0) caught; q5 (0.19) silenced, its right person was not listed.
    assert (low.caught, low.unanswerable, low.silenced, low.answerable, low.lost_gold) == (
        1, 2, 1, 3, 0,
    )  # fmt: skip
    # below 0.22: q3 (0.21) caught as well.
    assert (mid.caught, mid.silenced, mid.lost_gold) == (2, 1, 0)
    # below 0.3: q2 (0.25) silenced too, and its right person was listed.
    assert (high.caught, high.silenced, high.lost_gold) == (2, 2, 1)


def test_a_service_built_with_a_share_holds_every_document_but_learnt_from_fewer():
    docs = [Item(f"p{i}", {"skills": f"書道 {i}"}) for i in range(40)]
    whole = Service(docs).index.stats()
    stale = Service(docs, built_with=0.5).index.stats()
    assert whole["main_rows"] == 40 and whole["delta_rows"] == 0
    # Every document is ranked either way; about half came after the build.
    assert stale["main_rows"] + stale["delta_rows"] == 40
    assert 10 <= stale["delta_rows"] <= 30
