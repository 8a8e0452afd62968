"""The pages drive the same services as the API: screening, proposing, answering, confirming,
and the requester seeing contact data only after confirmation (each view recorded)."""

import pytest
from django.urls import reverse

from matching.models import Match, MatchEvent
from talent.models import Disclosure, Profile
from tests import factories

pytestmark = pytest.mark.django_db


def test_sending_back_without_a_reason_explains_what_to_write(as_user, coordinator, token):
    profile = factories.profile(status="pending")
    page = as_user(coordinator).post(
        reverse("coordinator_profile", args=[profile.pk]),
        {"to": "draft", "note": "", "once": token()},
    )
    assert page.status_code == 200
    assert "理由を入力してください。" in page.content.decode()
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_screening_sends_back_with_a_reason_the_volunteer_then_sees(
    as_user, coordinator, volunteer, token
):
    profile = Profile.objects.get(user=volunteer)
    client = as_user(coordinator)
    client.post(
        reverse("coordinator_profile", args=[profile.pk]), {"to": "suspended", "once": token()}
    )
    client.post(
        reverse("coordinator_profile", args=[profile.pk]), {"to": "published", "once": token()}
    )
    client.post(
        reverse("coordinator_profile", args=[profile.pk]),
        {"to": "draft", "note": "活動できる地区を選んでください。", "once": token()},
    )
    profile.refresh_from_db()
    assert profile.status == "draft"
    page = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "活動できる地区を選んでください。" in page


def test_screening_publishes_a_pending_registration(as_user, coordinator, token):
    profile = factories.profile(status="pending", display_name="審査 待子")
    client = as_user(coordinator)
    assert "審査 待子" in client.get(reverse("coordinator_screening")).content.decode()
    response = client.post(
        reverse("coordinator_profile", args=[profile.pk]), {"to": "published", "once": token()}
    )
    assert response["Location"] == reverse("coordinator_screening")
    profile.refresh_from_db()
    assert profile.status == "published"


@pytest.fixture
def story(coordinator, volunteer, teacher_a, school_a):
    profile = Profile.objects.get(user=volunteer)
    req = factories.request(school_a, title="読み聞かせの会")
    return {"profile": profile, "request": req}


def _move(client, match, to, once):
    return client.post(reverse("match_move", args=[match.pk]), {"to": to, "once": once})


def test_propose_accept_confirm_and_the_school_sees_the_contact(
    as_user, coordinator, volunteer, teacher_a, story, token
):
    profile, req = story["profile"], story["request"]
    coord = as_user(coordinator)
    coord.post(
        reverse("coordinator_propose", args=[req.pk]), {"profile": profile.pk, "once": token()}
    )
    match = Match.objects.get(request=req, profile=profile)

    school = as_user(teacher_a)
    before = school.get(reverse("requester_request", args=[req.pk])).content.decode()
    assert "090-1111-2222" not in before
    assert "コーディネーターが候補の方と調整しています" in before
    assert not Disclosure.objects.exists()

    vol = as_user(volunteer)
    assert "読み聞かせの会" in vol.get(reverse("volunteer_proposals")).content.decode()
    _move(vol, match, "accepted", token())
    match.refresh_from_db()
    assert match.status == "accepted"

    _move(coord, match, "confirmed", token())
    match.refresh_from_db()
    assert match.status == "confirmed"

    after = school.get(reverse("requester_request", args=[req.pk])).content.decode()
    assert "佐藤 花子" in after
    assert "090-1111-2222" in after and "hanako@example.jp" in after
    view = Disclosure.objects.get()
    assert (view.profile_ids, view.viewer, view.channel) == ([profile.pk], teacher_a, "web")
    assert view.fields == ["email", "phone"]

    assert "読み聞かせの会" in vol.get(reverse("volunteer_activities")).content.decode()


def test_another_school_never_sees_the_contact(as_user, coordinator, teacher_b, story, token):
    profile, req = story["profile"], story["request"]
    coord = as_user(coordinator)
    coord.post(
        reverse("coordinator_propose", args=[req.pk]), {"profile": profile.pk, "once": token()}
    )
    match = Match.objects.get()
    _move(coord, match, "confirmed", token())
    assert as_user(teacher_b).get(reverse("requester_request", args=[req.pk])).status_code == 404
    assert not Disclosure.objects.filter(viewer=teacher_b).exists()


def test_a_double_click_on_confirm_moves_the_match_once(as_user, coordinator, story, token):
    coord = as_user(coordinator)
    once = token()
    coord.post(
        reverse("coordinator_propose", args=[story["request"].pk]),
        {"profile": story["profile"].pk, "once": once},
    )
    coord.post(
        reverse("coordinator_propose", args=[story["request"].pk]),
        {"profile": story["profile"].pk, "once": once},
    )
    match = Match.objects.get()
    click = token()
    first = _move(coord, match, "confirmed", click)
    second = _move(coord, match, "confirmed", click)
    assert first["Location"] == second["Location"]
    assert MatchEvent.objects.filter(match=match, to_status="confirmed").count() == 1
    # The second click says nothing alarming: no "cannot confirm" message after it.
    page = coord.get(second["Location"]).content.decode()
    assert "にはできません" not in page


def test_an_illegal_move_is_explained_not_a_500(as_user, volunteer, story, token):
    from accounts.system import SYSTEM
    from matching.services import match_propose

    match = match_propose(actor=SYSTEM, req=story["request"], profile=story["profile"])
    client = as_user(volunteer)
    _move(client, match, "declined", token())
    response = _move(client, match, "accepted", token())
    page = client.get(response["Location"]).content.decode()
    assert "「辞退」のマッチングを「承諾済み」にはできません。" in page


