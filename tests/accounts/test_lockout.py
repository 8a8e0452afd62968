"""Repeated failed logins lock out a username or a client on every login path (django-axes),
answering 429 + Retry-After, and a locked-out attempt never runs the password hasher."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

LIMIT = 5  # settings.AXES_FAILURE_LIMIT
COOL_OFF = "900"  # seconds: 15 minutes (settings.AXES_COOLOFF_TIME)
PASSWORD = "pass-Word-123"  # tests.factories.user's password


def web_login(client, username, password, path="/login/"):
    return client.post(path, {"username": username, "password": password})


def api_login(client, username, password, **extra):
    return client.post(
        "/api/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


@pytest.mark.parametrize("path, ok_status", [("/login/", 302), ("/admin/login/?next=/admin/", 302)])
def test_a_web_login_is_locked_after_five_failures_even_with_the_right_password(path, ok_status):
    factories.user("coordinator", username="kyoko")
    client = Client()
    for _ in range(LIMIT - 1):
        assert web_login(client, "kyoko", "wrong-password", path).status_code == 200
    # The fifth failure is the one that locks.
    assert web_login(client, "kyoko", "wrong-password", path).status_code == 429
    locked = web_login(client, "kyoko", PASSWORD, path)
    assert locked.status_code == 429
    assert locked["Retry-After"] == COOL_OFF
    page = locked.content.decode()
    assert "ログインの失敗が続いたため" in page
    assert "15分ほど" in page
    assert '<html lang="ja">' in page


def test_the_token_endpoint_locks_a_username_and_answers_json():
    factories.user("volunteer", username="taro")
    client = Client()
    for _ in range(LIMIT - 1):
        assert api_login(client, "taro", "wrong-password").status_code == 400
    api_login(client, "taro", "wrong-password")
    locked = api_login(client, "taro", PASSWORD)
    assert locked.status_code == 429
    assert locked["Retry-After"] == COOL_OFF
    body = locked.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["errors"] == {}
    assert "token" not in body


def test_a_username_is_locked_whichever_client_tries_it():
    factories.user("volunteer", username="taro")
    for i in range(LIMIT):
        api_login(Client(), "taro", "wrong-password", REMOTE_ADDR=f"10.0.0.{i + 1}")
    assert api_login(Client(), "taro", PASSWORD, REMOTE_ADDR="10.0.0.99").status_code == 429


def test_a_client_is_locked_whichever_usernames_it_tries():
    factories.user("volunteer", username="taro")
    attacker = Client(REMOTE_ADDR="10.0.0.7")
    for i in range(LIMIT):
        web_login(attacker, f"guess{i}", "wrong-password")
    assert web_login(attacker, "taro", PASSWORD).status_code == 429
    # Another client is not affected.
    assert web_login(Client(REMOTE_ADDR="10.0.0.8"), "taro", PASSWORD).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again():
    factories.user("volunteer", username="taro")
    client = Client()
    for _ in range(LIMIT - 1):
        web_login(client, "taro", "wrong-password")
    assert web_login(client, "taro", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert web_login(client, "taro", "wrong-password").status_code == 200
    assert web_login(client, "taro", PASSWORD).status_code == 302


def test_locked_out_attempts_do_not_run_the_password_hasher(monkeypatch):
    factories.user("volunteer", username="taro")
    calls = []
    real_verify, real_encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher, "verify", lambda self, *a: calls.append("v") or real_verify(self, *a)
    )
    monkeypatch.setattr(
        MD5PasswordHasher, "encode", lambda self, *a: calls.append("e") or real_encode(self, *a)
    )
    client = Client()
    for _ in range(LIMIT):
        web_login(client, "taro", "wrong-password")
        api_login(client, "nobody-here", "wrong-password")
    before = len(calls)
    assert before >= LIMIT  # the failures before the lock were checked for real
    for _ in range(20):
        assert web_login(client, "taro", "wrong-password").status_code == 429
        assert api_login(client, "taro", PASSWORD).status_code == 429
    assert len(calls) == before


def test_the_token_endpoint_is_throttled_per_client_even_when_every_login_succeeds():
    factories.user("volunteer", username="taro")
    client = Client()
    answers = [api_login(client, "taro", PASSWORD).status_code for _ in range(11)]
    assert answers == [200] * 10 + [429]  # "auth": 10/min per client
    last = api_login(client, "taro", PASSWORD)
    assert last.status_code == 429
    assert 1 <= int(last["Retry-After"]) <= 60
    assert last.json()["code"] == "throttled"


def test_a_forged_forwarded_for_header_does_not_dodge_the_client_lockout():
    attacker = Client(REMOTE_ADDR="10.0.0.7")
    for i in range(LIMIT):
        web_login(attacker, f"guess{i}", "wrong-password")
    factories.user("volunteer", username="taro")
    forged = attacker.post(
        "/login/",
        {"username": "taro", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert forged.status_code == 429


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_a_megabyte_username_is_counted_not_a_server_error(path):
    huge = "u" * (1 << 20)
    client = Client()
    for _ in range(LIMIT - 1):
        assert web_login(client, huge, "wrong-password", path).status_code == 200
    assert web_login(client, huge, "wrong-password", path).status_code == 429
    # Cut to 150 characters, it is the same username for the count.
    assert web_login(Client(REMOTE_ADDR="10.0.0.9"), "u" * 150, "x", path).status_code == 429
