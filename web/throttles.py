"""Rate limits for the web forms that send mail or create logins (password reset, sign-up),
built on DRF's SimpleRateThrottle (its counters live in the shared database cache).

The rates are in settings.WEB_THROTTLE_RATES; a refused request gets the 429 page with
Retry-After (config.errors.too_many) and changes nothing.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from rest_framework.throttling import SimpleRateThrottle


class _FormThrottle(SimpleRateThrottle):
    scope = ""

    def __init__(self, ident: str):
        self.ident = ident
        self.rate = settings.WEB_THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_cache_key(self, request, view):
        digest = hashlib.sha256(self.ident.encode()).hexdigest()[:32]
        return f"throttle_{self.scope}_{digest}"


class ResetByClient(_FormThrottle):
    scope = "password_reset_client"


class ResetByEmail(_FormThrottle):
    scope = "password_reset_email"


class SignupByClient(_FormThrottle):
    scope = "signup_client"


def client_address(request) -> str:
    # The same address django-axes counts (REMOTE_ADDR unless proxies are configured).
    from accounts.backends import client_address as address

    return address(request)


def first_refusal(request, throttles) -> int | None:
    """Seconds to wait if any throttle refuses, else None (each allowed request is counted)."""
    for throttle in throttles:
        if not throttle.allow_request(request, None):
            return int(throttle.wait() or 1)
    return None


def too_many(request, wait: int, message: str) -> HttpResponse:
    """The 429 page with Retry-After, for a refused form."""
    response = SimpleTemplateResponse("429.html", {"message": message}, status=429)
    response.render()
    response["Retry-After"] = str(max(1, int(wait)))
    return response
