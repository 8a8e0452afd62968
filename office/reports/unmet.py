"""Unmet needs (人材の発掘): what the 年度's unfilled requests asked for, grouped by topic."""

from __future__ import annotations

from django.db import connection

from lib.text import analyze
from lib.text.analysis import units
from matching.models import SynonymGroup
from office.reports.figures import fill_state, posted_requests
from office.reports.period import Period
from office.reports.topics import group_topics

# A report shows the topics most asked for.
TOP = 20
# Words of a request title that say what role is wanted or what form the event takes, not
# which skill: every other title has one, so they would head every list of needs. Written as
# the analyser normalises them (お手伝い → 手伝い).
ROLE_WORDS = frozenset(
    {
        "講師", "先生", "指導", "指導者", "手伝い", "補助", "サポート", "サポーター", "募集",
        "ボランティア", "依頼", "講座", "教室", "相談会", "担当", "協力", "お願い", "方",
    }
)  # fmt: skip


def _city_synonym_groups() -> list[list[str]]:
    groups = []
    for group in SynonymGroup.objects.all():
        words = []
        for member in group.term_list():
            heads = [unit[0] for unit in units(analyze(member))]
            if len(heads) == 1:  # phrases cannot name one word of a title
                words.append(heads[0])
        groups.append(words)
    return groups


def _people_offering(topics) -> list[int]:
    """For each topic, the published people whose stored skills name one of its words: one
    scan of the published profiles for all topics, returning only those that match."""
    every = sorted({w for t in topics for w in t.words})
    if not every:
        return [0 for _ in topics]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_to_array(tok_skills, ' ') FROM talent_profile "
            "WHERE status = 'published' AND string_to_array(tok_skills, ' ') && %s::text[]",
            [every],
        )
        skill_sets = [set(row[0]) for row in cursor.fetchall()]
    return [sum(1 for skills in skill_sets if skills & set(t.words)) for t in topics]


def unmet_needs(period: Period, *, top: int | None = TOP) -> list[dict]:
    """Topics of the titles of the 年度's unfilled requests (nobody confirmed, not withdrawn).

    The title names the need (「スマホ相談会の講師」); the description adds the circumstances
    (学年, 日時, 場所), which would drown the topics, so only the stored title terms are read.
    Each topic also says how many published people offer one of its words today: 0 is a
    need nobody registered can meet.
    """
    unfilled = [r for r in posted_requests(period) if fill_state(r) == "unfilled"]
    texts = [(r.id, r.tok_title.split()) for r in unfilled]
    topics = group_topics(texts, _city_synonym_groups(), exclude=ROLE_WORDS)
    if top is not None:
        topics = topics[:top]
    people = _people_offering(topics)
    return [
        {
            "topic": t.label,
            "words": list(t.words),
            "unfilled_requests": t.texts,
            "request_ids": list(t.text_ids),
            "people_offering": n,
        }
        for t, n in zip(topics, people, strict=True)
    ]
