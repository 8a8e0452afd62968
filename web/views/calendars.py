"""Calendar files (.ics): the private subscription URL (a secret token in the path; revoked →
404) and one activity's 「カレンダーに追加」 file. The logged-in feed is api/calendar.py."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from matching import selectors
from schedule import calendar
from web.access import login_required


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def feed(request, token: str):
    user = calendar.user_for_token(token)
    if user is None:
        raise Http404("このカレンダーのURLは無効です。")
    return _ics(calendar.calendar_for(user), "tsunagu.ics")


@login_required
def one_activity(request, pk: int):
    match = get_object_or_404(
        selectors.matches_visible_to(request.user).filter(status__in=calendar.TAKING_PART), pk=pk
    )
    return _ics(calendar.build([match], viewer_role=request.user.role), f"tsunagu-{match.pk}.ics")
