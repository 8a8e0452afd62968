"""Double-submit protection for the pages (see web.models.FormSubmission for why a table).

    result = once.run(request, token, lambda: create_something(...))
    if result.repeated: redirect to result.redirect_to (the first submit's outcome)

Domain errors raised by ``action`` roll the token back with everything else, so the person can
fix the form and send the same token again.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from web.models import FormSubmission

FIELD = "once"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP_FOR = timedelta(days=2)


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_valid(token: str | None) -> bool:
    return bool(token) and bool(TOKEN_RE.match(token))


@dataclass
class Outcome:
    repeated: bool
    redirect_to: str = ""
    value: object = None


def run(request, token: str, action: Callable[[], tuple[object, str]]) -> Outcome:
    """Run ``action`` once per token. ``action`` returns (value, url to show afterwards)."""
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                # Blocks while another transaction holds the same token uncommitted.
                claim = FormSubmission.objects.create(token=token, user=user)
        except IntegrityError:
            return _previous(token, user)
        value, url = action()
        claim.redirect_to = url
        claim.save(update_fields=["redirect_to"])
    _forget_old()
    return Outcome(repeated=False, redirect_to=url, value=value)


def _previous(token: str, user) -> Outcome:
    row = FormSubmission.objects.filter(token=token).first()
    if row is None or row.user_id != (user.pk if user else None):
        return Outcome(repeated=True, redirect_to="")
    return Outcome(repeated=True, redirect_to=row.redirect_to)


def _forget_old() -> None:
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
