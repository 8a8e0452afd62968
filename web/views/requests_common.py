"""Pieces shared by the requester's and the coordinator's request pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.roles import is_coordinator
from matching import selectors, services
from matching.models import RequestStatus
from matching.pipeline import request_moves
from talent.privacy import profile_views
from web import once
from web.access import login_required, safe_next
from web.forms import RequestForm

# The words on the buttons for the request moves of matching/pipeline.py.
STATUS_BUTTONS = {
    RequestStatus.OPEN: "募集を始める（再開する）",
    RequestStatus.DRAFT: "下書きに戻す",
    RequestStatus.CLOSED: "募集を締め切る",
    RequestStatus.CANCELLED: "この依頼を取り下げる",
}


def status_moves(user, req) -> list[tuple[str, str]]:
    moves = request_moves(user, req)
    return [(to, label) for to, label in STATUS_BUTTONS.items() if to in moves]


def post_request(request, form, organization, *, page: str, fallback: str, success: str):
    """Post a request from a valid form in ``organization``'s name, once per form token (the
    requester's page and the coordinator's page for a request taken by phone)."""

    def create():
        req = services.request_create(
            actor=request.user, organization=organization, data=form.service_data()
        )
        return req, reverse(page, args=[req.pk])

    token = form.cleaned_data["once"]
    return once.submit(
        request, token, create, form=form, fallback=reverse(fallback), success=success
    )


# What the request pages show of each proposed / coming person (the gate may show less).
PERSON_FIELDS = frozenset(
    {"id", "display_name", "furigana", "kind", "skills", "experience", "email", "phone"}
)


def people_shown(user, matches, fields=PERSON_FIELDS) -> list[dict]:
    """Each match with its person as the privacy gate shows them to ``user`` (``person``, a
    talent.privacy.ProfileView; contact data shown is recorded there, channel "web").
    ``fields``: what the page renders of each person."""
    matches = list(matches)
    views = profile_views(user, [m.profile for m in matches], channel="web", fields=fields)
    return [{"match": m, "person": v} for m, v in zip(matches, views, strict=True)]


@require_POST
@login_required
def set_status(request, pk: int):
    req = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    to = request.POST.get("to", "")
    token = request.POST.get(once.FIELD, "")
    back_to = safe_next(request, "home")
    if to not in STATUS_BUTTONS or not once.is_valid(token):
        messages.error(request, "送信内容が正しくありません。ページを開き直してください。")
        return redirect(back_to)
    return once.submit(
        request,
        token,
        lambda: (services.request_set_status(actor=request.user, req=req, status=to), back_to),
        fallback=back_to,
        success=f"依頼を「{RequestStatus(to).label}」にしました。",
    )


@login_required
def edit(request, pk: int):
    """Edit a request: its requester (own organization) or a coordinator. The matcher sees the
    new text on its next call (the index follows every save)."""
    req = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    back_to = reverse(
        "coordinator_request" if is_coordinator(request.user) else "requester_request", args=[pk]
    )
    form = RequestForm(request.POST or None, initial=RequestForm.initial_from(req))
    if request.method == "POST" and form.is_valid():
        done = once.submit(
            request,
            form.cleaned_data["once"],
            lambda: (
                services.request_edit(actor=request.user, req=req, data=form.service_data()),
                back_to,
            ),
            fallback=back_to,
            form=form,
            success="依頼の内容を保存しました。",
            field_map={"dates": "date_1"},
        )
        if done is not None:
            return done
    return render(request, "web/requester/request_form.html", {"form": form, "editing": req})
