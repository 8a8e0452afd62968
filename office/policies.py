"""Who may see the office's reports, exports and certificates. Each rule once, here."""

from accounts.roles import is_coordinator


def can_view_reports(user) -> bool:
    """年度 reports and every export are for coordinators (city staff) only."""
    return is_coordinator(user)


def can_get_certificate(user, profile) -> bool:
    """A 活動実績証明書: the volunteer for themself, and coordinators for anyone."""
    if is_coordinator(user):
        return True
    return bool(user.is_authenticated and profile.user_id and profile.user_id == user.id)
