"""Ranking: a hand-checked golden corpus, each hard filter, soft factors and explanations."""

import math

import pytest

from lib.engine import DEFAULT_WEIGHTS, FILTER_ORDER, Doc, DomainSynonyms, Query
from lib.engine.index import Index, profile_index, request_index
from lib.slots import slot_groups

NO_SOFT = {"same_area": 0.0, "not_asked_recently": 0.0}
MON_AM, MON_PM, TUE_AM = 1 << 0, 1 << 1, 1 << 3


def doc(doc_id, skills="", experience="", bio="", **attrs):
    return Doc(doc_id, {"skills": skills, "experience": experience, "bio": bio}, **attrs)


def query(title, description="", **kwargs):
    kwargs.setdefault("now", 1_700_000_000.0)
    return Query({"title": title, "description": description}, **kwargs)


def ranked(result):
    return [(c.doc_id, c.score) for c in result.candidates]


@pytest.fixture
def golden():
    # Stored terms written by hand (no analyser): every number below follows from them.
    index = profile_index(weights=NO_SOFT)
    index.build([doc(1, "書道 教室"), doc(2, "書道"), doc(3, "陶芸 教室"), doc(4, "将棋")])
    return index


def test_golden_order_and_scores(golden):
    # Smooth IDF over 4 rows: df 2 → ln(5/3) + 1, df 1 → ln(5/2) + 1. Row 3 is 陶芸 + 教室,
    # scaled to unit length; the query 「書道 教室」 is (1, 1)/√2 (equal IDF).
    common, rare = math.log(5 / 3) + 1, math.log(5 / 2) + 1
    row3_kyoshitsu = common / math.hypot(common, rare)
    result = golden.rank(query("書道 教室"))
    assert ranked(result) == [
        (1, pytest.approx(1.0, abs=1e-6)),
        (2, pytest.approx(1 / math.sqrt(2), abs=1e-6)),
        (3, pytest.approx(row3_kyoshitsu / math.sqrt(2), abs=1e-6)),
    ]
    assert ranked(result)[2][1] == pytest.approx(0.437791, abs=1e-6)
    assert result.considered == 4
    assert result.removed == dict.fromkeys(FILTER_ORDER, 0)


def test_a_row_sharing_no_word_is_never_a_candidate(golden):
    assert 4 not in [c.doc_id for c in golden.rank(query("書道 教室")).candidates]
    assert golden.rank(query("囲碁")).candidates == []


def test_matched_terms_add_up_to_the_text_score(golden):
    top = golden.rank(query("書道 教室")).candidates[0]
    assert [(m.term, m.via) for m in top.matched_terms] == [("教室", "term"), ("書道", "term")]
    assert [m.contribution for m in top.matched_terms] == [pytest.approx(0.5, abs=1e-6)] * 2
    assert sum(m.contribution for m in top.matched_terms) == pytest.approx(top.text_score)


def test_limit_cuts_the_list(golden):
    assert [c.doc_id for c in golden.rank(query("書道 教室", limit=2)).candidates] == [1, 2]


def test_skills_weigh_more_than_the_self_introduction():
    index = profile_index(weights=NO_SOFT)
    index.build([doc(1, "陶芸", bio="書道"), doc(2, "書道", bio="陶芸"), doc(3, "将棋")])
    result = index.rank(query("書道"))
    assert [c.doc_id for c in result.candidates] == [2, 1]


def test_title_weighs_more_than_description():
    index = profile_index(weights=NO_SOFT)
    index.build([doc(1, "書道"), doc(2, "陶芸"), doc(3, "将棋"), doc(4, "囲碁")])
    result = index.rank(query("書道", "陶芸"))
    assert [c.doc_id for c in result.candidates] == [1, 2]


@pytest.fixture
def filtered():
    index = profile_index(weights=NO_SOFT)
    index.build(
        [
            doc(1, "書道", kind="instructor", availability=MON_AM),
            doc(2, "書道", kind="instructor", availability=MON_AM, published=False),
            doc(3, "書道", kind="it_volunteer", availability=MON_AM, published=False),
            doc(4, "書道", kind="it_volunteer", availability=MON_AM),
            doc(5, "書道", kind="school_support", availability=MON_AM),
            doc(6, "書道", kind="instructor", availability=TUE_AM),
            doc(7, "書道", kind="instructor", availability=MON_AM | TUE_AM),
            doc(8, "陶芸", kind="instructor", availability=MON_AM),
        ]
    )
    return index


def test_only_published_rows_are_ranked(filtered):
    result = filtered.rank(query("書道"))
    assert sorted(c.doc_id for c in result.candidates) == [1, 4, 5, 6, 7]
    assert result.removed == {**dict.fromkeys(FILTER_ORDER, 0), "not_published": 2}
    assert result.considered == 8


