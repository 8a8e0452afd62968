"""The seams to the privacy gate and the audit log, in one place.

Every export reads profile fields through ``shown_profile_fields`` and records itself through
``record_export``; when those rules move (talent/privacy.py, the audit app) only this module
changes.
"""

from __future__ import annotations

import logging

from talent.privacy import profile_views

log = logging.getLogger(__name__)


def shown_profile_fields(viewer, profiles, fields) -> list[tuple[object, frozenset[str]]]:
    """Each profile with the ``fields`` (of those asked) that ``viewer`` may receive, as the
    privacy gate (talent.privacy) answers for an export; it records the contact data shown."""
    views = profile_views(viewer, profiles, channel="export", fields=fields)
    return [(view.profile, view.fields) for view in views]


def record_export(*, actor, detail: dict) -> None:
    """One audit entry per export: which file, which 年度, how many rows."""
    try:
        from audit.services import record
    except ImportError:  # the audit app has not landed in this checkout yet
        log.info("export %s by %s", detail, getattr(actor, "username", actor))
        return
    record(actor=actor, action="export", target=None, detail=detail)
