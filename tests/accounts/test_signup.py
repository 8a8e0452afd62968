"""Sign-up does not tell whether a username exists, is throttled per client, and a new login
reads nothing beyond its own profile until its e-mail address is confirmed."""

import re

import pytest
from django.test import Client

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def signup(client, username, email, password="midori-no-2026-haru"):
    import secrets

    return client.post(
        "/signup/",
        {
            "username": username,
            "email": email,
            "password1": password,
            "password2": password,
            "terms": "on",
            "once": secrets.token_urlsafe(18),
        },
    )


def test_a_taken_username_gets_the_same_answer_as_a_free_one(mailoutbox):
    factories.user("volunteer", username="hanako")
    free = signup(Client(), "hanako-new", "new@example.jp")
    taken = signup(Client(), "hanako", "attacker@example.jp")
    assert free.status_code == taken.status_code == 302
    assert free["Location"] == taken["Location"] == "/signup/sent/"
    assert Client().get(free["Location"]).content == Client().get(taken["Location"]).content
    # Only the owner of the given address learns the name was taken.
    assert User.objects.filter(username="hanako").count() == 1
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "すでに使われている" in by_address["attacker@example.jp"].body
    assert "/signup/verify/" in by_address["new@example.jp"].body
    assert "/signup/verify/" not in by_address["attacker@example.jp"].body


def test_a_taken_username_in_other_letter_case_is_taken_too(mailoutbox):
    factories.user("volunteer", username="hanako")
    signup(Client(), "HANAKO", "x@example.jp")
    assert not User.objects.filter(username="HANAKO").exists()


def test_sign_up_is_throttled_per_client():
    client = Client(REMOTE_ADDR="10.0.0.5")
    answers = [signup(client, f"user-{i}", f"u{i}@example.jp").status_code for i in range(11)]
    assert answers == [302] * 10 + [429]
    refused = signup(client, "user-late", "late@example.jp")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "しばらく受け付けを止めています" in refused.content.decode()
    assert not User.objects.filter(username="user-late").exists()


def _verify_link(mailoutbox, address):
    mail = next(m for m in mailoutbox if m.to == [address])
    return re.search(r"http://testserver(/signup/verify/\S+/)", mail.body).group(1)


def test_an_unconfirmed_login_reads_only_its_own_profile(mailoutbox, school_a):
    published = factories.profile(display_name="公開 済子")
    request = factories.request(school_a)
    signup(Client(), "newbie-2026", "newbie@example.jp")
    user = User.objects.get(username="newbie-2026")
    own = factories.profile(owner=user, status="pending", display_name="新人 太郎")
    api = factories_api(user)
    assert [p["id"] for p in api.get("/api/profiles/").json()["results"]] == [own.id]
    assert api.get(f"/api/profiles/{published.id}/").status_code == 404
    assert api.get("/api/requests/").json()["results"] == []
    assert api.get(f"/api/requests/{request.id}/").status_code == 404
    assert api.get("/api/organizations/").json()["results"] == []

    # Confirmed, not yet screened: open requests and organization names, no contact data,
    # still no other volunteer.
    assert Client().get(_verify_link(mailoutbox, "newbie@example.jp")).status_code == 200
    assert [r["id"] for r in api.get("/api/requests/").json()["results"]] == [request.id]
    orgs = api.get("/api/organizations/").json()["results"]
    assert [o["name"] for o in orgs] == ["みどり野市立第一小学校"]
    assert not {"phone", "email", "address"} & set(orgs[0])
    assert [p["id"] for p in api.get("/api/profiles/").json()["results"]] == [own.id]


def test_a_wrong_or_tampered_link_verifies_nothing(mailoutbox):
    signup(Client(), "newbie-2026", "newbie@example.jp")
    link = _verify_link(mailoutbox, "newbie@example.jp")
    response = Client().get(link[:-3] + "xx/")
    assert response.status_code == 400
    assert User.objects.get(username="newbie-2026").email_verified_at is None


def test_organization_contact_reaches_only_staff_members_and_confirmed_volunteers(
    api, coordinator, volunteer, teacher_a, teacher_b, school_a
):
    school_a.phone, school_a.email, school_a.address = "03-1111-2222", "a@example.jp", "本町1-1"
    school_a.save()

    def contact_seen_by(user):
        rows = api.as_(user).get("/api/organizations/").json()["results"]
        row = next(o for o in rows if o["id"] == school_a.id)
        return row.get("phone")

    assert contact_seen_by(coordinator) == "03-1111-2222"
    assert contact_seen_by(teacher_a) == "03-1111-2222"
    assert contact_seen_by(teacher_b) is None
    assert contact_seen_by(volunteer) is None
    from accounts.system import SYSTEM
    from matching import services

    req = factories.request(school_a)
    match = services.match_propose(actor=SYSTEM, req=req, profile=volunteer.profile)
    assert contact_seen_by(volunteer) is None  # proposed is not enough
    services.match_set_status(actor=SYSTEM, match=match, status="accepted")
    services.match_set_status(actor=SYSTEM, match=match, status="confirmed")
    assert contact_seen_by(volunteer) == "03-1111-2222"


def factories_api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {factories.token(user)}")
    return client
