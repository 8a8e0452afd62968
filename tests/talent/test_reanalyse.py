"""Hiragana words are stored as the word (lib/text/kana_words.py), on every path: a new
profile, a search, and the migration that analyses rows stored before the change."""

import pytest

from talent.models import Profile
from talent.text import reanalyse
from tests import factories

pytestmark = pytest.mark.django_db

TYPED = "しょどう　中学生くらいまでなら教えられます"
# What the pipeline stored for TYPED before it read hiragana words (Sudachi alone).
STORED_BEFORE = "中学生 中学 教える syn23234"
COLUMNS = {"tok_skills": "skills", "tok_experience": "experience", "tok_bio": "bio"}


def test_a_profile_typed_in_hiragana_is_stored_with_the_word():
    profile = factories.profile(skills=TYPED)
    assert profile.tok_skills.split()[0] == "書道"


def test_a_search_in_hiragana_finds_the_word_in_kanji(api, coordinator):
    written = factories.profile(skills="書道を教えます")
    factories.profile(skills="陶芸を教えます")
    found = api.as_(coordinator).get("/api/profiles/", {"q": "しょどう"}).json()
    assert [row["id"] for row in found["results"]] == [written.pk]


def test_the_migration_stores_again_only_rows_whose_terms_changed():
    typed = factories.profile(skills=TYPED)
    other = factories.profile(skills="陶芸を教えます", bio="よろしくお願いします")
    Profile.objects.filter(pk=typed.pk).update(tok_skills=STORED_BEFORE)
    other_terms = (other.tok_skills, other.tok_bio)

    assert reanalyse(Profile, COLUMNS) == 1

    typed.refresh_from_db()
    other.refresh_from_db()
    assert typed.tok_skills == "書道 " + STORED_BEFORE
    assert (other.tok_skills, other.tok_bio) == other_terms
    assert reanalyse(Profile, COLUMNS) == 0  # a second run finds nothing to do
