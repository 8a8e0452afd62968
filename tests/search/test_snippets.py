"""Snippets: a short piece of each hit's text with the found words marked by offsets."""

import pytest

from lib.text import analyze
from lib.text.query import parse_query
from lib.text.snippets import Snippet, find_spans, make_snippet
from tests import factories

pytestmark = pytest.mark.django_db


def marked(snippet: dict) -> list[str]:
    return [snippet["text"][s:e] for s, e in snippet["highlights"]]


def first_snippet(api, user, url, query):
    res = api.as_(user).get(url, {"q": query})
    assert res.status_code == 200
    return res.json()["results"][0]["snippet"]


def test_it_marks_the_surface_written_in_the_text(api, coordinator, bank):
    # The query says 子供; the text says 子ども: the text's own spelling is marked.
    snippet = first_snippet(api, coordinator, "/api/profiles/", "子供 硬筆")
    assert snippet["field"] == "skills"
    assert snippet["text"] == "書道と硬筆を子どもに教えられます。"
    assert marked(snippet) == ["硬筆", "子ども"]


def test_it_marks_synonyms_and_full_width_forms(api, coordinator, bank):
    assert marked(first_snippet(api, coordinator, "/api/profiles/", "スマホ")) == ["スマートフォン"]
    snippet = first_snippet(api, coordinator, "/api/profiles/", "pc")
    assert snippet["field"] == "bio"
    assert marked(snippet) == ["ＰＣ"]


def test_excluded_words_are_not_marked(api, coordinator, bank):
    snippet = first_snippet(api, coordinator, "/api/profiles/", "英語 -有償")
    assert marked(snippet) == ["英語"]


def test_a_name_only_hit_shows_the_start_of_the_skills(api, coordinator, bank):
    snippet = first_snippet(api, coordinator, "/api/profiles/", "やまだ")
    assert snippet == {"field": "skills", "text": bank.yamada.skills, "highlights": []}


def test_no_snippet_without_a_query(api, coordinator, bank):
    res = api.as_(coordinator).get("/api/profiles/")
    assert "snippet" not in res.json()["results"][0]


def test_a_long_text_is_cut_around_the_found_words(api, coordinator):
    skills = (
        "地域の行事のお手伝いをしています。" * 10 + "最近は水墨画を習い始めました。" + "。" * 100
    )
    factories.profile(skills=skills)
    snippet = first_snippet(api, coordinator, "/api/profiles/", "水墨画")
    assert snippet["text"].startswith("…") and snippet["text"].endswith("…")
    assert len(snippet["text"]) <= 82
    assert marked(snippet) == ["水墨画"]


def test_offsets_survive_half_width_kana_and_emoji():
    text = "😀ﾊﾟｿｺﾝとスマホの相談🙂"
    terms = parse_query("パソコン 相談", analyze).highlight_terms
    spans = find_spans(text, terms, analyze)
    assert [text[s:e] for s, e in spans] == ["ﾊﾟｿｺﾝ", "相談"]


def test_html_is_escaped_and_marked():
    snippet = make_snippet("skills", "<b>書道</b> & 絵", [(3, 5)])
    assert Snippet.as_html(snippet) == "&lt;b&gt;<mark>書道</mark>&lt;/b&gt; &amp; 絵"


def test_request_snippets(api, volunteer, school_a):
    factories.request(
        school_a, title="昔遊びの先生", description="1年生とこまやけん玉で遊んでください。"
    )
    snippet = first_snippet(api, volunteer, "/api/requests/", "けん玉")
    assert snippet["field"] == "description"
    assert marked(snippet) == ["けん玉"]
