"""The matching benchmark runs end to end at a tiny size and leaves no data behind."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from talent.models import Profile


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_prints_every_figure_and_drops_its_database():
    out = StringIO()
    call_command(
        "benchmark_matching", "--profiles", "300", "--queries", "5", "--builds", "1",
        "--sizes", "300", stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    for figure in (
        "tokenization: median",
        "index build from stored terms",
        "ranking (engine, with reasons)",
        "index memory",
        "ranks identically: 5/5",  # the engine's index, saved and opened
        "ranking 5/5 requests identically",  # the service's, opened by a new worker
        "index memory per worker",
        "worker memory after 100 requests",  # measured in worker processes
        "HTTP GET /api/requests/{id}/candidates/",
        "PostgreSQL full text / service ranking at p50",
        "save a profile, then ranked by the next call",
        "dropped",
    ):
        assert figure in text
    assert Profile.objects.count() == 0
    with connection.cursor() as cursor:
        mine = connection.settings_dict["NAME"] + r"\_bench\_%"
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", [mine])
        assert cursor.fetchone()[0] == 0
