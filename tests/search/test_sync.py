"""A profile or request written through any path is found by the search at once, in the
same transaction, and an edit of its text removes the old words from the search."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.system import SYSTEM
from matching import services as matching_services
from matching.models import Request
from matching.search import request_search
from talent import services
from talent.models import Profile
from talent.search import profile_search
from tests import factories

pytestmark = pytest.mark.django_db


def profiles_found(query: str) -> list[int]:
    return list(
        profile_search(Profile.objects.all(), query, viewer=SYSTEM).values_list("id", flat=True)
    )


def requests_found(query: str) -> list[int]:
    return list(request_search(Request.objects.all(), query).values_list("id", flat=True))


@pytest.fixture
def superuser(db):
    from accounts.models import User

    return User.objects.create_superuser(
        "admin", "admin@example.jp", "pass-Word-123", role="coordinator"
    )


# -- profiles ---------------------------------------------------------------------------------


def test_services_write_tokens_in_the_same_transaction():
    with transaction.atomic():
        profile = factories.profile(
            skills="水墨画を教えます", display_name="森 健太", furigana="もり けんた"
        )
        # Not committed yet: the same transaction already finds it by word and by reading.
        assert profiles_found("水墨画") == [profile.id]
        assert profiles_found("けんた") == [profile.id]
        services.profile_edit(actor=SYSTEM, profile=profile, data={"skills": "陶芸を教えます"})
        assert profiles_found("水墨画") == []
        assert profiles_found("陶芸") == [profile.id]


def test_a_name_change_moves_the_reading(db):
    profile = factories.profile(display_name="森 健太", furigana="もり けんた")
    services.profile_edit(
        actor=SYSTEM, profile=profile, data={"display_name": "林 健太", "furigana": "はやし けんた"}
    )
    assert profiles_found("もり") == []
    assert profiles_found("はやし") == [profile.id]
    assert profiles_found("林") == [profile.id]


def test_the_api_create_and_edit(api, coordinator):
    body = {"kind": "instructor", "display_name": "森 健太", "furigana": "もり けんた", "skills": "水墨画",
            "bio": "", "status": "published"}  # fmt: skip
    created = api.as_(coordinator).post("/api/profiles/", body, format="json")
    assert created.status_code == 201
    pid = created.json()["id"]
    assert profiles_found("水墨画") == [pid]
    res = api.as_(coordinator).patch(f"/api/profiles/{pid}/", {"skills": "陶芸"}, format="json")
    assert res.status_code == 200
    assert profiles_found("水墨画") == []
    assert api.as_(coordinator).get("/api/profiles/", {"q": "陶芸"}).json()["count"] == 1


def test_a_volunteer_editing_their_own_profile_through_the_api(api, volunteer, other_volunteer):
    own = Profile.objects.get(user=volunteer)
    res = api.as_(volunteer).patch(
        f"/api/profiles/{own.id}/", {"skills": "紙芝居の上演"}, format="json"
    )
    assert res.status_code == 200
    found = api.as_(other_volunteer).get("/api/profiles/", {"q": "紙芝居"}).json()["results"]
    assert [p["id"] for p in found] == [own.id]
    assert api.as_(other_volunteer).get("/api/profiles/", {"q": "読み聞かせ"}).json()["count"] == 0


def test_the_import_command(tmp_path):
    csv = tmp_path / "profiles.csv"
    csv.write_text(
        "kind,display_name,furigana,skills,bio,status\n"
        "instructor,小林 和子,こばやし かずこ,押し花の講師,よろしくお願いします,published\n",
        encoding="cp932",
    )
    call_command("import_profiles", str(csv))
    profile = Profile.objects.get(display_name="小林 和子")
    assert profiles_found("押し花") == [profile.id]
    assert profiles_found("コバヤシ") == [profile.id]


def test_the_admin_add_and_change(client, superuser):
    client.force_login(superuser)
    form = {
        "kind": "instructor", "status": "published", "screening_note": "", "display_name": "森 健太",
        "furigana": "もり けんた", "skills": "水墨画の講師", "experience": "", "bio": "",
        "availability": "mon_am,tue_pm", "fee": "free", "email": "", "phone": "", "public_fields": "",
        "external_id": "",
    }  # fmt: skip
    res = client.post("/admin/talent/profile/add/", form)
    assert res.status_code == 302, res.content.decode()[:2000]
    profile = Profile.objects.get(display_name="森 健太")
    assert profiles_found("水墨画") == [profile.id]
    res = client.post(
        f"/admin/talent/profile/{profile.id}/change/", {**form, "skills": "陶芸の講師"}
    )
    assert res.status_code == 302
    assert profiles_found("水墨画") == []
    assert profiles_found("陶芸") == [profile.id]


def test_save_with_update_fields_keeps_the_tokens_in_step(db):
    profile = factories.profile(skills="水墨画")
    profile.skills = "陶芸"
    profile.save(update_fields=["skills"])
    assert profiles_found("水墨画") == []
    assert profiles_found("陶芸") == [profile.id]


# -- requests ---------------------------------------------------------------------------------


def test_request_services_in_the_same_transaction(school_a):
    with transaction.atomic():
        req = factories.request(school_a, title="昔遊び", description="こま回しを教えてください。")
        assert requests_found("こま回し") == [req.id]
        matching_services.request_edit(
            actor=SYSTEM, req=req, data={"description": "けん玉を教えてください。"}
        )
        assert requests_found("こま回し") == []
        assert requests_found("けん玉") == [req.id]


def test_request_api_create_and_edit(api, teacher_a, school_a):
    body = {
        "organization": school_a.id,
        "title": "昔遊び",
        "description": "こま回しを教えてください。",
    }
    created = api.as_(teacher_a).post("/api/requests/", body, format="json")
    assert created.status_code == 201
    rid = created.json()["id"]
    assert requests_found("こま回し") == [rid]
    api.as_(teacher_a).patch(
        f"/api/requests/{rid}/", {"description": "お手玉を教えてください。"}, format="json"
    )
    assert requests_found("こま回し") == []
    assert api.as_(teacher_a).get("/api/requests/", {"q": "お手玉"}).json()["count"] == 1


def test_request_admin_add_and_change(client, superuser, school_a):
    client.force_login(superuser)
    form = {
        "organization": school_a.id, "title": "昔遊び", "description": "こま回しを教えてください。",
        "kind_wanted": "", "dates": "2027-01-15", "time_band": "am", "place": "体育館",
        "audience": "children", "headcount": 2, "status": "open",
    }  # fmt: skip
    res = client.post("/admin/matching/request/add/", form)
    assert res.status_code == 302, res.content.decode()[:2000]
    req = Request.objects.get(title="昔遊び")
    assert req.dates == [date(2027, 1, 15)]
    assert requests_found("こま回し") == [req.id]
    res = client.post(
        f"/admin/matching/request/{req.id}/change/", {**form, "description": "お手玉"}
    )
    assert res.status_code == 302
    assert requests_found("こま回し") == []
    assert requests_found("お手玉") == [req.id]
