"""Candidates through the HTTP API: reasons, filters, and freshness after every write path."""

import threading
from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.db import connections, transaction
from django.test import Client

from matching import services
from matching.models import SynonymGroup
from talent.models import Profile
from tests import factories


def candidates(api, user, req, limit=10):
    res = api.as_(user).get(f"/api/requests/{req.id}/candidates/?limit={limit}")
    assert res.status_code == 200, res.content
    return res.json()


def ids(data):
    return [c["profile_id"] for c in data["results"]]


@pytest.fixture
def calligraphy(school_a):
    # 2026-12-09 is a Wednesday; the request wants a morning.
    return factories.request(
        school_a,
        title="書道のゲストティーチャー",
        description="3年生の書写の授業で、毛筆の基本を教えてくださる方",
        dates=[date(2026, 12, 9)],
        time_band="am",
    )


@pytest.mark.django_db
def test_the_whole_flow_through_the_api(api, coordinator, teacher_a, school_a):
    shodo = factories.profile(
        display_name="書家 一郎",
        skills="書道（毛筆・硬筆）を教えられます",
        availability=["wed_am"],
        email="shoka@example.jp",
        phone="090-5555-0001",
    )
    factories.profile(display_name="英語 花子", skills="英会話", availability=["wed_am"])
    res = api.as_(teacher_a).post(
        "/api/requests/",
        {
            "organization": school_a.id,
            "title": "書写の授業に書道の先生を",
            "description": "毛筆の基本を3年生に教えてください。",
            "dates": ["2026-12-09"],
            "time_band": "am",
        },
        format="json",
    )
    assert res.status_code == 201
    req_id = res.json()["id"]
    ranked = api.as_(coordinator).get(f"/api/requests/{req_id}/candidates/?limit=5").json()
    best = ranked["results"][0]
    assert best["profile_id"] == shodo.id
    assert "書道" in best["matched_terms"]
    assert best["score"] > 0
    proposed = api.as_(coordinator).post(
        "/api/matches/", {"request": req_id, "profile": shodo.id}, format="json"
    )
    assert proposed.status_code == 201
    assert proposed.json()["status"] == "proposed"
    match_id = proposed.json()["id"]
    before = api.as_(teacher_a).get(f"/api/matches/{match_id}/").json()
    assert "phone" not in before["volunteer"]
    confirmed = api.as_(coordinator).post(f"/api/matches/{match_id}/confirm/")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"
    after = api.as_(teacher_a).get(f"/api/matches/{match_id}/").json()
    assert after["volunteer"]["phone"] == "090-5555-0001"
    # Proposed or confirmed people are not candidates any more, and the count says so.
    again = api.as_(coordinator).get(f"/api/requests/{req_id}/candidates/").json()
    assert shodo.id not in ids(again)
    assert again["filtered"]["excluded"] == 1


@pytest.mark.django_db
def test_reasons_name_terms_availability_area_and_soft_factors(
    api, coordinator, calligraphy, school_a
):
    person = factories.profile(
        skills="書道", availability=["wed_am", "fri_pm"], areas=[school_a.area]
    )
    best = candidates(api, coordinator, calligraphy)["results"][0]
    assert best["profile_id"] == person.id
    assert best["availability"] == {"required": ["wed_am"], "covered": ["wed_am"], "fit": "full"}
    assert best["areas"]["shared"] == [school_a.area.name]
    assert {f["name"] for f in best["soft_factors"]} == {"same_area", "not_asked_recently"}
    terms = best["term_contributions"]
    assert terms[0]["term"] == "書道" and terms[0]["via"] == "term"
    assert sum(t["contribution"] for t in terms) == pytest.approx(best["text_score"], abs=1e-3)


@pytest.mark.django_db
def test_hard_filters_remove_and_count_and_kind_is_a_preference(
    api, coordinator, calligraphy, school_a
):
    services.request_edit(actor=coordinator, req=calligraphy, data={"kinds_wanted": ["instructor"]})
    fits = factories.profile(skills="書道", availability=["wed_am"])
    factories.profile(skills="書道", availability=["wed_pm"])  # wrong band
    other_kind = factories.profile(skills="書道", availability=["wed_am"], kind="it_volunteer")
    factories.profile(skills="書道", availability=["wed_am"], status="pending")
    unknown = factories.profile(skills="書道", availability=[])  # filled in no slot
    data = candidates(api, coordinator, calligraphy)
    # The wanted kind first (boosted), then the other kind; unknown availability last.
    assert ids(data) == [fits.id, other_kind.id, unknown.id]
    assert data["results"][0]["boosts"][0] == "依頼が求める種別"
    assert data["results"][2]["availability"]["fit"] == "unknown"
    assert data["filtered"] == {"not_published": 1, "kind": 0, "availability": 1, "excluded": 0}


