"""Writing outbox rows: who gets a message, by which channel, and its rendered text.

Called by the event handlers inside the transaction of the change. Rendering happens here,
once, from plain-text templates (notifications/templates/notifications/mail/KIND.txt: the
first line is the subject, the rest the body).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Role, User
from notifications.models import Channel, Notification, Preference, Status


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str = ""
    phone: str = ""
    user: User | None = None
    # Staff see their お知らせ page every day; everyone else without e-mail gets a phone call.
    staff: bool = False


def volunteer(profile) -> Recipient:
    user = profile.user
    email = profile.email or (user.email if user else "")
    return Recipient(name=profile.display_name, email=email, phone=profile.phone, user=user)


def coordinators() -> list[Recipient]:
    users = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("id")
    return [Recipient(name=_name(u), email=u.email, user=u, staff=True) for u in users]


def requesters(organization) -> list[Recipient]:
    """The organization's logins; an organization without one is written to at its own
    address (or called at its own number)."""
    users = User.objects.filter(
        role=Role.REQUESTER, membership__organization=organization, is_active=True
    ).order_by("id")
    found = [
        Recipient(name=f"{organization.name} {_name(u)}", email=u.email, user=u) for u in users
    ]
    return found or [
        Recipient(name=organization.name, email=organization.email, phone=organization.phone)
    ]


def invitee(email: str, organization) -> Recipient:
    return Recipient(name=f"{organization.name} ご担当者", email=email)


def _name(user: User) -> str:
    return (user.get_full_name() or user.first_name or user.username).strip()


def site_url(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path


def queue(
    kind: str,
    recipient: Recipient,
    context: dict,
    *,
    link: str = "",
    dedupe_key: str | None = None,
) -> Notification | None:
    """Render ``kind`` for ``recipient`` and write its outbox row. With ``dedupe_key``, a second
    call with the same key writes nothing (and returns None)."""
    if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    text = render_to_string(
        f"notifications/mail/{kind}.txt",
        {**context, "recipient": recipient, "link": site_url(link) if link else ""},
    )
    subject, _, body = text.strip().partition("\n")
    channel, status = _route(recipient)
    return Notification.objects.create(
        kind=kind,
        user=recipient.user,
        to_name=recipient.name,
        to_email=recipient.email,
        to_phone=recipient.phone,
        subject=subject.strip()[:200],
        body=body.strip() + "\n",
        link=link,
        channel=channel,
        status=status,
        next_attempt_at=timezone.now() if status == Status.PENDING else None,
        dedupe_key=dedupe_key,
    )


def _route(recipient: Recipient) -> tuple[str, str]:
    if recipient.user is not None and not email_enabled(recipient.user):
        return Channel.PAGE, Status.SHOWN
    if recipient.email:
        return Channel.EMAIL, Status.PENDING
    if recipient.staff:
        return Channel.PAGE, Status.SHOWN
    return Channel.PHONE, Status.CALL


def email_enabled(user) -> bool:
    pref = Preference.objects.filter(user=user).only("email_enabled").first()
    return pref is None or pref.email_enabled


def inbox_for(user):
    """What the お知らせ page lists: the person's own notifications."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def phone_list():
    """The coordinators' 「電話で連絡」 list: people without e-mail still to be called."""
    return (
        Notification.objects.filter(channel=Channel.PHONE)
        .filter(Q(status=Status.CALL))
        .order_by("created_at", "id")
    )
