"""Run as a script with DATABASE_URL pointing at a socket where no PostgreSQL listens: sends
a few requests through Django's test client and prints what came back, as JSON lines."""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
client = Client(raise_request_exception=False)
with_session = Client(raise_request_exception=False)
with_session.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

calls = [
    ("healthz", client.get("/healthz")),
    ("api_list", client.get("/api/profiles/", HTTP_AUTHORIZATION="Token abc")),
    (
        "api_token",
        client.post(
            "/api/auth/token/", {"username": "a", "password": "b"}, content_type="application/json"
        ),
    ),
    ("page_login", client.post("/login/", {"username": "a", "password": "b"})),
    ("page_with_session", with_session.get("/me/")),
]
for name, response in calls:
    print(
        json.dumps(
            {
                "name": name,
                "status": response.status_code,
                "retry_after": response.get("Retry-After"),
                "content_type": response.get("Content-Type"),
                "body": response.content.decode(),
            },
            ensure_ascii=False,
        )
    )
