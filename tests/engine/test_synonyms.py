"""The coordinators' synonym list: compiled with the analyser, applied to stored terms."""

import numpy as np
import scipy.sparse as sp

from lib.engine.synonyms import DomainSynonyms, Member, count_phrase


def test_groups_are_compiled_into_analysed_members(analyzer):
    synonyms = DomainSynonyms.from_groups(
        [["プログラミング", "コーディング"], ["読み聞かせ", "絵本の朗読"]], analyzer, version=3
    )
    assert synonyms.version == 3
    assert synonyms.n_groups == 2
    assert synonyms.members == [
        Member(0, "プログラミング", ("プログラミング",)),
        Member(0, "コーディング", ("コーディング",)),
        Member(1, "読み聞かせ", ("読み聞かせ",)),
        Member(1, "絵本の朗読", ("絵本", "朗読")),  # a phrase: the particle is gone
    ]
    assert synonyms.single_words() == {"プログラミング", "コーディング", "読み聞かせ"}
    assert synonyms.features() == ["dsyn:0", "dsyn:1"]


def test_members_that_analyse_to_nothing_and_lone_members_are_left_out(analyzer):
    synonyms = DomainSynonyms.from_groups(
        [["の", "書道"], ["子ども", "こども"], ["陶芸", "焼き物"]], analyzer
    )
    # 「の」 has no content; 子ども and こども analyse to the same word: neither group links.
    assert [m.text for m in synonyms.members] == ["陶芸", "焼き物"]
    assert synonyms.members[0].group == 0


def test_a_member_keeps_one_word_per_unit(analyzer):
    synonyms = DomainSynonyms.from_groups([["英会話", "英語で話す", "英会話教室"]], analyzer)
    # 英会話 is one unit (its part 会話 is not a word of its own): a one-word member.
    assert [m.terms for m in synonyms.members] == [
        ("英会話",),
        ("英語", "話す"),
        ("英会話", "教室"),
    ]


def test_a_phrase_word_may_be_a_part_of_a_longer_unit(analyzer):
    assert count_phrase(analyzer.terms("絵本の朗読会"), ("絵本", "朗読")) == 1


def test_a_phrase_counts_only_where_its_words_follow_each_other():
    assert count_phrase(["絵本", "朗読", "会"], ("絵本", "朗読")) == 1
    assert count_phrase(["朗読", "絵本"], ("絵本", "朗読")) == 0
    assert count_phrase(["絵本", "読む", "朗読"], ("絵本", "朗読")) == 0
    # syn<id> terms sit between a word and the next; they do not break a phrase.
    assert count_phrase(["伝統", "syn16670", "遊び", "syn23508"], ("伝統", "遊び")) == 1
    assert count_phrase(["絵本", "朗読", "絵本", "朗読"], ("絵本", "朗読")) == 2


def test_bulk_counts_equal_counts_by_scanning(analyzer):
    synonyms = DomainSynonyms.from_groups(
        [["プログラミング", "コーディング"], ["昔遊び", "伝統遊び"]], analyzer
    )
    docs = [
        analyzer.terms("プログラミングとコーディング"),
        analyzer.terms("伝統遊びと昔遊びと伝統遊び"),
        analyzer.terms("遊びの伝統"),  # both words, wrong order: no phrase
        [],
    ]
    vocabulary = {t: i for i, t in enumerate(sorted({t for d in docs for t in d}))}
    rows = [i for i, d in enumerate(docs) for _ in d]
    cols = [vocabulary[t] for d in docs for t in d]
    counts = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(4, len(vocabulary)))
    bulk = synonyms.counts(counts, docs, vocabulary).toarray()
    assert bulk.tolist() == [[2, 0], [0, 3], [0, 0], [0, 0]]
    assert synonyms.counts_by_scan(docs).toarray().tolist() == bulk.tolist()


def test_occurrences_name_the_members_found(analyzer):
    synonyms = DomainSynonyms.from_groups([["読み聞かせ", "絵本の朗読"]], analyzer)
    assert synonyms.occurrences(analyzer.terms("絵本の朗読会")) == {0: ["絵本の朗読"]}
    assert synonyms.occurrences(analyzer.terms("朗読と絵本")) == {}
