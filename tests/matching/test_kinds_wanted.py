"""Which kinds could help a request: several or any, a preference unless the requester insists;
the first round's single ``kind_wanted`` still works in the API."""

import pytest

from tests import factories


def post(api, user, org, **extra):
    body = {"organization": org.id, "title": "スマホ講座", "description": "使い方を教えて", **extra}
    res = api.as_(user).post("/api/requests/", body, format="json")
    assert res.status_code == 201, res.content
    return res.json()


@pytest.mark.django_db
def test_the_old_single_kind_becomes_the_one_wanted_kind(api, teacher_a, school_a):
    data = post(api, teacher_a, school_a, kind_wanted="it_volunteer")
    assert data["kinds_wanted"] == ["it_volunteer"]
    assert data["kind_wanted"] == "it_volunteer"
    assert data["kinds_strict"] is False


@pytest.mark.django_db
def test_several_kinds_leave_the_single_kind_blank(api, teacher_a, school_a):
    data = post(api, teacher_a, school_a, kinds_wanted=["instructor", "it_volunteer"])
    assert data["kinds_wanted"] == ["instructor", "it_volunteer"]
    assert data["kind_wanted"] == ""


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_and_nothing_is_written(api, teacher_a, school_a):
    from matching.models import Request

    res = api.as_(teacher_a).post(
        "/api/requests/",
        {"organization": school_a.id, "title": "x", "description": "y", "kinds_wanted": ["wizard"]},
        format="json",
    )
    assert res.status_code == 400
    assert "kinds_wanted" in res.json()["errors"]
    assert not Request.objects.exists()


@pytest.mark.django_db
def test_kind_is_a_preference_unless_the_requester_insists(api, coordinator, teacher_a, school_a):
    it = factories.profile(kind="it_volunteer", skills="スマホ講座の手伝い", availability=[])
    lecturer = factories.profile(kind="instructor", skills="スマホ講座", availability=[])
    loose = post(api, teacher_a, school_a, kinds_wanted=["instructor"])
    strict = post(api, teacher_a, school_a, kinds_wanted=["instructor"], kinds_strict=True)

    def ids(req):
        res = api.as_(coordinator).get(f"/api/requests/{req['id']}/candidates/")
        return [r["profile_id"] for r in res.json()["results"]], res.json()["filtered"]["kind"]

    assert ids(loose) == ([lecturer.id, it.id], 0)
    assert ids(strict) == ([lecturer.id], 1)
