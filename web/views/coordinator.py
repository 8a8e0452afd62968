"""Pages for coordinators (city staff): today's work, screening, requests with the matcher's
candidates, talent search and paper registrations."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Role
from common.errors import Conflict
from lib.slots import request_slots
from matching import selectors as match_selectors
from matching import services as match_services
from matching.models import IN_PROGRESS, Match, MatchStatus, RequestStatus
from matching.pipeline import match_moves
from talent import selectors as talent_selectors
from talent import services as talent_services
from talent.duplicates import Person, find_registered
from talent.models import ProfileStatus
from talent.pipeline import profile_moves
from talent.privacy import profile_view, profile_views
from web import once
from web.access import role_required
from web.forms import PaperProfileForm, RequestForOrganizationForm, ScreeningForm
from web.views import candidates as candidate_view
from web.views import search as search_view
from web.views.requests_common import people_shown, post_request, status_moves

coordinator_only = role_required(Role.COORDINATOR)

# Buttons for the screening moves of talent/pipeline.py (the service decides).
PROFILE_BUTTONS = {
    ProfileStatus.PUBLISHED: "公開する",
    ProfileStatus.DRAFT: "差し戻す（理由を本人に伝えます）",
    ProfileStatus.SUSPENDED: "公開を停止する",
}


# The columns of the screening list.
SCREENING_FIELDS = frozenset(
    {"id", "display_name", "furigana", "kind", "skills", "areas", "created_at"}
)


def _this_week():
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return today, [monday + timedelta(days=i) for i in range(7)]


@coordinator_only
def home(request):
    """What needs attention today."""
    user = request.user
    today, week = _this_week()
    live = Match.objects.live().filter(request=OuterRef("pk"))
    matches = match_selectors.matches_visible_to(user)
    context = {
        "today": today,
        "week": week,
        "pending_profiles": talent_selectors.profiles_visible_to(user)
        .filter(status=ProfileStatus.PENDING)
        .order_by("created_at"),
        "unproposed": match_selectors.requests_visible_to(user)
        .filter(status=RequestStatus.OPEN)
        .exclude(Exists(live))
        .order_by("created_at"),
        "waiting_answer": matches.filter(status=MatchStatus.PROPOSED).order_by("created_at"),
        "to_confirm": matches.filter(status=MatchStatus.ACCEPTED).order_by("updated_at"),
        "this_week": matches.filter(status=MatchStatus.CONFIRMED, request__dates__overlap=week)
        .order_by("request__dates")
        .distinct(),
    }
    return render(request, "web/coordinator/home.html", context)


@coordinator_only
def screening(request):
    profiles = (
        talent_selectors.profiles_visible_to(request.user)
        .filter(status=ProfileStatus.PENDING)
        .prefetch_related("areas")
        .order_by("created_at")
    )
    shown = profile_views(request.user, profiles, channel="web", fields=SCREENING_FIELDS)
    return render(request, "web/coordinator/screening.html", {"profiles": shown})


@coordinator_only
def profile_detail(request, pk: int):
    """Everything about one person, with the screening buttons."""
    profile = get_object_or_404(
        talent_selectors.profiles_visible_to(request.user).prefetch_related("areas"), pk=pk
    )
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        to = request.POST.get("to", "")
        if to not in PROFILE_BUTTONS:
            form.add_error(None, "操作を選んでください。")
        else:
            answer = once.submit(
                request,
                form.cleaned_data["once"],
                lambda: (
                    talent_services.profile_set_status(
                        actor=request.user,
                        profile=profile,
                        status=to,
                        note=form.cleaned_data["note"],
                    ),
                    reverse("coordinator_screening"),
                ),
                form=form,
                fallback=reverse("coordinator_screening"),
                success=f"{profile.display_name}さんの登録を「{ProfileStatus(to).label}」にしました。",
            )
            if answer:
                return answer
    moves = profile_moves(request.user, profile)
    matches = (
        match_selectors.matches_visible_to(request.user)
        .filter(profile=profile)
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "web/coordinator/profile_detail.html",
        {
            "profile": profile,
            "person": profile_view(request.user, profile, channel="web"),
            "form": form,
            "buttons": [(to, label) for to, label in PROFILE_BUTTONS.items() if to in moves],
            "matches": matches,
            "open_requests": match_selectors.requests_visible_to(request.user)
            .filter(status=RequestStatus.OPEN)
            .exclude(Exists(Match.objects.live().filter(request=OuterRef("pk"), profile=profile)))
            .order_by("title")
            if profile.status == ProfileStatus.PUBLISHED
            else [],
        },
    )


@coordinator_only
def profile_new(request):
    """Type in a paper registration on someone's behalf (no login)."""
    form = PaperProfileForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():

        def create():
            if not request.POST.get("not_duplicate"):
                # The same detector as the file import: offer the registered person before a
                # second registration of them is made; 「別人として登録する」 goes on. Checked
                # inside the once-run, so a repeated click still gets the first click's page.
                d = form.cleaned_data
                person = Person(
                    None, d["display_name"], d["furigana"], d["phone"], d["email"], d["birth_year"]
                )
                if found := find_registered(person):
                    duplicates.extend(found)
                    raise Conflict(
                        "すでに登録されている人かもしれません。下の一覧を確かめてください。",
                        code="maybe_duplicate",
                    )
            profile = talent_services.profile_register(
                actor=request.user,
                data=form.service_data(),
                areas=form.cleaned_data["areas"],
                status=form.cleaned_data["status"],
            )
            return profile, reverse("coordinator_profile", args=[profile.pk])

        answer = once.submit(
            request,
            form.cleaned_data["once"],
            create,
            form=form,
            fallback=reverse("coordinator_home"),
            success="紙の登録票の内容を登録しました。",
        )
        if answer:
            return answer
    return render(
        request,
        "web/profile_form.html",
        {"form": form, "own": False, "creating": True, "duplicates": duplicates},
    )


