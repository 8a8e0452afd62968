"""Staff give a second factor (TOTP): for the admin by default, for everything when the city
sets DJANGO_STAFF_2FA=all; volunteers and requesters are never asked."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, shift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=shift):06d}"


def test_the_admin_is_the_default():
    import config.settings as shipped

    # tests/conftest.py switches it off for the other tests; the shipped default is "admin".
    assert shipped.STAFF_SECOND_FACTOR == "admin"


def test_the_admin_asks_a_coordinator_to_set_up_an_authenticator_then_lets_them_in(settings):
    settings.STAFF_SECOND_FACTOR = "admin"
    # django-otp makes the next try wait after a wrong code; this test retries at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    coordinator = factories.user("coordinator", username="kyoko")
    client = Client()
    client.force_login(coordinator)
    assert client.get("/coord/").status_code == 200  # the pages need no code in "admin" mode
    first = client.get("/admin/", follow=True)
    assert first.redirect_chain[-1][0].startswith("/account/second-factor/?next=")
    page = first.content.decode()
    assert "<svg" in page and "QR コード" in page
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert re.search(r"<code>[A-Z2-7]{32}</code>", page)

    wrong = client.post("/account/second-factor/?next=/admin/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "コードが違います" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post("/account/second-factor/", {"code": code_for(device), "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_password_alone_does_not_open_the_admin(settings):
    settings.STAFF_SECOND_FACTOR = "admin"
    coordinator = factories.user("coordinator", username="kyoko")
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client = Client()
    login = client.post(
        "/admin/login/?next=/admin/", {"username": "kyoko", "password": "pass-Word-123"}
    )
    assert login.status_code == 302
    assert client.get("/admin/talent/area/").status_code == 302
    asked = client.get("/admin/login/?next=/admin/")
    assert asked["Location"].startswith("/account/second-factor/")
    client.post("/account/second-factor/", {"code": code_for(device), "next": "/admin/"})
    assert client.get("/admin/talent/area/").status_code == 200


def test_with_all_a_coordinator_needs_the_code_for_pages_and_tokens(settings):
    settings.STAFF_SECOND_FACTOR = "all"
    coordinator = factories.user("coordinator", username="kyoko")
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client = Client()
    client.force_login(coordinator)
    response = client.get("/coord/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/second-factor/")
    assert client.get("/api/profiles/").status_code == 403  # session calls to the API too

    api = APIClient()
    refused = api.post(
        "/api/auth/token/", {"username": "kyoko", "password": "pass-Word-123"}, format="json"
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "second_factor_required"
    granted = api.post(
        "/api/auth/token/",
        {"username": "kyoko", "password": "pass-Word-123", "otp": code_for(device)},
        format="json",
    )
    assert granted.status_code == 200

    client.post("/account/second-factor/", {"code": code_for(device, shift=1), "next": "/coord/"})
    assert client.get("/coord/").status_code == 200


def test_with_all_volunteers_and_requesters_are_never_asked(settings, volunteer, teacher_a):
    settings.STAFF_SECOND_FACTOR = "all"
    for user, page in [(volunteer, "/me/"), (teacher_a, "/requests/")]:
        client = Client()
        client.force_login(user)
        assert client.get(page).status_code == 200
    token = APIClient().post(
        "/api/auth/token/", {"username": "volunteer", "password": "pass-Word-123"}, format="json"
    )
    assert token.status_code == 200


def test_with_off_the_admin_opens_with_the_password(settings):
    settings.STAFF_SECOND_FACTOR = "off"
    coordinator = factories.user("coordinator", username="kyoko")
    client = Client()
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
