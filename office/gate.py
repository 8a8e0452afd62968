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


def profile_gate(viewer):
    """``hidden(profile) -> set of field names`` for ``viewer``, computed once per export."""
    confirmed = confirmed_profile_ids_for(viewer)

    def hidden(profile) -> set[str]:
        return hidden_fields(viewer, profile, confirmed_profile_ids=confirmed)

    return hidden


def record_export(*, actor, detail: dict) -> None:
    """One audit entry per export: which file, which 年度, how many rows."""
    try:
        from audit.services import record
    except ImportError:  # the audit app has not landed in this checkout yet
        log.info("export %s by %s", detail, getattr(actor, "username", actor))
        return
    record(actor=actor, action="export", target=None, detail=detail)
