"""The evaluation harness: per split and trap, "nothing fits" counted for unanswerable requests."""

from bench.evaluation import Item, score

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
