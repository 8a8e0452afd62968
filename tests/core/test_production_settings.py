"""DJANGO_HTTPS=1 turns on what TLS deployments need, `check --deploy` is clean, every page
sends a CSP without inline script, and there is no fixed secret key with DEBUG off."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    return env


def _production_env():
    return _env(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS="1",
    )


def test_check_deploy_reports_no_issues():
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout


def test_without_https_check_deploy_does_warn():
    # The test above would pass vacuously if check --deploy never warned here.
    env = _production_env()
    env.pop("DJANGO_HTTPS")
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "security.W004" in out.stderr + out.stdout  # no HSTS


def test_debug_off_without_a_secret_key_refuses_to_start():
    out = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_env(DJANGO_DEBUG="0", DATABASE_URL=os.environ["DATABASE_URL"]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "DJANGO_SECRET_KEY" in out.stderr


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
plain = Client().get("/about/")
secure = Client().get("/about/", secure=True)
health = Client().get("/healthz")
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location")],
    "hsts": secure.get("Strict-Transport-Security"),
    "health": health.status_code,
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "idle": [settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST],
}))
"""


@pytest.mark.django_db
def test_https_mode_redirects_sends_hsts_and_secures_cookies():
    env = _production_env()
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    from django.db import connection

    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    assert connection.settings_dict  # the probe uses the development database read-only
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["redirect"] == [301, "https://testserver/about/"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["health"] == 200  # load balancers probe over plain HTTP
    assert seen["cookies_secure"] == [True, True]
    assert seen["idle"] == [30 * 60, True]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/login/", "/signup/", "/api/docs/", "/admin/login/"])
def test_every_page_sends_a_csp_without_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp
    # ... and the pages do not need any: every <script> loads a file.
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert "src=" in tag, tag


def test_no_template_has_an_inline_script_or_event_handler():
    for template in (ROOT / "web" / "templates").rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"{template}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert "style=" not in text, template
