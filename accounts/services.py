"""Creating logins. The add_user command, the demo loader and the sign-up page call this;
requesters are created by matching.services.requester_create, which adds their organization."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
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
