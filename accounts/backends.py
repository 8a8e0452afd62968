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
