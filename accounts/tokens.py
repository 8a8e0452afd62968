"""API tokens: issued at login, expiring, revocable one by one or all at once.

The tokens are django-rest-knox tokens (only a digest is stored) in ``accounts.ApiToken``; the
time to live is ``REST_KNOX["TOKEN_TTL"]`` (README: security). Each carries a fingerprint of
the user's credentials from when it was issued, so whatever changes them — a new password by
any path (the reset page, the change page, the admin, ``set_password`` in a shell) or
``log_out_everywhere`` — invalidates every token at once, with no list of places to remember
to call. (The fingerprint does not use SECRET_KEY: rotating the key must not log out every
script.)
"""

import hashlib
from hmac import compare_digest

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User

# Old tokens beyond this many per login are dropped when a new one is issued: a script that
# logs in on every run must not grow the table (and the per-login token scan) without bound.
MAX_TOKENS_PER_USER = 20


def credentials_fingerprint(user: User) -> str:
    """Changes whenever the password hash (new salt on every change) or the generation does."""
    return hashlib.sha256(f"{user.password}|{user.login_generation}".encode()).hexdigest()


def token_matches_user(token: ApiToken) -> bool:
    """False once the password or the login generation changed since the token was issued."""
    return compare_digest(token.fingerprint, credentials_fingerprint(token.user))


@transaction.atomic
def token_issue(*, user: User) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the secret (shown once, never stored)."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issuer per login at a time
    ApiToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    keep = ApiToken.objects.filter(user=user).order_by("-created")[: MAX_TOKENS_PER_USER - 1]
    ApiToken.objects.filter(user=user).exclude(
        pk__in=list(keep.values_list("pk", flat=True))
    ).delete()
    return ApiToken.objects.create(user, fingerprint=credentials_fingerprint(user))


def token_revoke(*, token: ApiToken) -> None:
    """Log out the one client holding this token."""
    token.delete()


@transaction.atomic
def log_out_everywhere(*, user: User) -> None:
    """End every session and every API token of this login."""
    User.objects.filter(pk=user.pk).update(login_generation=user.login_generation + 1)
    user.login_generation += 1
    ApiToken.objects.filter(user=user).delete()
