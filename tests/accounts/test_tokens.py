"""API tokens expire, can be revoked one by one or all at once, and die with a password
change or reset."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db


def get_token(username, password="pass-Word-123"):
    response = APIClient().post(
        "/api/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def me(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/activities/")


def test_the_token_call_keeps_its_shape_and_says_when_it_expires():
    factories.user("volunteer", username="taro")
    body = get_token("taro")
    assert set(body) == {"token", "expiry"}
    assert me(body["token"]).status_code == 200
    row = ApiToken.objects.get()
    # 24 hours from issue (expiry and created are stamped microseconds apart).
    assert abs(row.expiry - row.created - timedelta(hours=24)) < timedelta(seconds=1)
    assert body["token"] not in {row.digest, row.token_key}  # only a digest is stored


def test_an_expired_token_is_refused_with_401():
    factories.user("volunteer", username="taro")
    token = get_token("taro")["token"]
    ApiToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    response = me(token)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code", "errors"}


def test_logout_revokes_that_token_only():
    factories.user("volunteer", username="taro")
    phone, laptop = get_token("taro")["token"], get_token("taro")["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {phone}")
    assert client.post("/api/auth/logout/").status_code == 204
    assert me(phone).status_code == 401
    assert me(laptop).status_code == 200


def test_log_out_everywhere_revokes_every_token_and_every_session():
    user = factories.user("volunteer", username="taro")
    phone, laptop = get_token("taro")["token"], get_token("taro")["token"]
    browser = Client()
    browser.force_login(user)
    assert browser.get("/me/").status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {phone}")
    assert client.post("/api/auth/logout-all/").status_code == 204
    assert me(phone).status_code == 401
    assert me(laptop).status_code == 401
    assert browser.get("/me/").status_code == 302  # back to the login page


def test_the_account_page_logs_out_everywhere():
    user = factories.user("volunteer", username="taro")
    token = get_token("taro")["token"]
    other_browser = Client()
    other_browser.force_login(user)
    browser = Client()
    browser.force_login(user)
    response = browser.post("/account/logout-everywhere/")
    assert response.status_code == 302
    assert me(token).status_code == 401
    assert other_browser.get("/me/").status_code == 302
    assert browser.get("/me/").status_code == 302


def test_a_password_change_makes_old_tokens_fail():
    user = factories.user("volunteer", username="taro")
    token = get_token("taro")["token"]
    user.set_password("a-new-long-password-2026")
    user.save()
    assert me(token).status_code == 401
    assert me(get_token("taro", "a-new-long-password-2026")["token"]).status_code == 200


def test_a_password_reset_makes_old_tokens_fail(mailoutbox):
    user = factories.user("volunteer", username="taro")
    user.email = "taro@example.jp"
    user.save()
    token = get_token("taro")["token"]
    browser = Client()
    browser.post("/password-reset/", {"email": "taro@example.jp"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form = browser.get(link, follow=True)
    new = "mori-no-ie-2026-aki"
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert me(token).status_code == 401


def test_a_token_of_a_deactivated_login_fails():
    user = factories.user("volunteer", username="taro")
    token = get_token("taro")["token"]
    user.is_active = False
    user.save()
    assert me(token).status_code == 401
