"""After the activity: the volunteer confirms or corrects the hours and leaves a comment; the
coordinators see disagreements and hours, ratings and comments per volunteer and per request."""

from django.contrib import messages
from django.db.models import Avg, Count, Sum
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Role
from common.errors import DomainError
from volunteers import services
from volunteers.models import HoursState
from volunteers.selectors import activities_visible_to
from web.access import add_domain_error, message_domain_error, role_required
from web.forms.activity import ConfirmHoursForm, ResolveForm

coordinator_only = role_required(Role.COORDINATOR)
volunteer_only = role_required(Role.VOLUNTEER)


@volunteer_only
def confirm(request, pk: int):
    record = get_object_or_404(activities_visible_to(request.user), pk=pk)
    if record.hours_state != HoursState.RECORDED:
        messages.info(request, "この活動の時間はすでに確認済みです。")
        return redirect("volunteer_activities")
    form = ConfirmHoursForm(request.POST or None, initial={"hours": record.hours})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.activity_confirm(
                actor=request.user,
                record=record,
                hours=form.cleaned_data["hours"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if record.hours_state == HoursState.AGREED:
                messages.success(request, "活動時間を確認しました。ありがとうございました。")
            else:
                messages.success(
                    request, "時間の訂正を受け付けました。コーディネーターが確認します。"
                )
            return redirect("volunteer_activities")
    return render(request, "web/volunteer/confirm_hours.html", {"form": form, "record": record})


@coordinator_only
def overview(request):
    records = activities_visible_to(request.user)
    by_volunteer = (
        records.values("match__profile_id", "match__profile__display_name")
        .annotate(n=Count("id"), hours=Sum("hours"), rating=Avg("rating"))
        .order_by("-hours")
    )
    by_request = (
        records.values("match__request_id", "match__request__title")
        .annotate(n=Count("id"), hours=Sum("hours"), rating=Avg("rating"))
        .order_by("-match__request_id")
    )
    return render(
        request,
        "web/coordinator/activities.html",
        {
            "disputed": records.filter(hours_state=HoursState.DISPUTED),
            "recent": records[:50],
            "by_volunteer": by_volunteer[:100],
            "by_request": by_request[:100],
            "resolve_form": ResolveForm(),
        },
    )


@coordinator_only
def resolve(request, pk: int):
    record = get_object_or_404(activities_visible_to(request.user), pk=pk)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_resolve(
                actor=request.user,
                record=record,
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            message_domain_error(request, exc)
        else:
            messages.success(request, "活動時間を確定しました。")
    elif request.method == "POST":
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("coordinator_activities")
