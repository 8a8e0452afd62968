"""Pages for requesters (schools, 公民館, community groups): post requests, follow them, and
see who is coming once a match is confirmed."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from accounts.models import Role
from matching import selectors
from matching.models import MatchStatus
from matching.pipeline import match_moves
from web.access import role_required
from web.forms import RequestForm
from web.views.requests_common import people_shown, post_request, status_moves

requester_only = role_required(Role.REQUESTER)


@requester_only
def home(request):
    requests = selectors.requests_visible_to(request.user).annotate(
        confirmed_count=selectors.places_taken_annotation(),
        pending_count=Count(
            "matches", filter=Q(matches__status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED])
        ),
    )
    return render(
        request,
        "web/requester/home.html",
        {"requests": requests, "organization": selectors.organization_of(request.user)},
    )


@requester_only
def request_new(request):
    organization = selectors.organization_of(request.user)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = post_request(
            request,
            form,
            organization,
            page="requester_request",
            fallback="requester_home",
            success="依頼を登録しました。コーディネーターが合う方を探して、決まったらここに表示します。",
        )
        if answer:
            return answer
    return render(
        request, "web/requester/request_form.html", {"form": form, "organization": organization}
    )


@requester_only
def request_detail(request, pk: int):
    req = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    matches = selectors.matches_visible_to(request.user).filter(request=req)
    coming = matches.holding_places().prefetch_related("profile__areas")
    in_progress = matches.filter(status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED]).count()
    people = people_shown(request.user, coming)
    for row in people:
        row["moves"] = match_moves(request.user, row["match"])
    return render(
        request,
        "web/requester/request_detail.html",
        {
            "req": req,
            "people": people,
            "in_progress": in_progress,
            "status_moves": status_moves(request.user, req),
        },
    )
