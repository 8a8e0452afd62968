"""How the pages turn the domain's answers into HTTP: role gates, domain errors, safe redirects.

The rules themselves live in the domain apps; this module only decides what a page does with
their answer (a login redirect, a 403 page, a message next to a field).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Role
from common.errors import DomainError, Forbidden, NotFound

ROLE_HOME = {
    Role.VOLUNTEER: "volunteer_home",
    Role.REQUESTER: "requester_home",
    Role.COORDINATOR: "coordinator_home",
}


def role_required(*roles: str):
    """Anonymous callers go to the login page; a logged-in person of another role gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role not in roles:
                raise PermissionDenied("この画面は、ほかの役割の方のための画面です。")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def login_required(view):
    return role_required(*Role.values)(view)


def raise_http(exc: DomainError) -> None:
    """For errors that are not about what was typed: show the 403 or 404 page."""
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message) from exc
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc


def add_domain_error(form, exc: DomainError, field_map: dict[str, str] | None = None) -> None:
    """Put a service's error on the form: per-field messages next to their fields, the rest
    at the top. Forbidden / NotFound are not form errors and become 403 / 404."""
    raise_http(exc)
    field_map = field_map or {}
    placed = False
    for name, msgs in exc.fields.items():
        target = field_map.get(name, name)
        if target in form.fields:
            for msg in msgs if isinstance(msgs, list | tuple) else [msgs]:
                form.add_error(target, str(msg))
            placed = True
        else:
            for msg in msgs if isinstance(msgs, list | tuple) else [msgs]:
                form.add_error(None, str(msg))
    if not placed or not exc.fields:
        form.add_error(None, exc.message)


def message_domain_error(request, exc: DomainError) -> None:
    """For one-button forms (propose, accept, confirm…): the reason, shown on the next page."""
    raise_http(exc)
    detail = [str(m) for msgs in exc.fields.values() for m in msgs]
    messages.error(request, " ".join([exc.message, *detail]))


def safe_next(request, fallback: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    # A path or URL only: redirect() would take anything without a "/" for a view name (and
    # fail on it), and a control character has no place in an address.
    if "/" not in nxt or any(ch < " " for ch in nxt):
        return fallback
    if url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return fallback


def back(request, fallback: str):
    return redirect(safe_next(request, fallback))