@pytest.mark.django_db
def test_nothing_fits_is_said_instead_of_a_long_tail(api, coordinator, school_a):
    # Every request says 体験 and 講座, so the two words are learnt to be generic.
    for topic in ("書道", "陶芸", "英会話", "料理", "囲碁", "将棋", "俳句", "写真"):
        factories.request(school_a, title=f"{topic}の体験講座", description="講座", dates=[])
        factories.profile(skills=f"{topic}の講座", availability=[])
    req = factories.request(school_a, title="ボッチャの体験講座", description="講座", dates=[])
    data = candidates(api, coordinator, req)
    assert data["results"] == []
    assert data["nothing_fits"] is True
    assert data["message"] == "条件に合う方が見つかりませんでした"


@pytest.mark.django_db
def test_a_list_of_weak_candidates_only_says_so(api, coordinator, school_a):
    for topic in ("書道", "陶芸", "英会話", "料理", "囲碁", "将棋", "俳句", "写真"):
        factories.request(school_a, title=f"{topic}の体験講座", description="講座", dates=[])
        factories.profile(skills=f"{topic}の講座", availability=[])
    # 人形 is all a 人形劇 volunteer shares with a request about 人形浄瑠璃 and 文楽.
    puppets = factories.profile(skills="人形劇の上演と、子ども向けの工作", availability=[])
    req = factories.request(
        school_a, title="人形浄瑠璃と文楽の鑑賞講座", description="伝統芸能の義太夫節", dates=[]
    )
    data = candidates(api, coordinator, req)
    assert ids(data)[0] == puppets.id
    assert [r["strength"] for r in data["results"]] == ["低"] * len(data["results"])
    assert data["nothing_fits"] is False and data["weak_only"] is True
    assert data["message"] == (
        "はっきり合う方はいませんでした。ことばの一部だけが合う方を、合う度合い「低」として表示しています"
    )
    # A request the same person fits well: no such note.
    show = factories.request(school_a, title="人形劇の上演", description="子ども会で", dates=[])
    data = candidates(api, coordinator, show)
    assert data["results"][0]["strength"] == "高"
    assert data["weak_only"] is False and data["message"] == ""


@pytest.mark.django_db
def test_no_dates_means_no_availability_filter(api, coordinator, school_a):
    req = factories.request(school_a, dates=[], time_band="")
    anyone = factories.profile(skills="書道", availability=[])
    assert anyone.id in ids(candidates(api, coordinator, req))


@pytest.mark.django_db
def test_a_profile_written_after_the_index_is_built_is_ranked_at_once(
    api, coordinator, calligraphy
):
    factories.profile(skills="英会話", bio="", availability=["wed_am"])
    assert candidates(api, coordinator, calligraphy)["results"] == []  # the index is built
    res = api.as_(coordinator).post(
        "/api/profiles/",
        {
            "kind": "instructor",
            "display_name": "新人 書家",
            "skills": "書道",
            "bio": "",
            "availability": ["wed_am"],
            "status": "published",
        },
        format="json",
    )
    new_id = res.json()["id"]
    assert ids(candidates(api, coordinator, calligraphy))[0] == new_id


@pytest.mark.django_db
def test_edits_unpublishing_and_deletes_reach_the_index(api, coordinator, calligraphy):
    person = factories.profile(skills="英会話", bio="", availability=["wed_am"])
    assert person.id not in ids(candidates(api, coordinator, calligraphy))
    person.skills = "書道と英会話"
    person.save()
    assert person.id in ids(candidates(api, coordinator, calligraphy))
    Profile.objects.filter(pk=person.pk).update(status="suspended")  # a bulk path, no save()
    data = candidates(api, coordinator, calligraphy)
    assert person.id not in ids(data)
    assert data["filtered"]["not_published"] == 1
    Profile.objects.filter(pk=person.pk).update(status="published")
    assert person.id in ids(candidates(api, coordinator, calligraphy))
    person.delete()
    data = candidates(api, coordinator, calligraphy)
    assert person.id not in ids(data)
    assert data["considered"] == 0


