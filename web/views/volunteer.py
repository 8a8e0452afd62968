"""Pages for volunteers and instructors: their profile, the proposals to them, their history."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.models import Role
from common.errors import DomainError
from lib.fiscal import fiscal_year_of, wareki_fiscal_year
from matching import selectors as match_selectors
from matching.candidates import requests_for_profile
from matching.models import MatchStatus
from matching.pipeline import match_moves
from talent import services as talent_services
from talent.models import Profile, ProfileStatus
from talent.privacy import profile_view
from volunteers.selectors import activities_visible_to
from web.access import role_required
from web.forms import ProfileForm
from web.views.account import SIGNUP_CONSENT_KEY
from web.views.profiles import create_own_profile, profile_edit

volunteer_only = role_required(Role.VOLUNTEER)

# What the volunteer's home page shows of their own profile.
HOME_FIELDS = frozenset({"id", "display_name", "kind", "status", "screening_note"})


def _own_profile(user) -> Profile | None:
    return Profile.objects.filter(user=user).prefetch_related("areas").first()


def _fitting(user, profile: Profile | None, limit: int = 5) -> tuple[list | None, bool]:
    """Open requests the matcher ranks best for this person (matching.candidates), limited to
    what the volunteer may see — None until the profile is published, an empty list when
    nothing fits — and whether every one of them fits only weakly (合う度合い 低)."""
    if profile is None or profile.status != ProfileStatus.PUBLISHED:
        return None, False
    listing = requests_for_profile(profile, limit=limit)
    ids = [r.request.pk for r in listing.results]
    visible = match_selectors.requests_visible_to(user).in_bulk(ids)
    return [visible[i] for i in ids if i in visible], listing.weak_only


@volunteer_only
def home(request):
    profile = _own_profile(request.user)
    mine = match_selectors.matches_visible_to(request.user)
    person = (
        None
        if profile is None
        else profile_view(request.user, profile, channel="web", fields=HOME_FIELDS)
    )
    fitting, fitting_weak = _fitting(request.user, profile)
    return render(
        request,
        "web/volunteer/home.html",
        {
            "profile": person,
            "waiting": mine.filter(status=MatchStatus.PROPOSED).count(),
            "upcoming": mine.filter(status=MatchStatus.CONFIRMED).order_by("request__dates")[:5],
            "fitting": fitting,
            "fitting_weak": fitting_weak,
        },
    )


@volunteer_only
def profile(request):
    """Register the profile if there is none yet; otherwise edit it."""
    existing = _own_profile(request.user)
    if existing is not None:
        return profile_edit(request, pk=existing.pk)
    consent = request.session.get(SIGNUP_CONSENT_KEY, [])
    form = ProfileForm(
        request.POST or None, initial={"public_fields": consent, "email": request.user.email}
    )
    if request.method == "POST" and form.is_valid():
        answer = create_own_profile(request, form)
        if answer:
            return answer
    return render(request, "web/profile_form.html", {"form": form, "own": True, "creating": True})


@volunteer_only
def submit(request):
    """Send one's own draft to screening (POST only)."""
    if request.method != "POST":
        return redirect("volunteer_profile")
    profile = _own_profile(request.user)
    if profile is None:
        return redirect("volunteer_profile")
    if profile.status == ProfileStatus.DRAFT:
        try:
            talent_services.profile_set_status(
                actor=request.user, profile=profile, status=ProfileStatus.PENDING
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "審査に出しました。公開されるまで少しお待ちください。")
    return redirect("volunteer_home")


@volunteer_only
def proposals(request):
    matches = (
        match_selectors.matches_visible_to(request.user)
        .filter(status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED])
        .order_by("status", "-created_at")
    )
    rows = [(m, match_moves(request.user, m)) for m in matches]
    return render(request, "web/volunteer/proposals.html", {"rows": rows})


@volunteer_only
def activities(request):
    mine = match_selectors.matches_visible_to(request.user)
    upcoming = [
        (m, match_moves(request.user, m))
        for m in mine.filter(status=MatchStatus.CONFIRMED).order_by("request__dates", "id")
    ]
    history = activities_visible_to(request.user)
    total_hours = sum((r.hours for r in history), start=0)
    profile = _own_profile(request.user)
    years = sorted({fiscal_year_of(r.date) for r in history}, reverse=True)
    return render(
        request,
        "web/volunteer/activities.html",
        {
            "upcoming": upcoming,
            "history": history,
            "total_hours": total_hours,
            "profile": profile,
            "certificate_years": [(y, wareki_fiscal_year(y)) for y in years],
        },
    )


@volunteer_only
def pause(request):
    """休止 and 再開 (POST only): the volunteer steps out of matching and back in."""
    from matching import services as match_services

    profile = _own_profile(request.user)
    if request.method != "POST" or profile is None:
        return redirect("volunteer_home")
    try:
        if request.POST.get("action") == "resume":
            match_services.volunteer_resume(actor=request.user, profile=profile)
            messages.success(request, "活動を再開しました。また提案が届くようになります。")
        else:
            match_services.volunteer_pause(actor=request.user, profile=profile)
            messages.success(
                request,
                "休止にしました。提案は届かなくなり、お返事前の提案は取り下げました。",
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("volunteer_home")
