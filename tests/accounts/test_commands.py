import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from matching.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def test_add_user_creates_each_role(school_a):
    call_command("add_user", "kato", "--role", "coordinator", "--password", "pw-1")
    call_command("add_user", "sensei", "--role", "requester", "--password", "pw-2",
                 "--organization", str(school_a.id))  # fmt: skip
    call_command("add_user", "tanaka", "--role", "volunteer", "--password", "pw-3")
    kato = User.objects.get(username="kato")
    assert kato.role == "coordinator" and kato.check_password("pw-1") and kato.is_staff
    assert User.objects.get(username="sensei").membership.organization == school_a
    assert not Membership.objects.filter(user__username__in=["kato", "tanaka"]).exists()


@pytest.mark.parametrize(
    "args",
    [
        ["x", "--role", "requester", "--password", "p"],  # requester without organization
        ["x", "--role", "volunteer", "--password", "p", "--organization", "ORG"],
        ["x", "--role", "requester", "--password", "p", "--organization", "999999"],
        ["coordinator", "--role", "coordinator", "--password", "p"],  # taken
        ["", "--role", "volunteer", "--password", "p"],
    ],
)
def test_add_user_refuses_bad_arguments(school_a, coordinator, args):
    args = [str(school_a.id) if a == "ORG" else a for a in args]
    before = User.objects.count()
    with pytest.raises(CommandError):
        call_command("add_user", *args)
    assert User.objects.count() == before


def test_a_new_user_can_get_an_api_token(api, school_a):
    call_command("add_user", "sensei", "--role", "requester", "--password", "pw-2",
                 "--organization", str(school_a.id))  # fmt: skip
    res = api.post("/api/auth/token/", {"username": "sensei", "password": "pw-2"}, format="json")
    assert res.status_code == 200
    token = res.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/requests/").status_code == 200


def test_coordinators_may_edit_reference_data_in_the_admin(db):
    user = factories.user("coordinator")
    assert user.has_perm("talent.change_area")
    assert user.has_perm("matching.change_synonymgroup")
    assert not user.has_perm("talent.delete_profile")


def test_the_openapi_schema_is_public_and_lists_the_interface(api):
    res = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert res.status_code == 200
    paths = res.json()["paths"]
    for path in (
        "/api/auth/token/",
        "/api/organizations/",
        "/api/profiles/",
        "/api/requests/",
        "/api/requests/{id}/candidates/",
        "/api/matches/",
        "/api/matches/{id}/confirm/",
    ):
        assert path in paths


def test_the_stylesheet_is_served_without_debug(client, settings):
    # Under gunicorn with DJANGO_DEBUG=0 the pages must still get their CSS.
    settings.DEBUG = False
    res = client.get("/static/web/site.css")
    assert res.status_code == 200
    body = b"".join(res.streaming_content) if res.streaming else res.content
    assert b"{" in body


def test_the_api_docs_load_their_scripts_from_this_server(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn.jsdelivr.net" not in page
