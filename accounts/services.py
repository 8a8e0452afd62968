"""Creating logins. The add_user command, the demo loader and the sign-up page call this;
requesters are created by matching.services.requester_create, which adds their organization."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Role, User
from audit import services as audit
from common.errors import Conflict, InvalidInput


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    first_name: str = "",
    check_password: bool = True,
    terms_accepted: bool = False,
    self_registered: bool = False,
    actor=None,
) -> User:
    """Create a login with a role. A requester also needs its organization: create those with
    matching.services.requester_create (in the same transaction)."""
    if role not in Role.values:
        raise InvalidInput(f"役割は {', '.join(Role.values)} のいずれかです。")
    if User.objects.filter(username=username).exists():
        raise Conflict(f"ユーザー名「{username}」はすでに使われています。")
    user = User(username=username, role=role, email=email)
    user.first_name = first_name
    user.terms_accepted_at = timezone.now() if terms_accepted else None
    user.self_registered = self_registered
    user.is_staff = role == Role.COORDINATOR  # coordinators use the admin for reference data
    try:
        user.full_clean(exclude=["password"])
        if check_password:
            validate_password(password, user)
    except DjangoValidationError as exc:
        fields = getattr(exc, "message_dict", {"password": exc.messages})
        raise InvalidInput("入力内容を確認してください。", fields=fields) from exc
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        action="user.create",
        target=user,
        changes=audit.created({"username": user.username, "role": role, "email": email}),
    )
    if role == Role.COORDINATOR:
        _grant_reference_data_admin(user)
    return user


def _grant_reference_data_admin(user: User) -> None:
    """Coordinators edit the 地区 list and the domain synonym list in the Django admin."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label__in=["talent", "matching"],
        content_type__model__in=["area", "synonymgroup"],
    )
    user.user_permissions.add(*perms)


# ---------------------------------------------------------------- sign-up (README: security)

VERIFY_SALT = "accounts.email-verify"
VERIFY_MAX_AGE = timedelta(days=3)


def password_problems(*, username: str, password: str, email: str = "") -> list[str]:
    """The password rules (settings.AUTH_PASSWORD_VALIDATORS) for a login not yet created."""
    try:
        validate_password(password, User(username=username, email=email))
    except DjangoValidationError as exc:
        return list(exc.messages)
    return []


def volunteer_signup(
    *,
    username: str,
    password: str,
    email: str,
    terms_accepted: bool,
    verify_url: Callable[[str], str],
) -> User | None:
    """A volunteer's own sign-up, answered the same way whether or not the username is taken.

    A free username gets an unverified login and a mail with the confirmation link; a taken one
    gets no login, and the mail to the given address says the name is taken. The caller shows
    the same page either way, and the password is hashed either way (equal time).
    Returns the new login, or None (for the caller's bookkeeping only, never to be shown).
    """
    problems = password_problems(username=username, password=password, email=email)
    if problems:
        raise InvalidInput("入力内容を確認してください。", fields={"password": problems})
    context = {"username": username, "days": VERIFY_MAX_AGE.days}
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=username).exists():
                raise Conflict("taken")
            user = user_create(
                username=username,
                password=password,
                role=Role.VOLUNTEER,
                email=email,
                terms_accepted=terms_accepted,
                self_registered=True,
                check_password=False,  # checked above
            )
    except (Conflict, IntegrityError):
        make_password(password)  # the same work as a real sign-up
        _mail(email, "taken", context)
        return None
    context["link"] = verify_url(signing.dumps({"u": user.pk, "e": email}, salt=VERIFY_SALT))
    _mail(email, "verify", context)
    return user


def email_verify(*, token: str) -> User:
    """Open the confirmation link: the login's e-mail address is verified (once is enough)."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as exc:
        raise InvalidInput(
            "確認用のリンクが正しくないか、期限（3日）が切れています。"
            "ログインして、アカウントの画面から確認メールをもう一度送ってください。"
        ) from exc
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise InvalidInput("確認用のリンクが正しくありません。")
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def email_verification_resend(*, user: User, verify_url: Callable[[str], str]) -> None:
    if user.email_verified_at is not None or not user.email:
        return
    link = verify_url(signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT))
    _mail(
        user.email,
        "verify",
        {"username": user.username, "days": VERIFY_MAX_AGE.days, "link": link},
    )


def _mail(to: str, kind: str, context: dict) -> None:
    subject = render_to_string(f"accounts/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"accounts/mail/{kind}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