@pytest.mark.django_db
def test_an_admin_edit_is_ranked_on_the_next_call(coordinator, calligraphy, api):
    person = factories.profile(skills="英会話", bio="", availability=["wed_am"])
    assert person.id not in ids(candidates(api, coordinator, calligraphy))
    admin_user = factories.user("coordinator")
    admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    assert site.is_registered(Profile)
    url = f"/admin/talent/profile/{person.id}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "kind": person.kind,
            "display_name": person.display_name,
            "skills": "書道",
            "fee": person.fee,
            "status": "published",
            "availability": "wed_am",
            "areas": [],
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, list) or v}
    client.post(url, data)
    person.refresh_from_db()
    assert person.skills == "書道"
    assert person.id in ids(candidates(api, coordinator, calligraphy))


@pytest.mark.django_db
def test_a_change_of_areas_alone_reaches_the_index(api, coordinator, calligraphy, school_a):
    person = factories.profile(skills="書道", availability=["wed_am"])
    first = candidates(api, coordinator, calligraphy)["results"][0]
    assert first["areas"]["shared"] == []
    person.areas.add(school_a.area)  # only the join table changes
    first = candidates(api, coordinator, calligraphy)["results"][0]
    assert first["areas"]["shared"] == [school_a.area.name]


@pytest.mark.django_db
def test_a_new_domain_synonym_takes_effect_without_a_restart(api, coordinator, school_a):
    req = factories.request(
        school_a, title="伝統遊び", description="冬休み前の行事です", dates=[], time_band=""
    )
    person = factories.profile(skills="昔遊び", bio="")
    assert person.id not in ids(candidates(api, coordinator, req))
    SynonymGroup.objects.create(terms="昔遊び、伝統遊び")
    data = candidates(api, coordinator, req)
    assert ids(data) == [person.id]
    assert data["results"][0]["term_contributions"][0]["via"] == "domain_synonym"


@pytest.mark.django_db
def test_a_proposal_lowers_the_spread_boost(api, coordinator, calligraphy, school_a):
    person = factories.profile(skills="書道", availability=["wed_am"])
    boost = {
        f["name"]: f["boost"]
        for f in candidates(api, coordinator, calligraphy)["results"][0]["soft_factors"]
    }
    other = factories.request(school_a, title="別の書道の依頼")
    services.match_propose(actor=coordinator, req=other, profile=person)
    after = candidates(api, coordinator, calligraphy)["results"][0]
    now = {f["name"]: f["boost"] for f in after["soft_factors"]}
    assert now.get("not_asked_recently", 0) < boost["not_asked_recently"]


@pytest.mark.django_db
def test_the_volunteer_sees_requests_that_fit_them(api, volunteer, other_volunteer, school_a):
    mine = Profile.objects.get(user=volunteer)  # 読み聞かせ、絵本
    fit = factories.request(
        school_a, title="朝の読み聞かせ", description="絵本を読んでください", dates=[], time_band=""
    )
    factories.request(
        school_a, title="パソコン教室", description="エクセルの補助", dates=[], time_band=""
    )
    res = api.as_(volunteer).get(f"/api/profiles/{mine.id}/suggested-requests/")
    assert res.status_code == 200
    assert res.json()["results"][0]["request_id"] == fit.id
    theirs = Profile.objects.get(user=other_volunteer)
    assert (
        api.as_(volunteer).get(f"/api/profiles/{theirs.id}/suggested-requests/").status_code == 403
    )


@pytest.mark.django_db
def test_a_request_that_prefers_another_kind_is_still_suggested_after_the_ones_that_want_mine(
    api, volunteer, school_a
):
    """Kinds are a preference unless the requester insists, in this direction too: an
    instructor sees a request that would rather have school support (after the one that wants
    instructors, the texts being alike), never one that insists on school support."""
    mine = Profile.objects.get(user=volunteer)  # instructor: 読み聞かせ、絵本
    wants_me = factories.request(
        school_a, title="朝の読み聞かせ", description="絵本を読んでください", dates=[],
        time_band="", kinds_wanted=["instructor"],
    )  # fmt: skip
    prefers_other = factories.request(
        school_a, title="朝の読み聞かせ", description="絵本を読んでください", dates=[],
        time_band="", kinds_wanted=["school_support"],
    )  # fmt: skip
    insists_other = factories.request(
        school_a, title="朝の読み聞かせ", description="絵本を読んでください", dates=[],
        time_band="", kinds_wanted=["school_support"], kinds_strict=True,
    )  # fmt: skip
    body = api.as_(volunteer).get(f"/api/profiles/{mine.id}/suggested-requests/").json()
    ids = [r["request_id"] for r in body["results"]]
    assert ids == [wants_me.id, prefers_other.id]
    assert insists_other.id not in ids
    assert body["filtered"]["kind"] == 1
    assert "kind_wanted" in {f["name"] for f in body["results"][0]["soft_factors"]}
    assert "kind_wanted" not in {f["name"] for f in body["results"][1]["soft_factors"]}