def test_each_hard_filter_counts_what_it_removed_in_order(filtered):
    result = filtered.rank(
        query("書道", kind="instructor", required_slots=(MON_AM,), exclude=[7, 99])
    )
    assert [c.doc_id for c in result.candidates] == [1]
    # 2 and 3 are unpublished (3 is also the wrong kind: counted once, by the first filter),
    # 4 and 5 are the wrong kind, 6 is not free on Monday mornings, 7 was already proposed.
    assert result.removed == {"not_published": 2, "kind": 2, "availability": 1, "excluded": 1}
    assert list(result.removed) == list(FILTER_ORDER)


def test_removal_counts_cover_rows_without_a_matching_word(filtered):
    result = filtered.rank(query("陶芸", kind="it_volunteer"))
    assert result.candidates == []
    # Published rows of another kind: 1, 5, 6, 7 and 8, though only 8 mentions 陶芸.
    assert result.removed == {"not_published": 2, "kind": 5, "availability": 0, "excluded": 0}


def test_a_kind_no_row_has_removes_every_published_row(filtered):
    result = filtered.rank(query("書道", kind="unknown"))
    assert result.candidates == []
    assert result.removed["kind"] == 6


def test_each_slot_group_must_meet_the_availability(filtered):
    # Monday morning and Tuesday morning both needed: only 7 is free at both.
    both = filtered.rank(query("書道", required_slots=(MON_AM, TUE_AM)))
    assert [c.doc_id for c in both.candidates] == [7]
    # Either slot will do: one group holding both bits.
    either = filtered.rank(query("書道", required_slots=(MON_AM | TUE_AM,)))
    assert sorted(c.doc_id for c in either.candidates) == [1, 4, 5, 6, 7]
    assert either.candidates[0].required_slots == MON_AM | TUE_AM


def test_the_candidate_says_which_requested_slots_it_covers(filtered):
    result = filtered.rank(query("書道", required_slots=(MON_AM | MON_PM | TUE_AM,)))
    by_id = {c.doc_id: c for c in result.candidates}
    assert by_id[7].covered_slots == MON_AM | TUE_AM
    assert by_id[6].covered_slots == TUE_AM


def test_same_area_lifts_an_equal_candidate_by_its_documented_weight():
    index = profile_index(weights={"same_area": 0.1, "not_asked_recently": 0.0})
    index.build([doc(1, "書道", areas=(10,)), doc(2, "書道", areas=(20, 30)), doc(3, "将棋")])
    plain = index.rank(query("書道"))
    assert [c.doc_id for c in plain.candidates] == [1, 2]  # a tie, broken by id
    result = index.rank(query("書道", areas=(30,)))
    first, second = result.candidates
    assert (first.doc_id, second.doc_id) == (2, 1)
    assert first.score == pytest.approx(first.text_score * 1.1, abs=1e-6)
    assert first.shared_areas == [30]
    assert [(f.name, f.boost) for f in first.soft_factors] == [("same_area", 0.1)]
    assert second.soft_factors == [] and second.score == second.text_score


def test_people_not_asked_recently_come_first_among_equals():
    now = 1_700_000_000.0
    day = 86_400.0
    index = profile_index(weights={"same_area": 0.0, "not_asked_recently": 0.05})
    index.build(
        [
            doc(1, "書道", last_asked=now - 1 * day),
            doc(2, "書道", last_asked=now - 30 * day),
            doc(3, "書道", last_asked=None),
            doc(4, "将棋"),
        ]
    )
    result = index.rank(query("書道", now=now))
    assert [c.doc_id for c in result.candidates] == [3, 2, 1]
    boosts = {c.doc_id: dict((f.name, f.boost) for f in c.soft_factors) for c in result.candidates}
    recent_days = DEFAULT_WEIGHTS["recent_days"]
    assert boosts[3] == {"not_asked_recently": 0.05}
    assert boosts[2]["not_asked_recently"] == pytest.approx(0.05 * 30 / recent_days, abs=1e-6)
    assert boosts[1]["not_asked_recently"] == pytest.approx(0.05 * 1 / recent_days, abs=1e-6)


def test_soft_factors_never_outrank_a_clearly_better_text():
    index = profile_index()
    index.build([doc(1, "書道 教室", last_asked=1.0), doc(2, "書道 陶芸 将棋 囲碁", areas=(1,))])
    result = index.rank(query("書道 教室", areas=(1,)))
    assert [c.doc_id for c in result.candidates] == [1, 2]


