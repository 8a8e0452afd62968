"""The audit log's one entry point, ``record()``, and its retention.

This app sits at the bottom of the layers, beside ``common``: it imports nothing of the
project's other apps (an actor is anything with ``pk`` and ``username``; a target any model
instance), so every service — accounts included — can call it inside its own transaction.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.models import AuditEntry

# Fields whose values are personal data or free text that may hold it: the log says that
# they changed, not what they said. (The log outlives the data: a withdrawn person's profile
# is anonymised, and the log must not keep what it said.)
PERSONAL_FIELDS = frozenset(
    {
        "display_name",
        "furigana",
        "email",
        "phone",
        "address",
        "experience",
        "bio",
        "external_id",
        "first_name",
        "last_name",
        "username",
        "requester_feedback",
        "volunteer_feedback",
        "note",
        "screening_note",
        "password",
    }
)
REDACTED = "***"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _jsonable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, str):
        # jsonb cannot hold NUL, nor can UTF-8 a lone surrogate (a failed login's username
        # is whatever was typed).
        return _UNSTORABLE.sub("\ufffd", value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)  # dates, decimals, enums


def snapshot(instance: models.Model, fields) -> dict:
    """The values of ``fields`` on ``instance`` now (many-to-many fields as sorted ids)."""
    values = {}
    for name in fields:
        value = getattr(instance, name)
        if hasattr(value, "all") and hasattr(value, "model"):  # a related manager
            value = sorted(value.values_list("pk", flat=True))
        values[name] = _jsonable(value)
    return values


def diff(before: dict, after: dict) -> dict:
    """``{field: [before, after]}`` for the fields that differ; personal ones redacted."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [REDACTED, REDACTED] if name in PERSONAL_FIELDS else [old, new]
    return changes


def created(after: dict) -> dict:
    """``{field: [None, value]}`` for a new record's fields that hold something."""
    return diff({}, {k: v for k, v in after.items() if not _is_empty(v)})


def _is_empty(value) -> bool:
    # An unticked box is as empty as a blank field: a new record lists what it says.
    return value is None or value is False or value in ("", [], {})


def _target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk)
    kind, pk = target  # ("accounts.user", 12)
    return kind, str(pk)


def record(
    *,
    actor,
    action: str,
    target=None,
    changes: dict | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the transaction of the change it describes.

    ``actor``: the user who acted (``SYSTEM`` or ``None`` for commands and anonymous
    callers); ``target``: the model instance concerned, or ``("app.model", pk)``;
    ``changes``: ``{field: [before, after]}`` (see ``diff``); ``detail``: anything else, as
    JSON (numbers, channels, file names — no personal data).
    """
    pk = getattr(actor, "pk", None)
    name = getattr(actor, "username", "") or ""
    target_type, target_id = _target(target)
    return AuditEntry.objects.create(
        actor_id=pk,
        actor_name=name[:150],
        action=action,
        target_type=target_type,
        target_id=target_id,
        changes=_jsonable(changes or {}),
        detail=_jsonable(detail or {}),
    )


def forget_actor(*, user_id: int, replacement: str) -> int:
    """A withdrawn person's login name leaves the log; what they did stays, under
    ``replacement``. Returns how many entries were changed."""
    return AuditEntry.objects.filter(actor_id=user_id).update(actor_name=replacement)


def retention_days() -> int:
    return settings.AUDIT_LOG_RETENTION_DAYS


def purge(*, older_than_days: int | None = None, now=None) -> int:
    """Delete entries older than the retention period; returns how many went."""
    days = retention_days() if older_than_days is None else older_than_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
