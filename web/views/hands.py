"""やってみたい for volunteers: the open requests (their public part only), and a button to
raise a hand or take it back (matching.interest)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Role
from common.errors import DomainError
from matching import interest
from matching import selectors as match_selectors
from matching.models import RequestStatus
from talent.models import Profile
from web.access import message_domain_error, role_required

volunteer_only = role_required(Role.VOLUNTEER)


def _profile(user) -> Profile | None:
    return Profile.objects.filter(user=user).first()


@volunteer_only
def open_requests(request):
    from web.views.volunteer import _fitting

    profile = _profile(request.user)
    suggested = _fitting(request.user, profile, limit=10)[0] or []
    others = (
        match_selectors.requests_visible_to(request.user)
        .filter(status=RequestStatus.OPEN)
        .exclude(pk__in=[r.pk for r in suggested])
        .order_by("-created_at")[:50]
    )
    raised = set(profile.interests.values_list("request_id", flat=True) if profile else [])
    return render(
        request,
        "web/volunteer/requests.html",
        {"suggested": suggested, "others": others, "raised": raised, "profile": profile},
    )


@volunteer_only
def request_detail(request, pk: int):
    req = get_object_or_404(match_selectors.requests_visible_to(request.user), pk=pk)
    profile = _profile(request.user)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                interest.interest_withdraw(actor=request.user, req=req)
                messages.success(request, "「やってみたい」を取り消しました。")
            else:
                interest.interest_raise(actor=request.user, req=req)
                messages.success(
                    request,
                    "「やってみたい」を伝えました。コーディネーターから連絡があるまでお待ちください。",
                )
        except DomainError as exc:
            message_domain_error(request, exc)
        return redirect("volunteer_request", pk=pk)
    return render(
        request,
        "web/volunteer/request_detail.html",
        {
            "req": req,
            "raised": interest.has_raised(profile, req),
            "can_raise": req.status == RequestStatus.OPEN and profile is not None,
        },
    )
