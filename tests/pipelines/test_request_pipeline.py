"""Every (from, to) pair of the request pipeline, and who may make it, against a hand-written
table (matching/pipeline.py: REQUEST_PIPELINE)."""

import pytest

from common.errors import Conflict, Forbidden
from common.pipeline import COORDINATOR, REQUESTER
from matching import services
from matching.models import Request
from matching.pipeline import REQUEST_PIPELINE
from tests import factories
from tests.pipelines.grid import cases, read

# C coordinator, R a requester of the request's organization, S the service itself (open ⇄
# filled follows the confirmed matches; filled → closed when they are all completed); - illegal.
MOVES = read(
    """
    from\\to   draft open filled closed cancelled
    draft      -     CR   -      -      CR
    open       CR    -    S      CR     CR
    filled     -     S    -      CRS    CR
    closed     -     CR   -      -      -
    cancelled  -     -    -      -      -
    """
)


def test_the_table_covers_every_status():
    assert set(REQUEST_PIPELINE.labels) == {frm for frm, _ in MOVES}


@pytest.mark.parametrize(("frm", "to"), sorted(MOVES))
def test_each_pair_is_legal_for_exactly_the_written_parties(frm, to):
    assert REQUEST_PIPELINE.who_may(frm, to) == MOVES[(frm, to)]


@pytest.fixture
def people(db, coordinator, teacher_a, teacher_b):
    return {COORDINATOR: coordinator, REQUESTER: teacher_a, "outsider": teacher_b}


@pytest.mark.parametrize(("frm", "to", "party", "expected"), cases(MOVES, (COORDINATOR, REQUESTER)))
def test_each_move_by_each_party_through_the_service(frm, to, party, expected, people, school_a):
    req = factories.request(school_a, headcount=2)
    Request.objects.filter(pk=req.pk).update(status=frm)
    if expected == "ok":
        moved = services.request_set_status(actor=people[party], req=req, status=to)
        assert moved.status == to
        return
    with pytest.raises(Conflict if expected == "conflict" else Forbidden):
        services.request_set_status(actor=people[party], req=req, status=to)
    req.refresh_from_db()
    assert req.status == frm
