"""The one JSON error shape of the API, produced here and nowhere else:

{"detail": "what went wrong, in Japanese", "code": "machine_code", "errors": {"field": ["..."]}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response

from common.errors import DomainError

MESSAGES = {
    exceptions.NotAuthenticated: (
        "ログインが必要です。トークンを送ってください。",
        "not_authenticated",
    ),
    exceptions.AuthenticationFailed: ("認証に失敗しました。", "authentication_failed"),
    exceptions.PermissionDenied: ("この操作を行う権限がありません。", "forbidden"),
    exceptions.NotFound: ("見つかりません。", "not_found"),
    exceptions.MethodNotAllowed: ("この操作には対応していません。", "method_not_allowed"),
    exceptions.NotAcceptable: ("その形式では返せません。", "not_acceptable"),
    exceptions.UnsupportedMediaType: ("JSON で送ってください。", "unsupported_media_type"),
    exceptions.ParseError: (
        "送られた内容を読み取れません（JSON の形式を確認してください）。",
        "parse_error",
    ),
    exceptions.Throttled: ("リクエストが多すぎます。しばらくしてから試してください。", "throttled"),
}


CSRF_MESSAGE = "CSRF の確認に失敗しました。トークン認証を使うか、ページを開き直してください。"


def body(message: str, code: str, errors: dict | None = None) -> dict:
    return {"detail": message, "code": code, "errors": errors or {}}


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return {str(k): _as_list(v) for k, v in detail.items()}
    return {"non_field_errors": _as_list(detail)}


def _as_list(value) -> list:
    if isinstance(value, list):
        out = []
        for item in value:
            out.extend(_as_list(item) if isinstance(item, list | dict) else [str(item)])
        return out
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _as_list(v)]
    return [str(value)]


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(body(exc.message, exc.code, exc.fields), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        # DRF's SessionAuthentication found no valid CSRF token (its message is English).
        return Response(body(CSRF_MESSAGE, "csrf_failed"), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            body("入力内容を確認してください。", "invalid", _flatten(exc.detail)),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, exceptions.APIException):
        message, code = MESSAGES.get(type(exc), (str(exc.detail), exc.default_code))
        if isinstance(exc, exceptions.PermissionDenied | exceptions.NotFound) and isinstance(
            exc.detail, str
        ):
            default = exc.default_detail
            message = message if str(exc.detail) == str(default) else str(exc.detail)
        response = Response(body(message, code), status=exc.status_code)
        if getattr(exc, "auth_header", None):
            response["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            response["Retry-After"] = str(int(exc.wait))
        return response
    return None


@csrf_exempt
def json_not_found(request, exception=None):
    """404 for URLs outside any view: JSON under /api/, so clients always get the one shape.
    (CSRF-exempt: a POST to an unknown /api/ address is a 404, not a CSRF 403.)"""
    return JsonResponse(body("見つかりません。", "not_found"), status=404)


# The answers for failures outside DRF's own handling (config/handlers.py picks these under
# /api/): a body Django refused before the view, CSRF, and any exception nobody caught.


def json_bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse(body("送られた内容が大きすぎます。", "too_large"), status=400)
    return JsonResponse(body("リクエストを読み取れません。", "bad_request"), status=400)


def json_forbidden(request, exception=None):
    return JsonResponse(body("この操作を行う権限がありません。", "forbidden"), status=403)


def json_csrf_failure(request, reason=""):
    return JsonResponse(body(CSRF_MESSAGE, "csrf_failed"), status=403)


def json_server_error(request):
    return JsonResponse(
        body("サーバーで問題が起きました。時間をおいてもう一度試してください。", "server_error"),
        status=500,
    )
