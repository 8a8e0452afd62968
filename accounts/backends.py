"""The lockout check before the password hasher (django-axes)."""

from axes.backends import AxesStandaloneBackend
from rest_framework.throttling import BaseThrottle


def client_address(request) -> str:
    """The client's address as DRF's throttles see it (settings NUM_PROXIES)."""
    return BaseThrottle().get_ident(getattr(request, "_request", request))


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, first in AUTHENTICATION_BACKENDS: a locked-out username or client
    is refused before ModelBackend hashes anything, so hammering a login costs the server a
    database read, not ~0.5 s of PBKDF2.

    A call with no HTTP request (``Client.login`` in tests, a shell) is left to ModelBackend:
    there is no client to count and nobody to lock out.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# The longest username a login can have (accounts.User.username): a longer one matches nobody.
USERNAME_MAX = 150


def lockout_username(request, credentials=None):
    """The username django-axes counts, cut to the longest a login can have: the login form
    does not stop a 1 MiB username before ``authenticate``, and axes stores it in a
    255-character column (a longer one would fail the insert: a 500 instead of a refusal)."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return None if username is None else str(username)[:USERNAME_MAX]
