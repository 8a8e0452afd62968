"""Pieces shared by the requester's and the coordinator's request pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from common.errors import DomainError
from matching import selectors, services
from matching.models import RequestStatus
from matching.pipeline import request_moves
from talent.models import CONTACT_FIELDS
from talent.policies import hidden_fields
from talent.selectors import confirmed_profile_ids_for
from talent.services import record_contact_views
from web import once
from web.access import login_required, message_domain_error, safe_next

# The words on the buttons for the request moves of matching/pipeline.py.
STATUS_BUTTONS = {
    RequestStatus.OPEN: "募集を始める（再開する）",
    RequestStatus.DRAFT: "下書きに戻す",
    RequestStatus.CLOSED: "募集を締め切る",
    RequestStatus.CANCELLED: "この依頼を取り下げる",
}


def status_moves(user, request_obj) -> list[tuple[str, str]]:
    moves = request_moves(user, request_obj)
    return [(to, label) for to, label in STATUS_BUTTONS.items() if to in moves]


def people_shown(user, matches) -> list[dict]:
    """Each match's person with only the fields ``user`` may see (talent.policies), and an
    audit row for every contact shown (channel "web")."""
    confirmed = confirmed_profile_ids_for(user)
    rows, with_contact = [], []
    for match in matches:
        profile = match.profile
        hidden = hidden_fields(user, profile, confirmed_profile_ids=confirmed)
        visible = {
            name: getattr(profile, name)
            for name in ("furigana", "experience", "bio", "email", "phone")
            if name not in hidden
        }
        if not set(CONTACT_FIELDS) & hidden:
            with_contact.append(profile)
        rows.append({"match": match, "profile": profile, "shown": visible})
    record_contact_views(viewer=user, profiles=with_contact, channel="web")
    return rows


@require_POST
@login_required
def set_status(request, pk: int):
    request_obj = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    to = request.POST.get("to", "")
    token = request.POST.get(once.FIELD, "")
    back_to = safe_next(request, "home")
    if to not in STATUS_BUTTONS or not once.is_valid(token):
        messages.error(request, "送信内容が正しくありません。ページを開き直してください。")
        return redirect(back_to)
    try:
        outcome = once.run(
            request,
            token,
            lambda: (
                services.request_set_status(actor=request.user, request=request_obj, status=to),
                back_to,
            ),
        )
    except DomainError as exc:
        message_domain_error(request, exc)
        return redirect(back_to)
    if not outcome.repeated:
        messages.success(request, f"依頼を「{RequestStatus(to).label}」にしました。")
    return redirect(outcome.redirect_to or back_to)


@login_required
def edit(request, pk: int):
    """Edit a request: its requester (own organization) or a coordinator. The matcher sees the
    new text on its next call (the index follows every save)."""
    from django.shortcuts import render
    from django.urls import reverse

    from accounts.roles import is_coordinator
    from web.access import add_domain_error
    from web.forms import RequestForm

    request_obj = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    back_to = reverse(
        "coordinator_request" if is_coordinator(request.user) else "requester_request", args=[pk]
    )
    form = RequestForm(request.POST or None, initial=RequestForm.initial_from(request_obj))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = once.run(
                request,
                form.cleaned_data["once"],
                lambda: (
                    services.request_edit(
                        actor=request.user, request=request_obj, data=form.service_data()
                    ),
                    back_to,
                ),
            )
        except DomainError as exc:
            add_domain_error(form, exc, {"dates": "date_1"})
        else:
            if not outcome.repeated:
                messages.success(request, "依頼の内容を保存しました。")
            return redirect(outcome.redirect_to or back_to)
    return render(
        request, "web/requester/request_form.html", {"form": form, "editing": request_obj}
    )
