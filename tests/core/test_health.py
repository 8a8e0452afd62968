"""GET /healthz, and a database that does not answer: 503 + Retry-After, never a 500."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_200_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture(scope="module")
def answers_without_a_database(tmp_path_factory):
    dead = tmp_path_factory.mktemp("no-postgres-here")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://tsunagu@/tsunagu?host={dead}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 20 + "-dead-database-test-" + "q" * 20,
    }
    out = subprocess.run(
        [sys.executable, "-m", "tests.support.dead_database"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return {row["name"]: row for row in map(json.loads, out.stdout.splitlines())}


def test_healthz_answers_503_json_with_retry_after(answers_without_a_database):
    row = answers_without_a_database["healthz"]
    assert row["status"] == 503
    assert row["retry_after"] == "5"
    body = json.loads(row["body"])
    assert body["status"] == "unavailable"
    assert body["code"] == "database_unavailable"


@pytest.mark.parametrize("name", ["api_list", "api_token"])
def test_the_api_answers_503_in_its_json_shape(answers_without_a_database, name):
    row = answers_without_a_database[name]
    assert row["status"] == 503
    assert row["retry_after"] == "5"
    assert row["content_type"] == "application/json"
    body = json.loads(row["body"])
    assert set(body) == {"detail", "code", "errors"}
    assert body["code"] == "database_unavailable"


@pytest.mark.parametrize("name", ["page_login", "page_with_session"])
def test_the_pages_answer_503_with_a_japanese_page(answers_without_a_database, name):
    row = answers_without_a_database[name]
    assert row["status"] == 503
    assert row["retry_after"] == "5"
    assert "ただいま利用できません" in row["body"]
    assert '<html lang="ja">' in row["body"]
