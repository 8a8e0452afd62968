"""Every (from, to) pair of the match pipeline, and who may make it, against a hand-written
table: adding or dropping a move, or a party of a move, in matching/pipeline.py fails here."""

import pytest

from common.errors import Conflict, Forbidden
from common.pipeline import COORDINATOR, REQUESTER, SYSTEM, VOLUNTEER
from matching import services
from matching.models import Match, MatchEvent
from matching.pipeline import MATCH_PIPELINE
from talent.models import Profile
from tests import factories
from tests.pipelines.grid import cases, read

# C coordinator, V the match's volunteer, R a requester of the request's organization,
# S the service itself (cancelling a request cancels its matches); - illegal.
MOVES = read(
    """
    from\\to   proposed accepted declined confirmed completed cancelled
    proposed   -        CV       CV       C         -         CRS
    accepted   -        -        -        C         -         CRVS
    declined   -        -        -        -         -         -
    confirmed  -        -        -        -         CR        CRVS
    completed  -        -        -        -         -         -
    cancelled  -        -        -        -         -         -
    """
)


def test_the_table_covers_every_status():
    assert set(MATCH_PIPELINE.labels) == {frm for frm, _ in MOVES}


@pytest.mark.parametrize(("frm", "to"), sorted(MOVES))
def test_each_pair_is_legal_for_exactly_the_written_parties(frm, to):
    assert MATCH_PIPELINE.who_may(frm, to) == MOVES[(frm, to)]


@pytest.fixture
def people(db, school_a, coordinator, volunteer, teacher_a, teacher_b):
    return {
        COORDINATOR: coordinator,
        VOLUNTEER: volunteer,
        REQUESTER: teacher_a,
        "outsider": teacher_b,
    }


@pytest.mark.parametrize(
    ("frm", "to", "party", "expected"), cases(MOVES, (COORDINATOR, VOLUNTEER, REQUESTER))
)
def test_each_move_by_each_party_through_the_service(frm, to, party, expected, people, school_a):
    req = factories.request(school_a, headcount=2)
    profile = Profile.objects.get(user=people[VOLUNTEER])
    match = services.match_propose(actor=people[COORDINATOR], req=req, profile=profile)
    Match.objects.filter(pk=match.pk).update(status=frm)
    events = MatchEvent.objects.count()
    if expected == "ok":
        moved = services.match_set_status(actor=people[party], match=match, status=to)
        assert moved.status == to
        last = MatchEvent.objects.latest("id")
        assert (last.from_status, last.to_status, last.actor) == (frm, to, people[party])
        return
    with pytest.raises(Conflict if expected == "conflict" else Forbidden):
        services.match_set_status(actor=people[party], match=match, status=to)
    match.refresh_from_db()
    assert match.status == frm
    assert MatchEvent.objects.count() == events


def test_the_service_cancels_as_system_only_what_the_table_allows():
    assert {frm for (frm, to), who in MOVES.items() if SYSTEM in who} == {
        "proposed",
        "accepted",
        "confirmed",
    }
