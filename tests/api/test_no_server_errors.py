"""The inputs that once gave a 5xx or a non-JSON error, each with the exact answer expected."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from matching.models import Match, Organization, Request
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

PROFILE = {"kind": "instructor", "display_name": "山田", "skills": "書道", "bio": ""}


def _post_raw(client, url, raw: str):
    return client.post(url, data=raw, content_type="application/json")


def _error(res, status: int, code: str) -> dict:
    assert res.status_code == status, res.content
    assert res["Content-Type"].startswith("application/json")
    body = res.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["code"] == code
    return body


def test_nul_in_an_area_name_is_a_400_for_a_volunteer(api):
    user = factories.user("volunteer")
    res = api.as_(user).post("/api/profiles/", {**PROFILE, "areas": ["a\u0000"]}, format="json")
    body = _error(res, 400, "invalid")
    assert body["errors"] == {"areas": ["使えない文字（NUL 文字）が含まれています。"]}
    assert not Profile.objects.exists()


def test_nul_as_an_organization_area_is_a_400(api, coordinator):
    res = api.as_(coordinator).post(
        "/api/organizations/", {"name": "学校", "kind": "school", "area": "\u0000"}, format="json"
    )
    assert _error(res, 400, "invalid")["errors"] == {
        "area": ["使えない文字（NUL 文字）が含まれています。"]
    }
    assert not Organization.objects.exists()


@pytest.mark.parametrize("field", ["kind", "status", "display_name"])
def test_a_lone_surrogate_is_a_400(api, coordinator, field):
    raw = json.dumps({**PROFILE, field: "\ud800"})  # ensure_ascii: "\ud800" as an escape
    body = _error(_post_raw(api.as_(coordinator), "/api/profiles/", raw), 400, "invalid")
    assert body["errors"] == {
        field: ["文字として読めない値（対になっていないサロゲート）が含まれています。"]
    }
    assert not Profile.objects.exists()


def test_a_nul_in_a_key_is_a_400(api, coordinator):
    raw = json.dumps({**PROFILE, "x\u0000": 1})
    _error(_post_raw(api.as_(coordinator), "/api/profiles/", raw), 400, "invalid")


def test_a_thousand_nested_brackets_to_the_token_endpoint_are_a_400():
    res = _post_raw(APIClient(), "/api/auth/token/", "[" * 1000 + "]" * 1000)
    assert "入れ子が深すぎます" in _error(res, 400, "parse_error")["detail"]


def test_nesting_past_the_limit_is_a_400_even_below_pythons_recursion_limit(api, coordinator):
    raw = json.dumps(
        {**PROFILE, "areas": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
    )
    res = _post_raw(api.as_(coordinator), "/api/profiles/", raw)
    assert _error(res, 400, "parse_error")["detail"] == "入れ子が深すぎます（32段まで）。"


@pytest.mark.parametrize("number", ["1e309", "-1e309", "NaN", "Infinity"])
def test_infinite_numbers_are_a_400(api, coordinator, school_a, number):
    raw = f'{{"organization": {number}, "title": "t", "description": "d"}}'
    _error(_post_raw(api.as_(coordinator), "/api/requests/", raw), 400, "parse_error")
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "ID は整数で指定してください。"),
        (True, "ID は整数で指定してください。"),
        ("1.5", "ID は整数で指定してください。"),
        (10**20, "ID 100000000000000000000 は見つかりません。"),
        (0, "ID 0 は見つかりません。"),
    ],
)
def test_an_organization_id_must_be_a_whole_number_in_range(
    api, coordinator, school_a, value, message
):
    # Organization 1 may well exist: 1.5 must not be read as it.
    Organization.objects.filter(pk=school_a.pk).update(id=1)
    body = {"organization": value, "title": "書道", "description": "教えてください"}
    res = api.as_(coordinator).post("/api/requests/", body, format="json")
    assert _error(res, 400, "invalid")["errors"] == {"organization": [message]}
    assert not Request.objects.exists()


@pytest.mark.parametrize("field", ["request", "profile"])
def test_match_ids_must_be_whole_numbers(api, coordinator, school_a, volunteer, field):
    req = factories.request(school_a)
    body = {"request": req.pk, "profile": volunteer.profile.pk, field: 1.5}
    res = api.as_(coordinator).post("/api/matches/", body, format="json")
    assert _error(res, 400, "invalid")["errors"] == {field: ["ID は整数で指定してください。"]}
    assert not Match.objects.exists()


@pytest.mark.parametrize("query", ["organization=1.5", "organization=1e309", "organization=0"])
def test_id_filters_refuse_what_is_not_a_whole_number(api, coordinator, query):
    _error(api.as_(coordinator).get(f"/api/requests/?{query}"), 400, "invalid")


def test_a_post_to_an_address_that_is_not_there_is_a_json_404_even_with_a_session(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    _error(client.post("/api/matches/1.5/confirm/"), 404, "not_found")


def test_a_csrf_failure_on_the_api_is_a_json_403_in_japanese(coordinator):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(coordinator)
    res = client.post("/api/organizations/", {"name": "学校", "kind": "school"}, format="json")
    body = _error(res, 403, "csrf_failed")
    assert "CSRF" in body["detail"] and "トークン" in body["detail"]
    assert not Organization.objects.exists()


def test_a_body_over_the_upload_limit_is_a_json_400(api, coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MB
    raw = json.dumps({**PROFILE, "bio": "x" * (3 * 1024 * 1024)})
    _error(_post_raw(api.as_(coordinator), "/api/profiles/", raw), 400, "too_large")
    assert not Profile.objects.exists()


def test_a_form_body_over_the_upload_limit_is_a_json_400(coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = APIClient()
    client.force_authenticate(coordinator)
    res = client.post("/api/organizations/", {"name": "x" * 2000, "kind": "school"})
    _error(res, 400, "too_large")


def test_an_uncaught_exception_is_a_json_500(coordinator, monkeypatch):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr("api.organizations.selectors.organizations_visible_to", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(coordinator)
    body = _error(client.get("/api/organizations/"), 500, "server_error")
    assert body["detail"] == "サーバーで問題が起きました。時間をおいてもう一度試してください。"


def test_an_uncaught_exception_on_a_page_is_the_japanese_500_page(coordinator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("web.views.public.render", broken)
    res = Client(raise_request_exception=False).get("/terms/")
    assert res.status_code == 500
    assert "問題が起きました" in res.content.decode()
