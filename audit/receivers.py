"""Logins, logouts and failed logins, from Django's auth signals (connected in apps.ready)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.services import record


def _context(request) -> dict:
    if request is None:
        return {"channel": "other"}
    path = getattr(request, "path", "") or ""
    channel = (
        "admin" if path.startswith("/admin/") else "api" if path.startswith("/api/") else "web"
    )
    return {"channel": channel, "ip": request.META.get("REMOTE_ADDR", "")}


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(actor=user, action="login", target=user, detail=_context(request))


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action="logout", target=user, detail=_context(request))


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(actor=None, action="login_failed", detail={"username": username, **_context(request)})
