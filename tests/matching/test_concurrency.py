"""Two coordinators confirm at the same moment, on two real PostgreSQL connections."""

import threading

import pytest
from django.db import connection, connections

from accounts.services import user_create
from common.errors import Conflict
from matching import services
from matching.models import Match, MatchStatus
from tests import factories


def _race(fn, args_list):
    """Run ``fn`` for each args in its own thread (own connection), released together."""
    barrier = threading.Barrier(len(args_list))
    results: list = [None] * len(args_list)

    def run(i, args):
        try:
            barrier.wait()
            results[i] = fn(*args)
        except Exception as exc:  # collected and asserted on below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(args_list)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("headcount", [1, 2])
def test_simultaneous_confirms_never_exceed_the_headcount(headcount):
    school = factories.organization("競争テスト小学校")
    coordinators = [
        user_create(username=f"coord{i}", password="x", role="coordinator", check_password=False)
        for i in range(4)
    ]
    req = factories.request(school, headcount=headcount)
    matches = [
        services.match_propose(actor=coordinators[0], req=req, profile=factories.profile())
        for _ in range(4)
    ]
    assert connection.vendor == "postgresql"

    results = _race(
        lambda coord, match: services.match_set_status(
            actor=coord, match=match, status="confirmed"
        ),
        list(zip(coordinators, matches, strict=True)),
    )

    confirmed = [r for r in results if isinstance(r, Match)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(confirmed) == headcount, results
    assert len(refused) == 4 - headcount, results
    assert Match.objects.filter(request=req, status=MatchStatus.CONFIRMED).count() == headcount
    req.refresh_from_db()
    assert req.status == "filled"
