"""Page tests: Django's test client logged in as the named users of tests/conftest.py."""

import secrets

import pytest
from django.test import Client


@pytest.fixture
def as_user():
    """``as_user(user)`` -> a test client logged in as ``user`` (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def token():
    """A fresh one-time form token, as a page would render it."""
    return lambda: secrets.token_urlsafe(18)


def is_checked(page: str, name: str, value) -> bool:
    """Whether the page's checkbox/radio ``name``=``value`` is rendered checked."""
    import re

    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return re.search(r"\schecked\b", tag) is not None
    raise AssertionError(f"no input {name}={value} on the page")
