"""What a request gets when it fails outside a view's own answer (Django's handler400/403/404/
500 and the CSRF failure view): under /api/ the API's one JSON error shape, elsewhere the
Japanese pages in web/templates/."""

from django.shortcuts import render
from django.views import defaults

from api import errors as api_errors


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    if _is_api(request):
        return api_errors.json_bad_request(request, exception)
    return defaults.bad_request(request, exception, template_name="400.html")


def permission_denied(request, exception=None):
    if _is_api(request):
        return api_errors.json_forbidden(request, exception)
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception=None):
    if _is_api(request):
        return api_errors.json_not_found(request, exception)
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    if _is_api(request):
        return api_errors.json_server_error(request)
    return defaults.server_error(request, template_name="500.html")


def csrf_failure(request, reason=""):
    if _is_api(request):
        return api_errors.json_csrf_failure(request, reason)
    return render(
        request,
        "403.html",
        {
            "exception": "画面の有効期限が切れたか、送信を確認できませんでした。ページを開き直してから、もう一度送信してください。"
        },
        status=403,
    )
