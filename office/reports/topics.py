"""Group the stored terms of several texts into topics (no Django): the words that share a
Sudachi synonym group (``syn<id>``) or a group of the city's synonym list are one topic.

Stored terms come as the analyser wrote them (lib/text/analysis.py): each unit's word, then
its ``syn<id>`` terms, then its shorter parts. A topic is built from the units' own words (the
parts would double-count 英会話 as 会話), and counts each text once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lib.text.analysis import is_synonym_term


@dataclass(frozen=True)
class Topic:
    label: str  # the word that occurs in most texts
    words: tuple[str, ...]  # every word of the topic, most frequent first
    texts: int  # how many texts name it
    text_ids: tuple = ()


def unit_words(terms: Sequence[str]) -> list[tuple[str, frozenset[str]]]:
    """Each unit's word with its ``syn<id>`` terms, parts left out."""
    out: list[tuple[str, set[str]]] = []
    for term in terms:
        if is_synonym_term(term):
            if out:
                out[-1][1].add(term)
        elif out and len(term) < len(out[-1][0]) and term in out[-1][0]:
            continue  # a part of the unit before it
        else:
            out.append((term, set()))
    return [(word, frozenset(syns)) for word, syns in out]


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_topics(
    texts: Iterable[tuple[object, Sequence[str]]],
    synonym_groups: Iterable[Iterable[str]] = (),
    *,
    min_length: int = 2,
    exclude: frozenset[str] = frozenset(),
) -> list[Topic]:
    """Topics of ``texts`` ((id, stored terms) pairs), the most named first.

    ``synonym_groups``: the city's synonym list, each group as analysed words. Words shorter
    than ``min_length`` characters are left out (one kanji says little on its own), and so are
    the words in ``exclude``.
    """
    union = _Union()
    words_of: dict[object, set[str]] = {}
    first_with_syn: dict[str, str] = {}
    for text_id, terms in texts:
        words = words_of.setdefault(text_id, set())
        for word, syns in unit_words(terms):
            if len(word) < min_length or word in exclude:
                continue
            words.add(word)
            union.find(word)
            for syn in syns:
                if syn in first_with_syn:
                    union.join(word, first_with_syn[syn])
                else:
                    first_with_syn[syn] = word
    for group in synonym_groups:
        present = [w for w in group if w in union.parent]
        for word in present[1:]:
            union.join(present[0], word)

    frequency: Counter[str] = Counter()
    texts_of_topic: dict[str, set] = {}
    for text_id, words in words_of.items():
        for word in words:
            frequency[word] += 1
            texts_of_topic.setdefault(union.find(word), set()).add(text_id)
    members: dict[str, list[str]] = {}
    for word in frequency:
        members.setdefault(union.find(word), []).append(word)
    topics = []
    for root, words in members.items():
        words.sort(key=lambda w: (-frequency[w], w))
        ids = texts_of_topic[root]
        topics.append(
            Topic(
                label=words[0],
                words=tuple(words),
                texts=len(ids),
                text_ids=tuple(sorted(ids, key=str)),
            )
        )
    topics.sort(key=lambda t: (-t.texts, t.label))
    return topics
