"""Bringing a school, 公民館 or group on board without a shell: coordinators invite a requester
by e-mail (a one-time link) or on paper (a printed code); the person chooses their own login
name and password. One transaction per use case; the invitation mail goes through the outbox
(event ``invitation.created``)."""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.system import as_user
from audit import services as audit
from common import events
from common.errors import Conflict, Forbidden, InvalidInput, NotFound
from matching import policies
from matching.services import requester_create
from onboarding.models import Invitation

VALID_FOR = timedelta(days=14)
# No 0/O, 1/I/L: the code is read off paper and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_code(raw: str) -> str:
    """ＡＢＣＤ－２３４５, abcd 2345 and ABCD-2345 are the same code."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    return "".join(ch for ch in text if ch in CODE_ALPHABET)


@dataclass
class Issued:
    invitation: Invitation
    secret: str  # the link token or the printed code: shown once, never stored


@transaction.atomic
def invitation_create(*, actor, organization, email: str = "", by_code: bool = False) -> Issued:
    """Invite a requester of ``organization``: by e-mail (the link is mailed) or, with
    ``by_code``, a code to print and hand over."""
    if not policies.can_manage_organizations(actor):
        raise Forbidden("招待はコーディネーターが行います。")
    email = (email or "").strip()
    if not by_code:
        try:
            validate_email(email)
        except DjangoValidationError as exc:
            raise InvalidInput(
                "メールアドレスを確認してください。",
                fields={"email": ["メールアドレスの形が正しくありません（例: taro@example.jp）。"]},
            ) from exc
    invitation = Invitation(
        organization=organization,
        email=email,
        created_by=as_user(actor),
        expires_at=timezone.now() + VALID_FOR,
    )
    if by_code:
        secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        invitation.code_hash = _hash(secret)
        invitation.save()
        _audit_invitation(actor, invitation, by="code")
        return Issued(invitation, f"{secret[:4]}-{secret[4:]}")
    secret = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(secret)
    invitation.save()
    _audit_invitation(actor, invitation, by="email")
    events.emit(events.INVITATION_CREATED, invitation=invitation, token=secret)
    return Issued(invitation, secret)


def find_by_token(token: str) -> Invitation:
    found = Invitation.objects.select_related("organization").filter(token_hash=_hash(token))
    invitation = found.first()
    if invitation is None:
        raise NotFound("この招待リンクは見つかりません。", code="invitation_unknown")
    return invitation


def find_by_code(code: str) -> Invitation:
    normalized = normalize_code(code)
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(code_hash=_hash(normalized))
        .first()
        if len(normalized) == CODE_LENGTH
        else None
    )
    if invitation is None:
        raise NotFound(
            "この招待コードは見つかりません。紙に書かれたとおりに入力してください。",
            code="invitation_unknown",
        )
    return invitation


def check_usable(invitation: Invitation) -> None:
    """Raise Conflict (code ``used`` / ``expired``) when the invitation cannot be used."""
    if invitation.used_at is not None:
        raise Conflict(
            "この招待はすでに使われています。ログインできない場合は、生涯学習課に新しい招待をお申し付けください。",
            code="invitation_used",
        )
    if invitation.expires_at <= timezone.now():
        raise Conflict(
            "この招待は有効期限が切れています。生涯学習課に新しい招待をお申し付けください。",
            code="invitation_expired",
        )


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, username: str, password: str, name: str = "", email: str = ""
):
    """Create the requester's login and use the invitation up, in one transaction; a second
    use (two tabs, a forwarded mail) waits for the row lock and is refused."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_usable(invitation)
    user = requester_create(
        username=username.strip(),
        password=password,
        organization=invitation.organization,
        email=invitation.email or email.strip(),
        first_name=name.strip()[:150],
    )
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    audit.record(
        actor=user,
        action="invitation.accept",
        target=invitation.organization,
        detail={"invitation": invitation.pk},
    )
    return user


def _audit_invitation(actor, invitation: Invitation, *, by: str) -> None:
    # The address is personal data: the log says that someone was invited, and how.
    audit.record(
        actor=actor,
        action="invitation.create",
        target=invitation.organization,
        detail={"invitation": invitation.pk, "by": by},
    )
