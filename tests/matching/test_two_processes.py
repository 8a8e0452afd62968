"""Write through one gunicorn worker, rank through the other: no manual re-index step."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from common.database_url import database_url
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    return database_url(connection.settings_dict)


class Server:
    def __init__(self, port: int, token: str):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"Token {self.token}")
        req.add_header("Content-Type", "application/json")
        req.add_header("Connection", "close")
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.headers["X-Served-By"], json.loads(res.read())


@pytest.fixture
def gunicorn(transactional_db):
    coordinator = factories.user("coordinator")
    token = factories.token(coordinator)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.support.served_by_settings",
        "DJANGO_SECRET_KEY": "two-process-test",
        "DJANGO_DEBUG": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    server = Server(port, token)
    try:
        for _ in range(300):  # up to 30 s to boot
            try:
                server.call("GET", "/api/areas/")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stderr.close()


@contextmanager
def paused(pid: str):
    """Stop one worker so that the next connection is accepted by the other one."""
    os.kill(int(pid), signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(int(pid), signal.SIGCONT)


def test_a_write_in_one_worker_is_ranked_by_the_other(gunicorn):
    school = factories.organization("二重小学校")
    req = factories.request(school, title="書道の先生", description="毛筆", dates=[], time_band="")
    factories.profile(skills="英会話", bio="")
    url = f"/api/requests/{req.id}/candidates/?limit=5"

    # Both workers build their index before the write, so each holds a copy made before it.
    first, data = gunicorn.call("GET", url)
    assert data["results"] == []
    with paused(first):
        second, data = gunicorn.call("GET", url)
    assert second != first
    assert data["results"] == []

    writer, created = gunicorn.call(
        "POST",
        "/api/profiles/",
        {"kind": "instructor", "display_name": "書家 二郎", "skills": "書道", "bio": "",
         "status": "published"},
    )  # fmt: skip
    with paused(writer):
        reader, data = gunicorn.call("GET", url)
    assert reader != writer
    assert [c["profile_id"] for c in data["results"]] == [created["id"]]
