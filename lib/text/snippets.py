"""Snippets of search hits: a short piece of each hit's text, with the words the query found
marked by offsets into it (for the API) or by ``<mark>`` (for the pages).

Only the rows of the page being shown are re-read, by the same analyser as the stored text, so
the text's own spelling is marked (子ども for a search of 子供, ＰＣ for pc).
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lib.text import analyzer
from lib.text.query import Analyze, parse_query

# -------------------------------------------------------------------------------

# Stored texts are at most 4,000 characters (well under Sudachi's input limit).
_MAX_SNIPPET_SOURCE = 8_000
# Voiced-sound marks that NFKC folds into the kana before them (ｶﾞ → ガ): kept with that kana.
_JOINING_MARKS = frozenset("\uff9e\uff9f\u3099\u309a")


def _normalise_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC of ``text`` and, for each character of it, the [start, end) of its source."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _JOINING_MARKS):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), starts, ends


@lru_cache(maxsize=50_000)
def _surface_terms(surface: str, analyze: Analyze) -> frozenset[str]:
    return frozenset(analyze(surface))


def find_spans(text: str, terms: frozenset[str], analyze: Analyze) -> list[tuple[int, int]]:
    """Where in ``text`` the words stand whose analysed terms include one of ``terms``.

    Each surface is analysed by the same pipeline as the stored text, so 子ども is found for
    子供 and スマートフォン for the synonym term of スマホ. Only for the page being shown.
    """
    if not text or not terms:
        return []
    norm, starts, ends = _normalise_with_offsets(text)
    spans: list[tuple[int, int]] = []
    # Where the words stand comes from the analyser's own tokenizer (lib.text.analyzer()), the
    # one Sudachi dictionary of the process; ``analyze`` then says what each word means.
    for begin, end, surface in analyzer().surfaces(norm[:_MAX_SNIPPET_SOURCE]):
        if begin < end and _surface_terms(surface, analyze) & terms:
            start, stop = starts[begin], ends[end - 1]
            if spans and spans[-1][1] >= start:  # neighbours (子ども|会) make one mark
                spans[-1] = (spans[-1][0], stop)
            else:
                spans.append((start, stop))
    return spans


@dataclass(frozen=True)
class Snippet:
    """A short piece of a hit's text; ``highlights`` are [start, end) offsets into ``text``
    (Python string indices, i.e. Unicode code points)."""

    field: str
    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "text": self.text,
            "highlights": [list(span) for span in self.highlights],
        }

    def as_html(self) -> str:
        """The text HTML-escaped, with each found word in ``<mark>``."""
        return highlight_html(self.text, self.highlights)


def highlight_html(text: str, highlights) -> str:
    """``text`` HTML-escaped, with each [start, end) span in ``<mark>``."""
    out, pos = [], 0
    for start, end in highlights:
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


SNIPPET_CHARS = 80
_LEAD_CHARS = 15
_ELLIPSIS = "…"


def make_snippet(
    field_name: str, text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS
) -> Snippet:
    """Cut ``text`` to about ``width`` characters around the most found words."""
    flat = text.replace("\r", " ").replace("\n", " ")
    spans = sorted(spans)
    start = 0
    if spans:
        # The window that holds the most highlights, starting a little before the first one.
        best, best_count = spans[0][0], 0
        for s, _ in spans:
            count = sum(1 for a, b in spans if a >= s and b <= s + width - _LEAD_CHARS)
            if count > best_count:
                best, best_count = s, count
        start = max(0, best - _LEAD_CHARS)
    end = min(len(flat), start + width)
    if end - start < width:
        start = max(0, end - width)
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(flat) else ""
    shift = len(prefix) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return Snippet(field_name, prefix + flat[start:end] + suffix, kept)


def best_snippet(
    fields: Sequence[tuple[str, str, str]], terms: frozenset[str], analyze: Analyze
) -> Snippet | None:
    """The snippet of the field with the most found words; ``fields`` are (name, text, stored
    tokens) in order of preference. Without any found word: the start of the first field."""
    found = [len(terms.intersection(tokens.split())) if terms else 0 for _, _, tokens in fields]
    if any(found):
        name, text, _ = fields[found.index(max(found))]
        return make_snippet(name, text, find_spans(text, terms, analyze))
    for name, text, _ in fields:
        if text.strip():
            return make_snippet(name, text, [])
    return None


def page_snippets(
    rows: Iterable, text: str | None, analyze: Analyze, fields_of: Callable[[object], list[str]]
) -> dict[int, dict | None]:
    """For each row of a result page: its snippet (as a dict) from the fields ``fields_of(row)``
    names, each with its stored ``tok_<field>`` column. Sudachi re-reads only these rows."""
    terms = parse_query(text, analyze).highlight_terms
    out: dict[int, dict | None] = {}
    for row in rows:
        fields = [(f, getattr(row, f), getattr(row, f"tok_{f}")) for f in fields_of(row)]
        snippet = best_snippet(fields, terms, analyze)
        out[row.pk] = snippet.as_dict() if snippet else None
    return out