@coordinator_only
def requests(request):
    status = request.GET.get("status", RequestStatus.OPEN)
    qs = match_selectors.requests_visible_to(request.user).annotate(
        live_count=Count("matches", filter=Q(matches__status__in=IN_PROGRESS)),
        confirmed_count=match_selectors.places_taken_annotation(),
    )
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    return render(
        request,
        "web/coordinator/requests.html",
        {"requests": qs, "status": status, "statuses": RequestStatus.choices},
    )


@coordinator_only
def request_new(request):
    """Post a request in an organization's name (one taken by phone or on paper)."""
    form = RequestForOrganizationForm(request.POST or None)
    form.fields["organization"].queryset = match_selectors.organizations_visible_to(request.user)
    if request.method == "POST" and form.is_valid():
        answer = post_request(
            request,
            form,
            form.cleaned_data["organization"],
            page="coordinator_request",
            fallback="coordinator_requests",
            success="依頼を登録しました。",
        )
        if answer:
            return answer
    return render(request, "web/requester/request_form.html", {"form": form, "organization": None})


@coordinator_only
def request_detail(request, pk: int):
    """One request: its matches with their buttons, and the matcher's ranked candidates."""
    req = get_object_or_404(match_selectors.requests_visible_to(request.user), pk=pk)
    matches = (
        match_selectors.matches_visible_to(request.user)
        .filter(request=req)
        .prefetch_related("profile__areas")
        .order_by("created_at")
    )
    people = people_shown(request.user, matches, fields={"id", "display_name", "phone"})
    for row in people:
        row["moves"] = match_moves(request.user, row["match"])
    try:
        limit = max(1, min(int(request.GET.get("limit", 10)), 50))
    except ValueError:
        limit = 10
    candidates = candidate_view.for_request(request.user, req, request.GET, limit=limit)
    return render(
        request,
        "web/coordinator/request_detail.html",
        {
            "req": req,
            "people": people,
            "candidates": candidates,
            "limit": limit,
            "needed_slots": request_slots(req.dates, req.time_band) if req.dates else [],
            "status_moves": status_moves(request.user, req),
            "can_propose": req.status == RequestStatus.OPEN,
        },
    )


def _propose(request, req, profile, back_to: str):
    """Propose ``profile`` for ``req`` once per form token; the service applies the rules."""
    token = request.POST.get(once.FIELD, "")
    if profile is None or req is None or not once.is_valid(token):
        messages.error(request, "提案する人か依頼が見つかりません。ページを開き直してください。")
        return redirect(back_to)
    return once.submit(
        request,
        token,
        lambda: (
            match_services.match_propose(
                actor=request.user, req=req, profile=profile, note=request.POST.get("note", "")
            ),
            back_to,
        ),
        fallback=back_to,
        success=f"{profile.display_name}さんを「{req.title}」に提案しました。本人の返事を待っています。",
    )


def _posted_id(request, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


@require_POST
@coordinator_only
def propose(request, pk: int):
    """Propose one of the candidates shown on the request page."""
    req = get_object_or_404(match_selectors.requests_visible_to(request.user), pk=pk)
    profile = (
        talent_selectors.profiles_visible_to(request.user)
        .filter(pk=_posted_id(request, "profile"))
        .first()
    )
    return _propose(request, req, profile, reverse("coordinator_request", args=[req.pk]))


@require_POST
@coordinator_only
def propose_profile(request, pk: int):
    """Propose a person found by search (or by phone) for an open request chosen on their page."""
    profile = get_object_or_404(talent_selectors.profiles_visible_to(request.user), pk=pk)
    req = (
        match_selectors.requests_visible_to(request.user)
        .filter(pk=_posted_id(request, "request"))
        .first()
    )
    return _propose(request, req, profile, reverse("coordinator_profile", args=[profile.pk]))


@coordinator_only
def talent_search(request):
    return search_view.render_search(request)