@pytest.mark.django_db(transaction=True)
def test_a_commit_that_lands_out_of_order_is_not_missed(api):
    """An older transaction that commits after a newer one was seen must still be found."""
    coordinator = factories.user("coordinator")
    school = factories.organization("順序テスト小学校")
    req = factories.request(school, title="書道", description="毛筆", dates=[], time_band="")
    candidates(api, coordinator, req)  # the index exists
    written, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                factories.profile(display_name="遅い 書家", skills="書道")  # older xid
                written.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert written.wait(10)
    fast = factories.profile(display_name="速い 書家", skills="書道")  # newer xid, committed
    seen = ids(candidates(api, coordinator, req))
    assert fast.id in seen and len(seen) == 1
    release.set()
    thread.join(10)
    slow = Profile.objects.get(display_name="遅い 書家")
    assert slow.id in ids(candidates(api, coordinator, req))


@pytest.mark.django_db(transaction=True)
def test_a_long_transaction_elsewhere_does_not_make_every_call_reread(api, monkeypatch):
    """While a transaction stays open (a backup, a long import), the horizon cannot move; rows
    already read from finished transactions must not be read and applied again and again."""
    from lib.engine.index import Index

    coordinator = factories.user("coordinator")
    school = factories.organization("長い取引の小学校")
    req = factories.request(school, title="書道", description="毛筆", dates=[], time_band="")
    candidates(api, coordinator, req)
    holding, release = threading.Event(), threading.Event()

    def long_transaction():
        try:
            with transaction.atomic():
                factories.organization("保留中の団体")  # takes a transaction id and keeps it
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=long_transaction)
    thread.start()
    try:
        assert holding.wait(10)
        person = factories.profile(skills="書道")
        applied: list[int] = []
        real_upsert = Index.upsert

        def counting_upsert(self, docs):
            docs = list(docs) if not hasattr(docs, "id") else [docs]
            applied.extend(d.id for d in docs)
            return real_upsert(self, docs)

        monkeypatch.setattr(Index, "upsert", counting_upsert)
        for _ in range(3):
            assert ids(candidates(api, coordinator, req)) == [person.id]
        assert applied.count(person.id) == 1
    finally:
        release.set()
        thread.join(10)


@pytest.mark.django_db(transaction=True)  # committed rows, as a web request sees them
def test_a_candidates_call_reads_the_database_three_times(django_assert_num_queries, calligraphy):
    """One look at what changed (IndexCache._look), the request's matches, the profiles
    shown: the database work around the engine, counted so that it does not grow again."""
    from matching.candidates import candidates_for_request
    from matching.models import Request

    factories.profile(skills="書道", availability=["wed_am"])
    candidates_for_request(calligraphy)  # builds the index
    req = Request.objects.select_related("organization").get(pk=calligraphy.pk)
    with django_assert_num_queries(3):
        listing = candidates_for_request(req)
    assert len(listing.results) == 1


@pytest.mark.django_db(transaction=True)
def test_the_http_candidates_call_reads_the_database_six_times(api, coordinator, calligraphy):
    """Through the API with a token: the token with its user, django-rest-knox's look at the
    user's other tokens (to drop expired ones), the request, then the three statements of
    ``candidates_for_request``. Nothing else: no filterset, no query per candidate."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.profile(skills="書道", availability=["wed_am"])
    client = api.as_(coordinator)
    url = f"/api/requests/{calligraphy.pk}/candidates/"
    assert client.get(url).status_code == 200  # builds the index
    with CaptureQueriesContext(connection) as captured:
        res = client.get(url)
    assert res.status_code == 200 and len(res.json()["results"]) == 1
    expected = [
        'FROM "accounts_apitoken" INNER JOIN "accounts_user"',
        'FROM "accounts_apitoken" WHERE',
        'FROM "matching_request"',
        "FROM pg_current_snapshot()",
        'FROM "matching_match"',
        'FROM "talent_profile"',
    ]
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) == len(expected)
    for sql, marker in zip(statements, expected, strict=True):
        assert marker in sql
