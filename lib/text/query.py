"""Full text shared by every search: web-search syntax → a tsquery over the analyser's terms
(the snippets of the hits: lib/text/snippets.py).

One parser for both searches (profiles in talent/search.py, requests in matching/search.py). The syntax is the one people know from web search engines:

- words separated by spaces must all match (AND);
- ``OR`` (upper case, between two words) matches either; it binds tighter than the spaces,
  so ``書道 OR 習字 子ども`` is (書道 OR 習字) AND 子ども;
- ``-word`` (or ``-"a phrase"``) excludes rows that contain it;
- ``"a quoted phrase"`` keeps its words together, in order, as written (no synonyms); a quote
  left open runs to the end of the query.

Each word goes through the same analyser as the stored documents (``analyze`` is passed in), so
子ども finds 子供 and ＰＣ finds PC. A word that analyses to several units becomes an AND of them;
each unit also matches the Sudachi synonym groups stored with it (スマホ finds スマートフォン).
A word in kana is also looked up as a name reading (やまだ / ヤマダ → 山田), because Sudachi
reads most surnames written in kana as something else (さとう → 砂糖) or as nothing at all.

The tsquery is assembled from quoted lexemes produced here, never from the user's text: each
lexeme is a tsquery literal with ``'`` and ``\\`` escaped, and the whole string is handed to
``to_tsquery('simple', ...)`` as a parameter, so PostgreSQL's parser cuts each literal exactly
as ``to_tsvector('simple', ...)`` cut the stored tokens (``wi-fi`` → wi-fi, wi, fi at three
positions on both sides).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lib.text.kana import kana_variants

Analyze = Callable[[str], list[str]]


class QueryError(ValueError):
    """A search text that cannot be read (too long, too many words): the message says why, in
    words for the person who typed it; ``fields`` names the input it concerns."""

    def __init__(self, message: str, *, fields: dict[str, list[str]]):
        super().__init__(message)
        self.message = message
        self.fields = fields


# Limits: a person types a few words; anything longer is a paste or a probe. Refused with a
# message rather than cut silently, so nobody wonders why the last words were ignored.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 32

# Shown with the search box and in the OpenAPI schema.
QUERY_HELP = (
    "スペースで区切った語はすべて含むもの、「OR」で区切るといずれかを含むもの、"
    '語の前に「-」を付けるとその語を含まないもの、"…" で囲むとその語順のままのものを探します。'
    "ふりがな（ひらがな・カタカナ）でも名前を探せます。200文字・32語まで。"
)

_QUOTES = frozenset('"“”„')
# The analyser's stored synonym terms (lib/text/analysis.py: ``syn`` + digits).
_SYNONYM_PREFIX = "syn"

# Kana words that are grammar, never a name: typed on their own they are dropped like 「の」,
# instead of being looked up as a reading that no row has (which would empty an AND).
KANA_FUNCTION_WORDS = frozenset([
    "から", "まで", "より", "など", "です", "ます", "でした", "ました", "でしょう", "ください", "くださる", "する", "します",
    "しました", "できる", "できます", "できません", "いる", "います", "ある", "あります", "なる", "なります", "こと", "もの", "ため",
    "よう", "ところ", "とき", "ほか", "について", "として", "による", "において", "にて", "ので", "のに", "けど", "けれど",
    "けれども", "しかし", "また", "および", "または", "かつ", "ほど", "だけ", "しか", "ながら", "たい", "ない", "ません", "よろしく",
    "おねがい", "おねがいします", "いただく", "いただける", "もらう", "くれる", "これ", "それ", "あれ", "どれ", "この", "その", "あの",
    "どの", "ここ", "そこ", "あそこ", "どこ",
])  # fmt: skip


# -- the query tree -------------------------------------------------------------------------


class Node:
    def render(self) -> str:
        raise NotImplementedError

    def terms(self) -> Iterable[str]:
        """Every lexeme of the node (for highlighting the words that were found)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Lexeme(Node):
    term: str

    def render(self) -> str:
        # A tsquery literal: inside quotes only ' (doubled) and \ (escaped) are special.
        return "'" + self.term.replace("\\", "\\\\").replace("'", "''") + "'"

    def terms(self):
        yield self.term


@dataclass(frozen=True)
class Operator(Node):
    op: str  # "&", "|" or "<->"
    children: tuple[Node, ...]

    def render(self) -> str:
        if len(self.children) == 1:
            return self.children[0].render()
        return "(" + f" {self.op} ".join(c.render() for c in self.children) + ")"

    def terms(self):
        for child in self.children:
            yield from child.terms()


@dataclass(frozen=True)
class Not(Node):
    child: Node

    def render(self) -> str:
        return "!" + self.child.render()

    def terms(self):
        return ()  # excluded words are not highlighted


def _join(op: str, nodes: Sequence[Node]) -> Node | None:
    if op != "<->":  # (a | b) | c is a | b | c; a phrase keeps its order and its repeats
        flat: list[Node] = []
        for node in nodes:
            same = isinstance(node, Operator) and node.op == op
            flat.extend(node.children if same else [node])
        nodes = list(dict.fromkeys(flat))  # drop repeats, keep order
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else Operator(op, tuple(nodes))


# -- reading the query string ---------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    phrase: bool = False
    negated: bool = False


