"""Matches and requests through matching.services: proposals, the headcount, and what follows
from a move (the moves themselves: tests/pipelines/)."""

import pytest

from common.errors import Conflict, Forbidden
from matching import selectors, services
from matching.models import Match, MatchStatus, Request, RequestStatus
from talent.models import Profile
from tests import factories

S = MatchStatus


@pytest.fixture
def req(school_a):
    return factories.request(school_a, headcount=2)


@pytest.fixture
def profile(volunteer):
    return Profile.objects.get(user=volunteer)


def test_confirming_beyond_the_headcount_is_refused(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    first = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    second = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=first, status="confirmed")
    req.refresh_from_db()
    assert req.status == RequestStatus.FILLED
    with pytest.raises(Conflict) as exc:
        services.match_set_status(actor=coordinator, match=second, status="confirmed")
    assert exc.value.code in ("headcount_full", "request_not_open")
    second.refresh_from_db()
    assert second.status == S.PROPOSED


def test_cancelling_a_confirmed_match_reopens_a_filled_request(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    match = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=match, status="confirmed")
    services.match_set_status(actor=coordinator, match=match, status="cancelled")
    req.refresh_from_db()
    assert req.status == RequestStatus.OPEN


def test_proposing_the_same_person_twice_is_refused(req, profile, coordinator):
    services.match_propose(actor=coordinator, req=req, profile=profile)
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, req=req, profile=profile)


def test_a_declined_person_is_not_proposed_again(req, profile, coordinator):
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.match_set_status(actor=coordinator, match=match, status="declined")
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, req=req, profile=profile)


def test_a_cancelled_proposal_may_be_made_again(req, profile, coordinator):
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.match_set_status(actor=coordinator, match=match, status="cancelled")
    again = services.match_propose(actor=coordinator, req=req, profile=profile)
    assert again.status == S.PROPOSED


@pytest.mark.parametrize("status", ["pending", "draft", "suspended"])
def test_only_published_profiles_can_be_proposed(status, req, coordinator):
    person = factories.profile(status="published")
    Profile.objects.filter(pk=person.pk).update(status=status)
    person.refresh_from_db()
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, req=req, profile=person)


@pytest.mark.parametrize("status", ["draft", "closed", "cancelled"])
def test_only_open_requests_take_proposals(status, school_a, coordinator):
    req = factories.request(school_a, status="draft" if status == "draft" else "open")
    if status != "draft":
        services.request_set_status(actor=coordinator, req=req, status=status)
    with pytest.raises(Conflict):
        services.match_propose(actor=coordinator, req=req, profile=factories.profile())


def test_only_coordinators_propose(req, profile, volunteer, teacher_a):
    for user in (volunteer, teacher_a):
        with pytest.raises(Forbidden):
            services.match_propose(actor=user, req=req, profile=profile)


def test_cancelling_a_request_cancels_its_live_matches(req, profile, coordinator, teacher_a):
    match = services.match_propose(actor=coordinator, req=req, profile=profile)
    services.request_set_status(actor=teacher_a, req=req, status="cancelled")
    match.refresh_from_db()
    assert match.status == S.CANCELLED


def test_headcount_cannot_drop_below_the_confirmed(school_a, coordinator):
    req = factories.request(school_a, headcount=2)
    for _ in range(2):
        m = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
        services.match_set_status(actor=coordinator, match=m, status="confirmed")
    with pytest.raises(Conflict):
        services.request_edit(actor=coordinator, req=req, data={"headcount": 1})


def test_proposal_stamps_the_profile_for_spreading_work(req, profile, coordinator):
    assert profile.last_proposed_at is None
    services.match_propose(actor=coordinator, req=req, profile=profile)
    profile.refresh_from_db()
    assert profile.last_proposed_at is not None


def confirm_new(req, coordinator):
    m = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    return services.match_set_status(actor=coordinator, match=m, status="confirmed")


def test_a_request_is_filled_when_the_headcount_is_reached_and_not_before(school_a, coordinator):
    req = factories.request(school_a, headcount=2)
    confirm_new(req, coordinator)
    req.refresh_from_db()
    assert (req.status, selectors.places_taken(req)) == ("open", 1)
    confirm_new(req, coordinator)
    req.refresh_from_db()
    assert (req.status, selectors.places_taken(req)) == ("filled", 2)


def test_a_completed_match_keeps_its_place_and_closes_the_finished_request(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    match = confirm_new(req, coordinator)
    services.match_set_status(actor=coordinator, match=match, status="completed")
    req.refresh_from_db()
    # every place taken and every one completed: the request closes itself
    assert (req.status, selectors.places_taken(req)) == ("closed", 1)


def test_raising_the_headcount_of_a_filled_request_opens_it_again(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    confirm_new(req, coordinator)
    services.request_edit(actor=coordinator, req=req, data={"headcount": 2})
    req.refresh_from_db()
    assert req.status == "open"


def test_reopening_a_closed_request_whose_places_are_taken_fills_it(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    confirm_new(req, coordinator)
    services.request_set_status(actor=coordinator, req=req, status="closed")
    services.request_set_status(actor=coordinator, req=req, status="open")
    req.refresh_from_db()
    assert req.status == "filled"


def test_cancelling_a_request_leaves_finished_matches_alone(school_a, coordinator, teacher_a):
    req = factories.request(school_a, headcount=3)
    done = confirm_new(req, coordinator)
    services.match_set_status(actor=coordinator, match=done, status="completed")
    said_no = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=said_no, status="declined")
    coming = confirm_new(req, coordinator)
    services.request_set_status(actor=teacher_a, req=req, status="cancelled")
    statuses = {m.pk: m.status for m in Match.objects.filter(request=req)}
    assert statuses == {done.pk: "completed", said_no.pk: "declined", coming.pk: "cancelled"}
    assert coming.events.latest("id").note == "依頼の取り下げ"


def test_live_matches_are_all_but_the_cancelled(school_a, coordinator):
    req = factories.request(school_a, headcount=3)
    kept = {}
    for status in ("proposed", "declined", "confirmed", "cancelled"):
        m = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
        if status != "proposed":
            services.match_set_status(actor=coordinator, match=m, status=status)
        kept[status] = m.pk
    live = set(Match.objects.filter(request=req).live().values_list("pk", flat=True))
    assert live == {kept["proposed"], kept["declined"], kept["confirmed"]}


def test_the_listed_headcount_is_the_same_count(school_a, coordinator):
    req = factories.request(school_a, headcount=3)
    done = confirm_new(req, coordinator)
    services.match_set_status(actor=coordinator, match=done, status="completed")
    confirm_new(req, coordinator)
    cancelled = confirm_new(req, coordinator)
    services.match_set_status(actor=coordinator, match=cancelled, status="cancelled")
    services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    listed = Request.objects.annotate(taken=selectors.places_taken_annotation()).get(pk=req.pk)
    assert listed.taken == selectors.places_taken(req) == 2


def test_proposed_and_accepted_matches_take_no_place(school_a, coordinator):
    req = factories.request(school_a, headcount=1)
    waiting = services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    services.match_set_status(actor=coordinator, match=waiting, status="accepted")
    services.match_propose(actor=coordinator, req=req, profile=factories.profile())
    assert selectors.places_taken(req) == 0
    confirm_new(req, coordinator)
    req.refresh_from_db()
    assert (req.status, selectors.places_taken(req)) == ("filled", 1)
