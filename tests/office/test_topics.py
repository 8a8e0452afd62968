"""Unmet-need topics from stored terms (no database): hand-written term lists."""

from office.reports.topics import group_topics, unit_words


def test_unit_words_keep_each_units_word_and_synonyms_but_not_its_parts():
    terms = ["英会話", "syn10", "会話", "子供会", "子供", "手話"]
    assert unit_words(terms) == [
        ("英会話", frozenset({"syn10"})),
        ("子供会", frozenset()),
        ("手話", frozenset()),
    ]


def test_words_sharing_a_sudachi_group_are_one_topic():
    texts = [
        (1, ["スマホ", "syn6201", "相談"]),
        (2, ["スマートフォン", "syn6201", "教室"]),
        (3, ["スマホ", "syn6201", "写真"]),
    ]
    topics = group_topics(texts, exclude=frozenset({"教室"}))
    first = topics[0]
    assert (first.label, first.texts, first.text_ids) == ("スマホ", 3, (1, 2, 3))
    assert first.words == ("スマホ", "スマートフォン")
    assert [(t.label, t.texts) for t in topics[1:]] == [("写真", 1), ("相談", 1)]


def test_the_citys_synonym_list_joins_words_sudachi_does_not():
    texts = [(1, ["読み聞かせ"]), (2, ["朗読"]), (3, ["書道"])]
    topics = group_topics(texts, [["読み聞かせ", "朗読"]])
    # Equal counts: the label is the first word in code-point order (朗 U+6717 < 読 U+8AAD).
    assert [(t.label, t.texts) for t in topics] == [("朗読", 2), ("書道", 1)]
    assert set(topics[0].words) == {"読み聞かせ", "朗読"}


def test_a_text_counts_once_per_topic_and_short_or_excluded_words_are_left_out():
    texts = [(1, ["手話", "歌う", "手話", "講師", "会"])]
    topics = group_topics(texts, exclude=frozenset({"講師"}))
    assert [(t.label, t.texts) for t in topics] == [("手話", 1), ("歌う", 1)]
