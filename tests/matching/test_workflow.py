"""Every move of the match state machine, legal and illegal, by every party."""

import pytest

from common.errors import Conflict, Forbidden
from matching import services, workflow
from matching.models import MatchEvent, MatchStatus, RequestStatus
from talent.models import Profile
from tests import factories

S = MatchStatus
ALL = [s.value for s in MatchStatus]


@pytest.fixture
def req(school_a):
    return factories.request(school_a, headcount=2)


@pytest.fixture
def profile(volunteer):
    return Profile.objects.get(user=volunteer)


def put_in(status, *, req, profile, coordinator):
    """A match brought to ``status`` through legal moves only."""
    match = services.match_propose(actor=coordinator, request=req, profile=profile)
    path = {
        S.PROPOSED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.DECLINED: [S.DECLINED],
        S.CONFIRMED: [S.CONFIRMED],
        S.COMPLETED: [S.CONFIRMED, S.COMPLETED],
        S.CANCELLED: [S.CANCELLED],
    }[status]
    for step in path:
        match = workflow.transition(match=match, to=step, actor=coordinator)
    return match


def party_user(party, *, coordinator, volunteer, teacher_a):
    return {"coordinator": coordinator, "volunteer": volunteer, "requester": teacher_a}[party]


LEGAL = [(frm, to, party) for (frm, to), who in workflow.TRANSITIONS.items() for party in who]


@pytest.mark.parametrize(("frm", "to", "party"), LEGAL)
def test_it_allows_each_legal_move_to_its_parties(
    frm, to, party, req, profile, coordinator, volunteer, teacher_a
):
    match = put_in(frm, req=req, profile=profile, coordinator=coordinator)
    actor = party_user(party, coordinator=coordinator, volunteer=volunteer, teacher_a=teacher_a)
    moved = workflow.transition(match=match, to=to, actor=actor)
    assert moved.status == to
    event = MatchEvent.objects.filter(match=match).last()
    assert (event.from_status, event.to_status, event.actor) == (frm, to, actor)


ILLEGAL = [(frm, to) for frm in ALL for to in ALL if (frm, to) not in workflow.TRANSITIONS]


@pytest.mark.parametrize(("frm", "to"), ILLEGAL)
def test_it_refuses_each_illegal_move_with_a_message(frm, to, req, profile, coordinator):
    match = put_in(frm, req=req, profile=profile, coordinator=coordinator)
    with pytest.raises(Conflict) as exc:
        workflow.transition(match=match, to=to, actor=coordinator)
    assert "にはできません" in exc.value.message
    match.refresh_from_db()
    assert match.status == frm


WRONG_PARTY = [
    (frm, to, party)
    for (frm, to), who in workflow.TRANSITIONS.items()
    for party in ("coordinator", "volunteer", "requester")
    if party not in who
]


@pytest.mark.parametrize(("frm", "to", "party"), WRONG_PARTY)
def test_it_refuses_a_legal_move_by_the_wrong_party(
    frm, to, party, req, profile, coordinator, volunteer, teacher_a
):
    match = put_in(frm, req=req, profile=profile, coordinator=coordinator)
    actor = party_user(party, coordinator=coordinator, volunteer=volunteer, teacher_a=teacher_a)
    with pytest.raises(Forbidden):
        workflow.transition(match=match, to=to, actor=actor)


@pytest.mark.parametrize("outsider", ["other_volunteer", "teacher_b"])
def test_it_refuses_outsiders_every_move(outsider, req, profile, coordinator, request):
    user = request.getfixturevalue(outsider)
    match = put_in(S.PROPOSED, req=req, profile=profile, coordinator=coordinator)
    for to in (S.ACCEPTED, S.DECLINED, S.CANCELLED, S.CONFIRMED):
        with pytest.raises(Forbidden):
            workflow.transition(match=match, to=to, actor=user)


def test_confirming_beyond_the_headcount_is_refused(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    first = services.match_propose(actor=coordinator, request=req, profile=factories.profile())
    second = services.match_propose(actor=coordinator, request=req, profile=factories.profile())
    services.match_confirm(actor=coordinator, match=first)
    req.refresh_from_db()
    assert req.status == RequestStatus.FILLED
    with pytest.raises(Conflict) as exc:
        services.match_confirm(actor=coordinator, match=second)
    assert exc.value.code in ("headcount_full", "request_not_open")
    second.refresh_from_db()
    assert second.status == S.PROPOSED


def test_cancelling_a_confirmed_match_reopens_a_filled_request(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    match = services.match_propose(actor=coordinator, request=req, profile=factories.profile())
    services.match_confirm(actor=coordinator, match=match)
    services.match_cancel(actor=coordinator, match=match)
    req.refresh_from_db()
    assert req.status == RequestStatus.OPEN


def test_proposing_the_same_person_twice_is_refused(req, profile, coordinator):
    services.match_propose(actor=coordinator, request=req, profile=profile)
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, request=req, profile=profile)


def test_a_declined_person_is_not_proposed_again(req, profile, coordinator):
    match = services.match_propose(actor=coordinator, request=req, profile=profile)
    services.match_decline(actor=coordinator, match=match)
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, request=req, profile=profile)


def test_a_cancelled_proposal_may_be_made_again(req, profile, coordinator):
    match = services.match_propose(actor=coordinator, request=req, profile=profile)
    services.match_cancel(actor=coordinator, match=match)
    again = services.match_propose(actor=coordinator, request=req, profile=profile)
    assert again.status == S.PROPOSED


@pytest.mark.parametrize("status", ["pending", "draft", "suspended"])
def test_only_published_profiles_can_be_proposed(status, req, coordinator):
    person = factories.profile(status="published")
    Profile.objects.filter(pk=person.pk).update(status=status)
    person.refresh_from_db()
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, request=req, profile=person)


@pytest.mark.parametrize("status", ["draft", "closed", "cancelled"])
def test_only_open_requests_take_proposals(status, school_a, coordinator):
    req = factories.request(school_a, status="draft" if status == "draft" else "open")
    if status != "draft":
        services.request_set_status(actor=coordinator, request=req, status=status)
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, request=req, profile=factories.profile())


def test_only_coordinators_propose(req, profile, volunteer, teacher_a):
    for user in (volunteer, teacher_a):
        with pytest.raises(Forbidden):
            services.match_propose(actor=user, request=req, profile=profile)


def test_cancelling_a_request_cancels_its_live_matches(req, profile, coordinator, teacher_a):
    match = services.match_propose(actor=coordinator, request=req, profile=profile)
    services.request_set_status(actor=teacher_a, request=req, status="cancelled")
    match.refresh_from_db()
    assert match.status == S.CANCELLED


def test_headcount_cannot_drop_below_the_confirmed(school_a, coordinator):
    req = factories.request(school_a, headcount=2)
    for _ in range(2):
        m = services.match_propose(actor=coordinator, request=req, profile=factories.profile())
        services.match_confirm(actor=coordinator, match=m)
    with pytest.raises(Conflict):
        services.request_update(actor=coordinator, request=req, data={"headcount": 1})


def test_proposal_stamps_the_profile_for_spreading_work(req, profile, coordinator):
    assert profile.last_proposed_at is None
    services.match_propose(actor=coordinator, request=req, profile=profile)
    profile.refresh_from_db()
    assert profile.last_proposed_at is not None
