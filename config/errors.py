"""Answers that do not come from a view: the database is down (503), a login is locked out
(429). JSON in the API's one shape under /api/, a Japanese page elsewhere, with Retry-After.
(config/handlers.py asks ``is_database_down`` before answering 500.)"""

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import SimpleTemplateResponse

from api.errors import body

DB_RETRY_AFTER = 5  # seconds: long enough for a PostgreSQL restart


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _page(template: str, status: int, context: dict | None = None) -> HttpResponse:
    # Rendered without the request context: no session or user lookups, which would need the
    # very database that may be down.
    return HttpResponse(render_to_string(template, context or {}), status=status)


def database_unavailable(request) -> HttpResponse:
    for conn in connections.all(initialized_only=True):
        # A broken connection is closed here, so the next request opens a fresh one.
        conn.close_if_unusable_or_obsolete()
    if _is_api(request):
        response = JsonResponse(
            body(
                "データベースに接続できません。しばらくしてからもう一度お試しください。",
                "database_unavailable",
            ),
            status=503,
        )
    else:
        response = _page("503.html", 503)
    response["Retry-After"] = str(DB_RETRY_AFTER)
    return response


def is_database_down(exc: BaseException | None) -> bool:
    """An OperationalError/InterfaceError means the connection failed (server down, restart,
    dead socket), not a bad query: those are IntegrityError/DataError and stay 4xx/500."""
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DatabaseError) and isinstance(exc.__cause__, OperationalError)
    )


class DatabaseUnavailableMiddleware:
    """A view that finds the database gone answers 503 + Retry-After instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_down(exception):
            return database_unavailable(request)
        return None


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out username or client: 429 + Retry-After."""
    wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, round(wait / 60))
    message = (
        f"ログインの失敗が続いたため、しばらくログインできません。{minutes}分ほどたってから"
        "もう一度お試しください。パスワードを忘れた場合は、再設定の手続きをしてください。"
    )
    if _is_api(request):
        response = JsonResponse(body(message, "locked_out"), status=429)
    else:
        response = SimpleTemplateResponse("429.html", {"message": message}, status=429)
        response.render()
    response["Retry-After"] = str(wait)
    return response