def test_a_volunteer_may_not_confirm_their_own_match(as_user, volunteer, story, token):
    from accounts.system import SYSTEM
    from matching.services import match_propose

    match = match_propose(actor=SYSTEM, req=story["request"], profile=story["profile"])
    assert _move(as_user(volunteer), match, "confirmed", token()).status_code == 403
    match.refresh_from_db()
    assert match.status == "proposed"


def test_completing_records_the_activity_in_the_volunteers_history(
    as_user, coordinator, volunteer, teacher_a, story, token, clock
):
    from datetime import date

    from accounts.system import SYSTEM
    from matching.services import match_propose, match_set_status

    match = match_propose(actor=SYSTEM, req=story["request"], profile=story["profile"])
    match_set_status(actor=SYSTEM, match=match, status="confirmed")
    clock.pin(date(2026, 12, 10))  # the activity (2026-12-09) has happened
    school = as_user(teacher_a)
    bad = school.post(
        reverse("match_complete", args=[match.pk]),
        {
            "date": "2026-12-09",
            "hours": "0",
            "requester_feedback": "とても好評でした",
            "once": token(),
        },
    )
    assert "0.5時間以上で入力してください" in bad.content.decode()
    assert "とても好評でした" in bad.content.decode()
    school.post(
        reverse("match_complete", args=[match.pk]),
        {
            "date": "2026-12-09",
            "hours": "1.5",
            "requester_feedback": "とても好評でした",
            "once": token(),
        },
    )
    page = as_user(volunteer).get(reverse("volunteer_activities")).content.decode()
    assert "2026年12月9日(水)" in page and "1.5時間" in page and "とても好評でした" in page


def test_the_dashboard_lists_what_needs_attention(as_user, coordinator, story):
    factories.profile(status="pending", display_name="新人 さん")
    page = as_user(coordinator).get(reverse("coordinator_home")).content.decode()
    assert "新人 さん" in page
    assert "読み聞かせの会" in page  # open, nobody proposed yet


def test_talent_search_filters_by_kind(as_user, coordinator, volunteer, other_volunteer):
    factories.profile(kind="it_volunteer", display_name="情報 太郎", skills="スマホ相談")
    page = as_user(coordinator).get(reverse("coordinator_search"), {"kind": "it_volunteer"})
    html = page.content.decode()
    assert "情報 太郎" in html and "佐藤 花子" not in html


def test_a_volunteer_withdraws_an_accepted_proposal_with_a_reason(as_user, volunteer, story, token):
    from accounts.system import SYSTEM
    from matching.services import match_propose, match_set_status

    match = match_propose(actor=SYSTEM, req=story["request"], profile=story["profile"])
    match_set_status(actor=SYSTEM, match=match, status="accepted")
    page = as_user(volunteer).get(reverse("volunteer_proposals")).content.decode()
    assert "引き受けを取り消す…" in page  # behind a <details>: a second, deliberate click
    as_user(volunteer).post(
        reverse("match_move", args=[match.pk]),
        {"to": "cancelled", "note": "家族の用事が入りました。", "once": token()},
    )
    match.refresh_from_db()
    assert match.status == "cancelled"
    assert match.events.last().note == "家族の用事が入りました。"


def test_a_person_found_by_search_is_proposed_from_their_page(as_user, coordinator, story, token):
    profile, req = story["profile"], story["request"]
    client = as_user(coordinator)
    page = client.get(reverse("coordinator_profile", args=[profile.pk])).content.decode()
    assert "読み聞かせの会" in page  # the open request is offered
    data = {"request": req.pk, "once": token()}
    client.post(reverse("coordinator_propose_profile", args=[profile.pk]), data)
    client.post(reverse("coordinator_propose_profile", args=[profile.pk]), data)
    assert Match.objects.filter(request=req, profile=profile, status="proposed").count() == 1
    page = client.get(reverse("coordinator_profile", args=[profile.pk])).content.decode()
    assert 'name="request"' not in page  # nothing left to propose for


def test_a_published_volunteer_sees_open_requests_that_fit(as_user, volunteer, story):
    from accounts.system import SYSTEM
    from talent.services import profile_edit

    # The request is on a Wednesday morning; the matcher only offers what fits the week.
    profile_edit(actor=SYSTEM, profile=story["profile"], data={"availability": ["wed_am"]})
    page = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "あなたに合いそうな募集中の依頼" in page
    assert "読み聞かせの会" in page


def test_a_volunteer_waiting_for_screening_sees_no_fitting_requests(as_user, story):
    user = factories.user("volunteer")
    factories.profile(owner=user, status="pending", skills="読み聞かせ")
    page = as_user(user).get(reverse("volunteer_home")).content.decode()
    assert "あなたに合いそうな募集中の依頼" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "school_support"},
        {"q": "読み聞かせ"},
        {"weekday": "tue", "time_band": "am"},
        {"fee": "free", "status": "published"},
    ],
)
def test_the_talent_search_page_and_the_api_filter_alike(
    params, as_user, api, coordinator, volunteer, other_volunteer
):
    """One FilterSet (talent.filters.ProfileFilter) serves both: same filters, same people."""
    from talent.models import Profile

    Profile.objects.filter(user=volunteer).update(availability=["tue_am"], kind="school_support")
    page = as_user(coordinator).get(reverse("coordinator_search"), params).content.decode()
    listed = api.as_(coordinator).get("/api/profiles/", params).json()["results"]
    names = {p["display_name"] for p in listed}
    assert names  # each case finds someone
    for profile in Profile.objects.all():
        assert (profile.display_name in page) == (profile.display_name in names), profile