def clean(text: str) -> str:
    """NFKC, with control and format characters (NUL, zero-width joiners…) turned into spaces."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in text)


def split_query(text: str) -> list[list[Item]]:
    """The query's items grouped for AND: each group is an OR of one or more items."""
    items: list[Item | None] = []  # None stands for an OR between two items
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        while i < n and text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
        if text[i] in _QUOTES:
            end = next((j for j in range(i + 1, n) if text[j] in _QUOTES), n)
            items.append(Item(text[i + 1 : end], phrase=True, negated=negated))
            i = end + 1
            continue
        end = next((j for j in range(i, n) if text[j].isspace() or text[j] in _QUOTES), n)
        word = text[i:end]
        i = end
        if word == "OR" and not negated:
            items.append(None)
        elif word != "-":
            items.append(Item(word, negated=negated))
    groups: list[list[Item]] = []
    join_next = False
    for item in items:
        if item is None:
            join_next = bool(groups)  # a leading or doubled OR joins nothing
        elif join_next:
            groups[-1].append(item)
            join_next = False
        else:
            groups.append([item])
    return groups


def _is_kana(word: str) -> bool:
    return all("ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヺ" or c == "ー" for c in word)


def _is_synonym(term: str) -> bool:
    return term.startswith(_SYNONYM_PREFIX) and term[len(_SYNONYM_PREFIX) :].isdigit()


def _units(terms: list[str]) -> list[Node]:
    """Group analysed terms into units: a long unit with its synonym groups as alternatives.

    The analyser emits, per unit, its term, its ``syn<id>`` terms and then its shorter parts
    (英会話 → 英会話, 会話). A stored document always carries a unit's parts with the unit, so
    a part adds nothing to a query for the whole word and is left out: requiring it would only
    lose the rows that match through a synonym.
    """
    units: list[list[str]] = []
    for term in terms:
        if units and _is_synonym(term):
            units[-1].append(term)
        elif units and len(term) < len(units[-1][0]) and term in units[-1][0]:
            continue  # a part of the current unit
        else:
            units.append([term])
    return [_join("|", [Lexeme(t) for t in unit]) for unit in units]


def _word_node(word: str, analyze: Analyze) -> Node | None:
    analysed = _join("&", _units(analyze(word)))
    raw = word.lower()
    alternatives: list[Node] = []
    if raw.isalpha():
        # The word as typed (NFKC, lower case) is how a name and its reading are stored
        # (``tok_name``, ``tok_reading``):
        # names are not analysed, so 齋藤 or 渡邊 must be matched as written.
        if _is_kana(raw):
            if len(raw) >= 2 and raw not in KANA_FUNCTION_WORDS:
                alternatives = [Lexeme(v) for v in kana_variants(raw)]
        elif analysed is not None:
            alternatives = [Lexeme(raw)]
    if analysed is None:
        return _join("|", alternatives)
    return _join("|", [analysed, *alternatives])


def _phrase_node(text: str, analyze: Analyze) -> Node | None:
    return _join("<->", [Lexeme(t) for t in analyze(text)]) if text.strip() else None


# -- the parsed query -------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    """A query read and analysed: its tsquery text and the terms to highlight in hits."""

    text: str
    groups: tuple[tuple[Node, ...], ...] = ()
    highlight_terms: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_blank(self) -> bool:
        """No query at all: list everything in the usual order."""
        return not self.text

    @property
    def is_empty(self) -> bool:
        """Words were typed but none is searchable (only particles, symbols or emoji)."""
        return bool(self.text) and not self.groups

    @property
    def tsquery(self) -> str:
        """The whole query, for ``to_tsquery('simple', %s)``."""
        node = _join("&", [_join("|", g) for g in self.groups])
        return node.render() if node else ""

    @property
    def positive_tsquery(self) -> str:
        """The query without the groups that exclude something: every row that matches the
        whole query matches this one, and this one can always use the GIN index."""
        kept = [_join("|", g) for g in self.groups if not any(isinstance(n, Not) for n in g)]
        node = _join("&", kept)
        return node.render() if node else ""


def parse_query(text: str | None, analyze: Analyze) -> ParsedQuery:
    """Read a search box's text. Raises QueryError only when it is too long."""
    return _parse_cached(text or "", analyze)


@lru_cache(maxsize=512)
def _parse_cached(text: str, analyze: Analyze) -> ParsedQuery:
    text = clean(text).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"検索語が長すぎます（{len(text)}文字）。{MAX_QUERY_CHARS}文字以内で入力してください。",
            fields={"q": [f"{MAX_QUERY_CHARS}文字以内で入力してください。"]},
        )
    split = split_query(text)
    if sum(len(g) for g in split) > MAX_QUERY_WORDS:
        raise QueryError(
            f"検索語が多すぎます。{MAX_QUERY_WORDS}語以内にしてください。",
            fields={"q": [f"{MAX_QUERY_WORDS}語以内で入力してください。"]},
        )
    groups: list[tuple[Node, ...]] = []
    highlight: set[str] = set()
    for group in split:
        nodes: list[Node] = []
        for item in group:
            node = (_phrase_node if item.phrase else _word_node)(item.text, analyze)
            if node is None:
                continue
            if item.negated:
                node = Not(node)
            highlight.update(node.terms())
            nodes.append(node)
        if nodes:
            groups.append(tuple(dict.fromkeys(nodes)))
    return ParsedQuery(text=text, groups=tuple(groups), highlight_terms=frozenset(highlight))
