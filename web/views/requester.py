"""Pages for requesters (schools, 公民館, community groups): post requests, follow them, and
see who is coming once a match is confirmed."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import Role
from common.errors import DomainError
from matching import selectors, services
from matching.models import MatchStatus
from matching.pipeline import match_moves
from web import once
from web.access import add_domain_error, role_required
from web.forms import RequestForm
from web.views.requests_common import people_shown, status_moves

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

        def create():
            obj = services.request_create(
                actor=request.user, organization=organization, data=form.service_data()
            )
            return obj, reverse("requester_request", args=[obj.pk])

        try:
            outcome = once.run(request, form.cleaned_data["once"], create)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if not outcome.repeated:
                messages.success(
                    request,
                    "依頼を登録しました。コーディネーターが合う方を探して、決まったらここに表示します。",
                )
            return redirect(outcome.redirect_to or "requester_home")
    return render(
        request, "web/requester/request_form.html", {"form": form, "organization": organization}
    )


@requester_only
def request_detail(request, pk: int):
    obj = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    matches = selectors.matches_visible_to(request.user).filter(request=obj)
    coming = matches.holding_places().prefetch_related("profile__areas")
    in_progress = matches.filter(status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED]).count()
    people = people_shown(request.user, coming)
    for row in people:
        row["moves"] = match_moves(request.user, row["match"])
    return render(
        request,
        "web/requester/request_detail.html",
        {
            "req": obj,
            "people": people,
            "in_progress": in_progress,
            "status_moves": status_moves(request.user, obj),
        },
    )
