"""The query parser and tsquery builder (talent/fulltext.py), on their own and against
PostgreSQL's own parser."""

import pytest
from django.db import connection

from common.errors import InvalidInput
from lib.text import analyze
from lib.text.query import Lexeme, split_query
from talent.fulltext import parse_query


def tsquery(text: str) -> str:
    return parse_query(text, analyze).tsquery


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("書道", "'書道'"),
        ("書道 硬筆", "('書道' & '硬筆')"),
        ("書道 OR 硬筆", "('書道' | '硬筆')"),
        ("書道 OR 硬筆 将棋", "(('書道' | '硬筆') & '将棋')"),
        ("書道 -有償", "('書道' & !'有償')"),
        ('"書道の教室"', "('書道' <-> '教室' <-> 'syn14330')"),
        ("やまだ", "('やまだ' | 'ヤマダ')"),
        ("ﾔﾏﾀﾞ", "('ヤマダ' | 'やまだ')"),
        ("子ども", "('子供' | 'syn16008' | 'syn19163' | '子ども')"),
        ("ＰＣ", "('pc' | 'syn3321' | 'syn3322' | 'syn14741' | 'syn14881')"),
        ("書道 書道", "'書道'"),
    ],
)
def test_golden_tsqueries(text, expected):
    assert tsquery(text) == expected


def test_the_positive_part_leaves_out_every_group_with_an_exclusion():
    query = parse_query("書道 -有償 硬筆 OR -英語", analyze)
    assert query.tsquery == "('書道' & !'有償' & ('硬筆' | !('英語' | 'syn18612')))"
    assert query.positive_tsquery == "'書道'"
    assert parse_query("-書道", analyze).positive_tsquery == ""


def test_the_words_found_are_those_to_mark_not_the_excluded_ones():
    query = parse_query("書道 -有償", analyze)
    assert query.highlight_terms == {"書道"}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("a b", [["a"], ["b"]]),
        ("a OR b c", [["a", "b"], ["c"]]),
        ("OR a OR", [["a"]]),
        ("a OR OR b", [["a", "b"]]),
        ('"a b" c', [['"a b"'], ["c"]]),
        ('"a b', [['"a b"']]),
        ('x"a b"y', [["x"], ['"a b"'], ["y"]]),
        ("-a --b - -", [["-a"], ["-b"]]),
        ('-"a b"', [['-"a b"']]),
        ("-OR", [["-OR"]]),
        ("a-b", [["a-b"]]),
    ],
)
def test_splitting(text, groups):
    def show(item):
        word = f'"{item.text}"' if item.phrase else item.text
        return ("-" if item.negated else "") + word

    assert [[show(i) for i in g] for g in split_query(text)] == groups


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_is_no_query(text):
    assert parse_query(text, analyze).is_blank


@pytest.mark.parametrize("text", ["の", "-", "OR", '""', "😀", "&|!()", "から まで"])
def test_nothing_searchable_is_an_empty_query(text):
    query = parse_query(text, analyze)
    assert query.is_empty and query.tsquery == ""


def test_too_long_or_too_many_words_is_refused_with_a_reason():
    with pytest.raises(InvalidInput, match="200文字以内"):
        parse_query("あ" * 201, analyze)
    with pytest.raises(InvalidInput, match="32語以内"):
        parse_query("書道 " * 33, analyze)


# -- against PostgreSQL ---------------------------------------------------------------------

ODD_TOKENS = [
    "c++",
    "scratch3.0",
    "iphone",
    "3d",
    "wi-fi",
    "e-mail",
    "a'b",
    "a''b",
    "a\\b",
    "\\",
    "'",
    "a:b",
    "a:*",
    "!a",
    "(a)",
    "a&b|c",
    "<->",
    "😀",
    "書道😀",
    "user@example.jp",
    "https://example.jp/a?b=c",
    "1/2",
    "10:30",
    "－",
    "ｶﾞ",
]


@pytest.mark.django_db
@pytest.mark.parametrize("token", ODD_TOKENS)
def test_a_lexeme_is_read_by_postgresql_as_the_stored_token_was(token):
    # The literal never breaks the tsquery syntax, and a document holding the token matches it
    # (PostgreSQL's parser cuts both sides the same way), unless the parser keeps nothing of it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s),"
            " numnode(to_tsquery('simple', %s)), length(to_tsvector('simple', %s))",
            [token, Lexeme(token).render(), Lexeme(token).render(), token],
        )
        matches, nodes, stored = cursor.fetchone()
    assert matches or (nodes == 0 and stored == 0)


@pytest.mark.django_db
def test_built_queries_for_odd_text_are_valid_tsqueries():
    with connection.cursor() as cursor:
        for text in ODD_TOKENS:
            built = tsquery(" ".join([text, f'"{text} 書道"', f"-{text}", f"{text} OR 書道"]))
            cursor.execute("SELECT to_tsquery('simple', %s)::text", [built])
            cursor.fetchone()
