"""Moving a match (accept, decline, confirm, cancel) and completing it, for every role.

Which moves a person may make is decided by matching/pipeline.py alone: the pages show the
buttons of ``match_moves`` and post them here, where ``matching.services.match_set_status``
checks again under a row lock.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.roles import is_coordinator, is_requester
from matching import selectors, services
from matching.models import MatchStatus
from matching.pipeline import match_moves
from volunteers.services import match_complete
from web import once
from web.access import login_required, safe_next
from web.forms import CompleteForm

DONE_MESSAGES = {
    MatchStatus.ACCEPTED: "承諾しました。コーディネーターが確定したらお知らせします。",
    MatchStatus.DECLINED: "辞退しました。ご連絡ありがとうございました。",
    MatchStatus.CONFIRMED: "確定しました。依頼者にお名前と連絡先が表示されます。",
    MatchStatus.CANCELLED: "取り消しました。",
}


def _fallback(user, match) -> str:
    if is_coordinator(user):
        return reverse("coordinator_request", args=[match.request_id])
    if is_requester(user):
        return reverse("requester_request", args=[match.request_id])
    return reverse("volunteer_proposals")


@require_POST
@login_required
def move(request, pk: int):
    match = get_object_or_404(selectors.matches_visible_to(request.user), pk=pk)
    to = request.POST.get("to", "")
    token = request.POST.get(once.FIELD, "")
    back_to = safe_next(request, _fallback(request.user, match))
    if to not in DONE_MESSAGES or not once.is_valid(token):
        return HttpResponseBadRequest("送信内容が正しくありません。ページを開き直してください。")
    note = request.POST.get("note", "")[:2000]
    return once.submit(
        request,
        token,
        lambda: (
            services.match_set_status(actor=request.user, match=match, status=to, note=note),
            back_to,
        ),
        fallback=back_to,
        success=DONE_MESSAGES[to],
    )


@login_required
def complete(request, pk: int):
    """Record what happened at a confirmed activity (the requester or a coordinator)."""
    match = get_object_or_404(selectors.matches_visible_to(request.user), pk=pk)
    if MatchStatus.COMPLETED not in match_moves(request.user, match):
        if match.status == MatchStatus.COMPLETED:
            messages.info(request, "この活動はすでに記録されています。")
            return redirect(_fallback(request.user, match))
        raise PermissionDenied("この活動を記録できるのは、依頼者かコーディネーターです。")
    form = CompleteForm(request.POST or None, initial={"date": (match.request.dates or [None])[0]})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "once"}
        back_to = _fallback(request.user, match)
        answer = once.submit(
            request,
            form.cleaned_data["once"],
            lambda: (match_complete(actor=request.user, match=match, **data), back_to),
            form=form,
            fallback=back_to,
            success="活動の記録を保存しました。ありがとうございました。",
        )
        if answer:
            return answer
    return render(request, "web/match_complete.html", {"form": form, "match": match})
