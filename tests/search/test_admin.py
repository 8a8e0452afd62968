"""The Django admin: what is registered, what coordinators may do there, what stays read only,
and its search box running the full-text search."""

import pytest
from django.contrib import admin

from accounts.models import User
from matching import services as matching_services
from matching.models import Match, MatchEvent, Organization, Request, SynonymGroup
from talent.models import Area, Disclosure, Profile
from tests import factories
from volunteers.models import ActivityRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        "admin", "admin@example.jp", "pass-Word-123", role="coordinator"
    )


@pytest.mark.parametrize(
    "model",
    [Area, Profile, Disclosure, Organization, Request, Match, SynonymGroup, ActivityRecord],
)
def test_the_models_are_registered(model):
    assert admin.site.is_registered(model)


def test_coordinators_edit_areas_and_synonyms_and_nothing_else(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/talent/area/add/").status_code == 200
    assert client.get("/admin/matching/synonymgroup/add/").status_code == 200
    res = client.post(
        "/admin/matching/synonymgroup/add/", {"terms": "昔遊び、伝統遊び", "note": ""}
    )
    assert res.status_code == 302
    assert SynonymGroup.objects.get().term_list() == ["昔遊び", "伝統遊び"]
    assert client.get("/admin/talent/profile/").status_code == 403
    assert client.get("/admin/matching/request/").status_code == 403


def test_volunteers_cannot_enter_the_admin(client, volunteer):
    client.force_login(volunteer)
    assert client.get("/admin/").status_code == 302


def test_the_admin_pages_render_in_japanese(client, superuser, volunteer, school_a):
    client.force_login(superuser)
    factories.request(school_a)
    for url in [
        "/admin/",
        "/admin/talent/profile/",
        "/admin/matching/request/",
        "/admin/talent/area/",
    ]:
        res = client.get(url)
        assert res.status_code == 200
    assert "つなぐ 管理サイト" in client.get("/admin/").content.decode()
    profile = Profile.objects.get(user=volunteer)
    assert client.get(f"/admin/talent/profile/{profile.id}/change/").status_code == 200


def test_matches_contact_views_and_activities_are_read_only(
    client, superuser, coordinator, school_a
):
    client.force_login(superuser)
    profile = factories.profile()
    match = matching_services.match_propose(
        actor=coordinator, req=factories.request(school_a), profile=profile
    )
    assert client.get("/admin/matching/match/add/").status_code == 403
    res = client.post(f"/admin/matching/match/{match.id}/change/", {"note": "電話済み", "status": "confirmed",
                      "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"})  # fmt: skip
    match.refresh_from_db()
    assert res.status_code == 302
    assert match.status == "proposed" and match.note == "電話済み"
    assert MatchEvent.objects.filter(match=match).count() == 1
    assert client.get("/admin/talent/disclosure/add/").status_code == 403
    assert client.get("/admin/volunteers/activityrecord/add/").status_code == 403


@pytest.mark.parametrize(
    ("query", "count"), [("書道", 1), ("やまだ", 1), ("書道 -硬筆", 0), ("の", 0)]
)
def test_the_admin_search_box_is_the_full_text_search(client, superuser, query, count):
    factories.profile(display_name="山田 一", furigana="やまだ はじめ", skills="書道と硬筆")
    factories.profile(display_name="林 二郎", furigana="はやし じろう", skills="将棋")
    client.force_login(superuser)
    res = client.get("/admin/talent/profile/", {"q": query})
    assert res.status_code == 200
    assert res.context["cl"].result_count == count


def test_a_too_long_admin_search_shows_a_message_not_an_error(client, superuser):
    client.force_login(superuser)
    res = client.get("/admin/talent/profile/", {"q": "あ" * 500})
    assert res.status_code == 200
    assert "200文字以内" in res.content.decode()
    res = client.get("/admin/matching/request/", {"q": "こま回し"})
    assert res.status_code == 200
