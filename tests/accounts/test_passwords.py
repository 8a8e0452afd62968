"""The password rules: at least 12 characters, not like the username, not common, not digits
only — on every path that sets one (the sign-up page, the reset page, add_user, services)."""

import pytest

from accounts.services import password_problems, user_create
from common.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "username, password, refused",
    [
        ("hanako", "73920581", True),  # digits only, and short
        ("hanako", "hanako", True),  # the username itself
        ("hanako-sato-2026", "hanako-sato-2026", True),  # the username itself, long enough
        ("hanako-sato-2026", "hanako-sato-2027", True),  # too much like the username
        ("hanako", "kawa-no-ie1", True),  # 11 characters
        ("hanako", "password1234", True),  # a common password
        ("hanako", "739205817392", True),  # 12 digits: digits only
        ("hanako", "kawa-no-ie12", False),  # 12 characters, fine
        ("hanako", "tsunagu-demo-2026", False),  # the demo password
    ],
)
def test_the_rules(username, password, refused):
    assert bool(password_problems(username=username, password=password)) is refused


def test_user_create_refuses_a_weak_password_and_creates_nothing():
    from accounts.models import User

    with pytest.raises(InvalidInput) as exc:
        user_create(username="hanako", password="73920581", role="volunteer")
    assert "password" in exc.value.fields
    assert not User.objects.filter(username="hanako").exists()


def test_the_reset_page_refuses_the_username_as_password(volunteer, mailoutbox):
    import re

    from django.test import Client

    volunteer.email = "hanako@example.jp"
    volunteer.save()
    client = Client()
    client.post("/password-reset/", {"email": "hanako@example.jp"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": "volunteer", "new_password2": "volunteer"})
    assert page.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.check_password("pass-Word-123")
