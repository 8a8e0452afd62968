"""Restore an older backup under a running gunicorn: the next candidates call ranks what the
restored database holds (the matcher's per-process index notices the replaced database and
rebuilds), in both workers. Uses scripts/backup and scripts/restore on a scratch database."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection, connections

from tests.matching.test_two_processes import ROOT, _database_url, _free_port, paused

pytestmark = pytest.mark.slow


def _maintenance(settings_dict):
    return psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host") or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    )


@contextmanager
def scratch_database():
    """A copy of the (empty, migrated) test database, dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    template = settings_dict["NAME"]
    assert template.startswith("test_")  # never a copy of a real database
    name = f"{template}_restore"
    url = urllib.parse.urlsplit(_database_url())._replace(path=f"/{name}").geturl()
    connections.close_all()  # CREATE DATABASE ... TEMPLATE needs the template unused
    with _maintenance(settings_dict) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield url
    finally:
        with _maintenance(settings_dict) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP DATABASE IF EXISTS "{name}_restoring" WITH (FORCE)')


class Server:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.token = None

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if self.token:
            req.add_header("Authorization", f"Token {self.token}")
        req.add_header("Content-Type", "application/json")
        req.add_header("Connection", "close")
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.headers["X-Served-By"], json.loads(res.read())


def _run(env, *command):
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    return out


@pytest.fixture
def served_scratch(transactional_db):
    with scratch_database() as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tests.support.served_by_settings",
            "DJANGO_SECRET_KEY": "restore-test-" + "x" * 40,
            "DJANGO_DEBUG": "0",
        }
        manage_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
        _run(manage_env, sys.executable, "manage.py", "add_user", "coord", "--role",
             "coordinator", "--password", "restore-test-2026")  # fmt: skip
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        server = Server(port)
        try:
            for _ in range(600):  # up to 60 s to boot
                try:
                    server.call("GET", "/healthz")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if proc.poll() is not None:
                        pytest.fail(proc.stderr.read().decode())
                    time.sleep(0.1)
            _, body = server.call(
                "POST", "/api/auth/token/", {"username": "coord", "password": "restore-test-2026"}
            )
            server.token = body["token"]
            yield server, manage_env
        finally:
            proc.terminate()
            proc.wait(20)
            proc.stderr.close()


def _profile(server, name, skills):
    _, body = server.call(
        "POST",
        "/api/profiles/",
        {"kind": "instructor", "display_name": name, "skills": skills, "bio": "",
         "status": "published"},
    )  # fmt: skip
    return body["id"]


def _candidates_in_both_workers(server, url):
    """The candidate ids as each of the two workers ranks them."""
    first, data = server.call("GET", url)
    with paused(first):
        second, other = server.call("GET", url)
    assert second != first
    return [
        sorted(c["profile_id"] for c in data["results"]),
        sorted(c["profile_id"] for c in other["results"]),
    ]


def test_a_restored_older_backup_is_what_the_next_call_ranks(served_scratch, tmp_path):
    server, env = served_scratch
    _, org = server.call("POST", "/api/organizations/", {"name": "復元小学校", "kind": "school"})
    _, req = server.call(
        "POST",
        "/api/requests/",
        {"organization": org["id"], "title": "書道の先生", "description": "毛筆の授業"},
    )
    url = f"/api/requests/{req['id']}/candidates/?limit=10"
    before = [_profile(server, "書家 一郎", "書道"), _profile(server, "書家 二郎", "書道と硬筆")]
    assert _candidates_in_both_workers(server, url) == [sorted(before)] * 2

    dump = tmp_path / "older.dump"
    _run(env, str(ROOT / "scripts" / "backup"), str(dump))
    assert dump.stat().st_size > 0

    # After the backup: one more person, and one person's skills rewritten.
    later = _profile(server, "書家 三郎", "書道の師範")
    server.call("PATCH", f"/api/profiles/{before[1]}/", {"skills": "英会話"})
    assert _candidates_in_both_workers(server, url) == [sorted([before[0], later])] * 2

    _run(env, str(ROOT / "scripts" / "restore"), str(dump))

    # Both workers held an index made after the backup; both now rank the restored data: the
    # rewritten person is back as a calligrapher (the restored rows keep their old stamps, so
    # only a rebuild finds them), the later one is gone.
    assert _candidates_in_both_workers(server, url) == [sorted(before)] * 2
    with pytest.raises(urllib.error.HTTPError) as gone:
        server.call("GET", f"/api/profiles/{later}/")
    assert gone.value.code == 404
    gone.value.close()  # the error holds the response's socket
    # ... and keep following new writes after the rebuild.
    newest = _profile(server, "書家 四郎", "書道")
    assert _candidates_in_both_workers(server, url) == [sorted([*before, newest])] * 2
