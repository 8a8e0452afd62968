"""やってみたい: a volunteer raises a hand for an open request, or takes it back; coordinators
see the raised hands on the request's page and propose from there (match_propose)."""

from django.db import IntegrityError, transaction

from audit import services as audit
from common import events
from common.errors import Conflict, Forbidden
from matching.models import Interest, Request, RequestStatus
from talent.models import Profile, ProfileStatus


def _own_published_profile(actor) -> Profile:
    profile = Profile.objects.filter(user_id=getattr(actor, "pk", None)).first()
    if not actor.is_authenticated or profile is None:
        raise Forbidden("「やってみたい」は、登録したボランティアご本人が押せます。")
    if profile.status != ProfileStatus.PUBLISHED:
        raise Conflict(
            "登録が公開されてから「やってみたい」を押せます。", code="profile_not_published"
        )
    return profile


@transaction.atomic
def interest_raise(*, actor, req: Request) -> Interest:
    profile = _own_published_profile(actor)
    req = Request.objects.select_for_update().get(pk=req.pk)
    if req.status != RequestStatus.OPEN:
        raise Conflict("この依頼は募集を終えています。", code="request_not_open")
    if Interest.objects.filter(request=req, profile=profile).exists():
        raise Conflict("この依頼にはすでに「やってみたい」を伝えています。", code="duplicate")
    try:
        with transaction.atomic():
            interest = Interest.objects.create(request=req, profile=profile)
    except IntegrityError as exc:  # the same hand raised twice at once
        raise Conflict(
            "この依頼にはすでに「やってみたい」を伝えています。", code="duplicate"
        ) from exc
    events.emit(events.INTEREST_RAISED, interest=interest)
    audit.record(actor=actor, action="interest.raise", target=req, detail={"profile": profile.pk})
    return interest


@transaction.atomic
def interest_withdraw(*, actor, req: Request) -> None:
    profile = Profile.objects.filter(user_id=getattr(actor, "pk", None)).first()
    if profile is None:
        raise Forbidden("「やってみたい」を取り消せるのは、ご本人です。")
    deleted, _ = Interest.objects.filter(request=req, profile=profile).delete()
    if not deleted:
        raise Conflict("この依頼には「やってみたい」を伝えていません。", code="not_raised")
    audit.record(
        actor=actor, action="interest.withdraw", target=req, detail={"profile": profile.pk}
    )


def has_raised(profile: Profile | None, req: Request) -> bool:
    return profile is not None and Interest.objects.filter(request=req, profile=profile).exists()


def hands_for(req: Request):
    """Who raised a hand for ``req`` (coordinators' view), oldest first."""
    return (
        Interest.objects.filter(request=req)
        .select_related("profile")
        .prefetch_related("profile__areas")
        .order_by("created_at", "id")
    )
