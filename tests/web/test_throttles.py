"""Password reset mails are limited per address and per client: 429 + Retry-After, no mail."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def ask(client, email):
    return client.post("/password-reset/", {"email": email})


def test_three_mails_an_hour_to_one_address(mailoutbox):
    user = factories.user("volunteer", username="taro")
    user.email = "taro@example.jp"
    user.save()
    answers = [ask(Client(REMOTE_ADDR=f"10.0.1.{i}"), "taro@example.jp") for i in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert len(mailoutbox) == 3
    assert int(answers[-1]["Retry-After"]) > 0
    assert "パスワード再設定の申し込みが続いたため" in answers[-1].content.decode()
    # The address is counted however it is typed.
    assert ask(Client(REMOTE_ADDR="10.0.1.9"), "TARO@example.jp ").status_code == 429
    assert len(mailoutbox) == 3


def test_five_requests_an_hour_from_one_client(mailoutbox):
    client = Client(REMOTE_ADDR="10.0.2.1")
    answers = [ask(client, f"someone{i}@example.jp").status_code for i in range(6)]
    assert answers == [302] * 5 + [429]
    assert ask(Client(REMOTE_ADDR="10.0.2.2"), "other@example.jp").status_code == 302