def test_synonyms_are_explained_with_the_words_on_both_sides(analyzer):
    synonyms = DomainSynonyms.from_groups([["読み聞かせ", "絵本の朗読"]], analyzer)
    index = profile_index(weights=NO_SOFT, synonyms=synonyms)
    texts = {1: "スマートフォンの相談", 2: "絵本の朗読", 3: "スマホ教室", 4: "将棋"}
    index.build([doc(i, analyzer.terms_string(t)) for i, t in texts.items()])

    phone = index.rank(query(analyzer.terms_string("スマホの使い方")))
    assert [c.doc_id for c in phone.candidates] == [3, 1]
    same, other = phone.candidates
    assert [(m.term, m.via, m.matched) for m in same.matched_terms] == [("スマホ", "term", ())]
    assert [(m.term, m.via, m.matched) for m in other.matched_terms] == [
        ("スマホ", "synonym", ("スマートフォン",))
    ]
    assert other.text_score < same.text_score  # a synonym scores a share of the word

    story = index.rank(query(analyzer.terms_string("読み聞かせ")))
    assert [c.doc_id for c in story.candidates] == [2]
    assert [(m.term, m.via, m.matched) for m in story.candidates[0].matched_terms] == [
        ("読み聞かせ", "domain_synonym", ("絵本の朗読",))
    ]


def test_the_other_direction_ranks_open_requests_for_a_volunteer():
    index = request_index(weights={"same_area": 0.1})
    index.build(
        [
            Doc(1, {"title": "書道 講師", "description": "公民館"}, kind="instructor"),
            Doc(2, {"title": "書道", "description": ""}, kind=None, areas=(5,)),
            Doc(3, {"title": "書道", "description": ""}, kind="it_volunteer"),
            Doc(4, {"title": "書道", "description": ""}, published=False),
            Doc(5, {"title": "書道", "description": ""}, needs=(TUE_AM,)),
            Doc(6, {"title": "書道", "description": ""}, needs=(MON_AM | TUE_AM, MON_PM)),
        ]
    )
    profile = Query(
        {"skills": "書道", "experience": "", "bio": ""},
        kind="instructor",
        offered_slots=MON_AM | MON_PM,
        areas=(5,),
        now=0.0,
    )
    result = index.rank(profile)
    # 3 wants another kind, 4 is closed, 5 happens on Tuesday mornings only.
    assert sorted(c.doc_id for c in result.candidates) == [1, 2, 6]
    # 2 and 6 say the same; 2 is in the volunteer's area.
    assert [c.doc_id for c in result.candidates][:2] == [2, 6]
    assert result.removed == {"not_published": 1, "kind": 1, "availability": 1, "excluded": 0}


def test_a_preferred_kind_boosts_and_never_filters():
    # Requests 1 and 2 say the same; 1 would rather have an instructor, 2 school support (a
    # preference each), 3 insists on school support.
    index = request_index(weights={"kind_wanted": 0.3})
    same = {"title": "書道", "description": ""}
    index.build(
        [
            Doc(1, same, prefers=("instructor",)),
            Doc(2, same, prefers=("school_support",)),
            Doc(3, same, kind="school_support"),
        ]
    )
    result = index.rank(
        Query({"skills": "書道"}, kind="instructor", kinds=("instructor",), now=0.0)
    )
    assert [c.doc_id for c in result.candidates] == [1, 2]
    assert result.removed["kind"] == 1
    first, second = result.candidates
    assert first.score == pytest.approx(second.score * 1.3)
    assert [f.name for f in first.soft_factors if f.boost] == ["kind_wanted"]


def test_an_empty_index_ranks_nothing():
    index = Index()
    index.build([])
    result = index.rank(query("書道"))
    assert result.candidates == [] and result.considered == 0


def test_slot_groups_say_what_a_request_needs():
    assert slot_groups([0], 0) == (MON_AM,)  # Monday morning
    assert slot_groups([0, 1, 0], 0) == (MON_AM, TUE_AM)  # each date's weekday, once
    assert slot_groups([0]) == (MON_AM | MON_PM | 1 << 2,)  # any band on Monday
    assert slot_groups([], 1) == (sum(1 << (d * 3 + 1) for d in range(7)),)  # afternoons
    assert slot_groups([]) == ()


def test_an_index_of_rows_without_a_single_term_ranks_nothing_without_failing():
    # Every profile withdrawn (its text erased): no column to learn IDF from.
    index = profile_index(weights=NO_SOFT)
    index.build([doc(1), doc(2)])
    assert ranked(index.rank(query("書道"))) == []
    index.upsert(doc(3, "書道"))
    assert [c.doc_id for c in index.rank(query("書道")).candidates] == [3]
