"""Any query string gets a normal answer (possibly empty) or a 400 that says why: never a 500.

Sent through the HTTP API for profiles and requests, as raw query strings so that bytes the
test client would otherwise encode (invalid percent-encoding, a NUL) reach the server as such.
"""

from urllib.parse import quote

import pytest

from lib.text.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from tests import factories

pytestmark = pytest.mark.django_db

# Text typed or pasted into the search box.
TEXTS = [
    "&",
    "|",
    "!",
    "(",
    ")",
    ":",
    "*",
    "<->",
    "\\",
    "'",
    "''",
    '"',
    '""',
    '"書道',
    '書道"',
    '"書道 "" 硬筆"',
    "書道 & 硬筆",
    "書道 | 硬筆",
    "!書道",
    "(書道",
    "書道:*",
    "書道:A",
    "書道 <-> 硬筆",
    "書道 <2> 硬筆",
    "'書道' & '硬筆'",
    "書道\\",
    "\\'書道",
    "!(!(!(",
    "a:* & b:*",
    "の",
    "の の の",
    "から まで",
    "OR",
    "OR OR OR",
    "書道 OR",
    "OR 書道",
    "-",
    "--",
    "- -",
    "-書道",
    "--書道",
    '-"',
    '-""',
    "-OR",
    "😀",
    "書道😀",
    "👨‍👩‍👧‍👦 家族",
    "🇯🇵",
    "\u200b",
    "\ufeff書道",
    "\u202e書道",
    "'; DROP TABLE talent_profile; --",
    "1' OR '1'='1",
    "書道' OR 1=1 --",
    "%",
    "%%",
    "_",
    "c++",
    "C#",
    "scratch3.0",
    "ｉＰｈｏｎｅ",
    "3D",
    "Wi-Fi",
    "<script>alert(1)</script>",
    "　",  # ideographic space
    "\t書道\n",
    "ｶﾞｯｺｳ",
    "゛",
    "ﾞ書道",
    "書" * MAX_QUERY_CHARS,
    " ".join(["書道"] * MAX_QUERY_WORDS),
    " OR ".join(["書道"] * (MAX_QUERY_WORDS // 2)),
    '"' + " ".join(["書道"] * 60) + '"',
    "\U0010ffff",
    "𠮷野家",
]

# Raw query strings, sent as they are.
RAW = [
    "q=%00",
    "q=%E6%9B%B8%00%E9%81%93",
    "q=%E3%81",
    "q=%FF%FE",
    "q=%ZZ",
    "q=%",
    "q=%%",
    "q=%C0%AE",
    "q=%ED%A0%80",
    "q=&q=",
    "q=書道&q=硬筆",
    "q",
    "q=+",
    "q=%2B%2B",
]

TOO_LONG = [
    "書" * (MAX_QUERY_CHARS + 1),
    "あ" * 5000,
    " ".join(["書道"] * (MAX_QUERY_WORDS + 1)),
    "a " * 2500,
]

URLS = ["/api/profiles/", "/api/requests/"]


@pytest.fixture
def data(coordinator, volunteer, school_a):
    factories.profile(skills="書道と硬筆", display_name="山田 太郎")
    factories.request(school_a)


def get(api, user, url, raw_query):
    return api.as_(user).get(f"{url}?{raw_query}")


def assert_ok_or_explained(res):
    assert res.status_code in (200, 400), res.content[:300]
    body = res.json()
    if res.status_code == 200:
        assert isinstance(body["results"], list)
    else:
        assert body["code"] == "invalid" and body["detail"]
        assert body["errors"].get("q")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("text", TEXTS)
def test_any_typed_text_gets_an_answer(api, data, coordinator, volunteer, url, text):
    for user in (coordinator, volunteer):
        res = get(api, user, url, "q=" + quote(text, safe=""))
        assert res.status_code == 200, res.content[:300]
        assert isinstance(res.json()["results"], list)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("raw", RAW)
def test_any_raw_query_string_gets_an_answer(api, data, coordinator, url, raw):
    assert_ok_or_explained(get(api, coordinator, url, raw))


@pytest.mark.parametrize("url", URLS)
def test_a_nul_byte_gets_a_400_that_says_why(api, data, coordinator, url):
    res = get(api, coordinator, url, "q=%E6%9B%B8%00")
    assert res.status_code == 400
    assert "NUL" in res.json()["errors"]["q"][0]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("text", TOO_LONG)
def test_too_long_a_query_gets_a_400_in_japanese(api, data, coordinator, url, text):
    res = get(api, coordinator, url, "q=" + quote(text, safe=""))
    assert res.status_code == 400
    body = res.json()
    assert "以内" in body["detail"]
    assert body["errors"]["q"]


def test_operators_are_words_not_syntax(api, coordinator, data):
    # "書道 & 硬筆" is the two words (the & is dropped), not a tsquery.
    both = api.as_(coordinator).get("/api/profiles/", {"q": "書道 & 硬筆"}).json()["count"]
    assert both == 1
    assert api.as_(coordinator).get("/api/profiles/", {"q": "書道:*"}).json()["count"] == 1
    assert api.as_(coordinator).get("/api/profiles/", {"q": "書:*"}).json()["count"] == 0


def test_sql_looking_text_changes_nothing(api, coordinator, data):
    from talent.models import Profile

    before = Profile.objects.count()
    api.as_(coordinator).get("/api/profiles/", {"q": "'; DELETE FROM talent_profile; --"})
    assert Profile.objects.count() == before == 2
