"""Named people for permission tests: a coordinator, a volunteer and another volunteer, a
teacher of school A and a teacher of school B, and an anonymous caller."""

import os
from datetime import date

import pytest
from rest_framework.test import APIClient

from tests import factories


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """A test database of this run's own, so that runs side by side never drop each other's."""
    from django.conf import settings

    settings.DATABASES["default"].setdefault("TEST", {})
    settings.DATABASES["default"]["TEST"]["NAME"] = f"test_tsunagu_{os.getpid()}"


@pytest.fixture(autouse=True)
def _fresh_index_caches():
    """Each test's rows vanish with its rolled-back transaction, leaving no tombstone: start
    every test with empty in-memory indexes."""
    from matching.index_cache import profile_cache, request_cache

    profile_cache.reset()
    request_cache.reset()
    yield
    profile_cache.reset()
    request_cache.reset()


@pytest.fixture(autouse=True)
def _no_saved_indexes(settings):
    # A test's rows vanish with its transaction; an index saved from them must not be opened
    # by the next test. tests/matching/test_saved_index.py saves into its own folder.
    settings.TSUNAGU_INDEX_DIR = None


# The day the tests live on (Asia/Tokyo): dates in the test data are written against it.
TEST_TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def clock():
    """``common.clock.today()`` is TEST_TODAY unless a test moves it: ``clock.pin(day)``."""
    from common import clock as the_clock

    the_clock.pin(TEST_TODAY)
    yield the_clock
    the_clock.pin(None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for production; tests create many logins.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    # The staff second factor (default "admin") is tested in tests/accounts/test_second_factor.py;
    # elsewhere coordinators use force_login and reach the admin as before.
    settings.STAFF_SECOND_FACTOR = "off"


@pytest.fixture
def school_a(db):
    return factories.organization("みどり野市立第一小学校", area=factories.area("中央地区"))


@pytest.fixture
def school_b(db):
    return factories.organization("みどり野市立第二小学校", area=factories.area("東地区"))


@pytest.fixture
def coordinator(db):
    return factories.user("coordinator", username="coordinator")


@pytest.fixture
def volunteer(db):
    user = factories.user("volunteer", username="volunteer")
    factories.profile(
        owner=user,
        display_name="佐藤 花子",
        furigana="さとう はなこ",
        skills="読み聞かせ、絵本",
        email="hanako@example.jp",
        phone="090-1111-2222",
    )
    return user


@pytest.fixture
def other_volunteer(db):
    user = factories.user("volunteer", username="other_volunteer")
    factories.profile(
        owner=user,
        display_name="鈴木 一郎",
        furigana="すずき いちろう",
        skills="パソコン教室の補助",
        email="ichiro@example.jp",
        phone="090-3333-4444",
    )
    return user


@pytest.fixture
def teacher_a(school_a):
    return factories.user("requester", username="teacher_a", organization=school_a)


@pytest.fixture
def teacher_b(school_b):
    return factories.user("requester", username="teacher_b", organization=school_b)


@pytest.fixture
def api():
    """An API client; ``api.as_(user)`` authenticates with a real token of that user."""
    client = APIClient()

    def as_(user):
        client.credentials()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {factories.token(user)}")
        return client

    client.as_ = as_
    return client


@pytest.fixture(scope="session")
def analyzer():
    """The process's one text analyser (lib.text): loading Sudachi's dictionary takes a
    moment, so every test shares it. Engine and text tests need no database."""
    from lib.text import analyzer as the_analyzer

    return the_analyzer()
