"""Changes without a rebuild: the delta segment, removal, merging, a new synonym list."""

import threading
import time

import pytest

from lib.engine import Doc, DomainSynonyms, Query
from lib.engine.index import profile_index

NO_SOFT = {"same_area": 0.0, "not_asked_recently": 0.0}


def doc(doc_id, skills, **attrs):
    return Doc(doc_id, {"skills": skills, "experience": "", "bio": ""}, **attrs)


def query(title, **kwargs):
    return Query({"title": title, "description": ""}, now=0.0, **kwargs)


def ids(result):
    return [c.doc_id for c in result.candidates]


@pytest.fixture
def index():
    index = profile_index(weights=NO_SOFT)
    index.build(
        [
            doc(1, "書道 教室"),
            doc(2, "書道"),
            doc(3, "陶芸 教室"),
            doc(4, "将棋"),
            doc(5, "囲碁 将棋"),
        ]
    )
    return index


def test_an_upsert_shadows_the_old_row(index):
    assert ids(index.rank(query("書道"))) == [2, 1]
    index.upsert(doc(2, "陶芸"))
    assert ids(index.rank(query("書道"))) == [1]
    assert ids(index.rank(query("陶芸"))) == [2, 3]
    assert len(index) == 5
    assert index.stats()["delta_rows"] == 1


def test_an_upsert_can_change_only_the_attributes(index):
    index.upsert(doc(2, "書道", published=False))
    result = index.rank(query("書道"))
    assert ids(result) == [1]
    assert result.removed["not_published"] == 1
    assert result.considered == 5


def test_a_new_row_with_a_new_word_is_ranked_at_once(index):
    index.upsert(doc(10, "篆刻 書道"))
    assert ids(index.rank(query("篆刻"))) == [10]
    assert index.rank(query("篆刻")).candidates[0].matched_terms[0].term == "篆刻"
    assert 10 in ids(index.rank(query("書道")))


def test_remove_hides_a_row_wherever_it_is(index):
    index.remove(3)
    assert ids(index.rank(query("陶芸"))) == []
    index.upsert(doc(11, "陶芸"))
    index.remove(11)
    assert ids(index.rank(query("陶芸"))) == []
    index.remove(999)  # unknown ids are ignored
    assert len(index) == 4
    assert index.rank(query("陶芸")).considered == 4


def test_merging_changes_no_result(index):
    index.upsert(doc(2, "陶芸 書道 教室"))
    index.upsert(doc(6, "書道 将棋", areas=(1,)))
    index.upsert(doc(7, "教室"))
    index.remove(4)
    queries = [query("書道 教室"), query("陶芸"), query("将棋", exclude=[5]), query("教室")]
    before = [index.rank(q).as_dict() for q in queries]
    index.merge()
    assert index.stats()["delta_rows"] == 0
    after = [index.rank(q).as_dict() for q in queries]
    for b, a in zip(before, after, strict=True):
        b.pop("stats"), a.pop("stats")
    assert after == before
    assert len(index) == 6


def test_the_delta_is_merged_when_it_grows_past_the_threshold():
    index = profile_index(weights=NO_SOFT, merge_threshold=3, background_merge=False)
    index.build([doc(1, "書道")])
    for i in range(2, 5):
        index.upsert(doc(i, "書道"))
    assert index.stats()["delta_rows"] == 3
    index.upsert(doc(5, "書道"))
    assert index.stats() | {"bytes": 0} == {
        "main_rows": 5,
        "delta_rows": 0,
        "columns": 1,
        "nnz": 5,
        "bytes": 0,
        "shared_bytes": 0,  # a merged main segment is the process's own
        "synonyms_version": 0,
    }
    assert ids(index.rank(query("書道"))) == [1, 2, 3, 4, 5]


def test_a_new_synonym_list_takes_effect_on_a_rebuild_from_stored_terms(analyzer):
    docs = [doc(1, analyzer.terms_string("コーディング教室")), doc(2, "将棋")]
    index = profile_index(weights=NO_SOFT)
    index.build(docs)
    q = query(analyzer.terms_string("プログラミング"))
    assert ids(index.rank(q)) == []
    synonyms = DomainSynonyms.from_groups([["プログラミング", "コーディング"]], analyzer, 7)
    index.set_synonyms(synonyms, docs)
    assert index.stats()["synonyms_version"] == 7
    assert ids(index.rank(q)) == [1]
    # Upserts after the change use the new list too.
    index.upsert(doc(3, analyzer.terms_string("プログラミング")))
    assert ids(index.rank(query(analyzer.terms_string("プログラミング")))) == [3, 1]


def test_a_background_merge_keeps_the_changes_made_while_it_runs(monkeypatch):
    import lib.engine.index as index_module

    index = profile_index(weights=NO_SOFT, merge_threshold=2)
    index.build([doc(1, "書道"), doc(2, "書道"), doc(3, "陶芸")])
    started, release = threading.Event(), threading.Event()
    real_merged = index_module.merged

    def slow_merged(*args):
        started.set()
        release.wait(5)
        return real_merged(*args)

    monkeypatch.setattr(index_module, "merged", slow_merged)
    index.upsert([doc(4, "書道"), doc(5, "書道"), doc(2, "将棋")])  # past the threshold
    assert started.wait(5)
    # While the merge runs: ranking answers, and changes keep coming.
    assert ids(index.rank(query("書道"))) == [1, 4, 5]
    index.upsert(doc(4, "陶芸"))
    index.remove(5)
    index.upsert(doc(6, "書道"))
    release.set()
    for _ in range(100):
        if index.stats()["main_rows"] != 3:
            break
        time.sleep(0.05)
    assert index.stats()["main_rows"] == 5  # 1–5 merged, of which 4 and 5 are masked
    assert index.stats()["delta_rows"] == 2  # 4 and 6 changed during the merge
    assert ids(index.rank(query("書道"))) == [1, 6]
    assert ids(index.rank(query("陶芸"))) == [3, 4]
    assert ids(index.rank(query("将棋"))) == [2]
    assert len(index) == 5
