"""The double-submit guard holds for two requests in flight at the same moment, each on its
own database connection (what a double click on a slow line produces)."""

import threading
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from talent.models import Area
from web import once


@pytest.mark.django_db(transaction=True)
def test_two_submits_in_flight_with_one_token_write_one_record():
    token = once.new_token()
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def submit(n: int) -> None:
        try:
            barrier.wait()

            def create():
                area = Area.objects.create(name=f"二重送信地区{n}")
                time.sleep(0.3)  # hold the transaction open while the other one arrives
                return area, f"/done/{n}/"

            outcomes.append(once.run(SimpleNamespace(user=AnonymousUser()), token, create))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Area.objects.filter(name__startswith="二重送信地区").count() == 1
    first = next(o for o in outcomes if not o.repeated)
    second = next(o for o in outcomes if o.repeated)
    assert second.redirect_to == first.redirect_to


@pytest.mark.django_db
def test_a_failed_submit_leaves_the_token_usable_again():
    from common.errors import InvalidInput

    token = once.new_token()
    request = SimpleNamespace(user=AnonymousUser())

    def fail():
        raise InvalidInput("だめです")

    with pytest.raises(InvalidInput):
        once.run(request, token, fail)
    outcome = once.run(request, token, lambda: (None, "/ok/"))
    assert not outcome.repeated and outcome.redirect_to == "/ok/"


def test_only_well_formed_tokens_are_accepted():
    assert once.is_valid(once.new_token())
    assert not once.is_valid("")
    assert not once.is_valid("short")
    assert not once.is_valid("x" * 16 + "'; DROP TABLE")
