"""The seams to the privacy gate and the audit log, in one place.

Every export reads profile fields through ``hidden_profile_fields`` and records itself through
``record_export``; when those rules move (talent/privacy.py, the audit app) only this module
changes.
"""

from __future__ import annotations

import logging

from talent.policies import hidden_fields
from talent.selectors import confirmed_profile_ids_for

log = logging.getLogger(__name__)


def shown_profile_fields(viewer, profiles, fields) -> list[tuple[object, frozenset[str]]]:
    """Each profile with the ``fields`` (of those asked) that ``viewer`` may receive."""
    confirmed = confirmed_profile_ids_for(viewer)
    wanted = frozenset(fields)
    return [
        (p, wanted - hidden_fields(viewer, p, confirmed_profile_ids=confirmed)) for p in profiles
    ]


def record_export(*, actor, detail: dict) -> None:
    """One audit entry per export: which file, which 年度, how many rows."""
    try:
        from audit.services import record
    except ImportError:  # the audit app has not landed in this checkout yet
        log.info("export %s by %s", detail, getattr(actor, "username", actor))
        return
    record(actor=actor, action="export", target=None, detail=detail)
