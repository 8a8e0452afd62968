"""Double-submit protection for the pages (see web.models.FormSubmission for why a table).

    return once.submit(request, token, lambda: (create_something(...), url), fallback=...)

``submit`` is what the views call; ``run`` is the token bookkeeping underneath.

Domain errors raised by ``action`` roll the token back with everything else, so the person can
fix the form and send the same token again.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

from common.errors import DomainError
from web.access import add_domain_error, message_domain_error
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


def submit(
    request,
    token: str,
    action: Callable[[], tuple[object, str]],
    *,
    fallback: str,
    form=None,
    success: str | Callable[[object], str | None] = "",
    field_map: dict[str, str] | None = None,
):
    """What every page that writes does with one service call: run ``action`` once per
    ``token`` (a second click gets the first click's page) and answer with a redirect; on a
    domain error, put it on ``form`` and return None (the caller re-renders the form), or,
    for one-button forms (``form=None``), show it as a message on the ``fallback`` page.

    ``success``: the message after the first run, or a function of the action's value that
    does what follows the first run (logging in, say) and returns the message.
    """
    try:
        outcome = run(request, token, action)
    except DomainError as exc:
        if form is None:
            message_domain_error(request, exc)
            return redirect(fallback)
        add_domain_error(form, exc, field_map)
        return None
    if not outcome.repeated:
        text = success(outcome.value) if callable(success) else success
        if text:
            messages.success(request, text)
    return redirect(outcome.redirect_to or fallback)
