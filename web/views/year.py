"""Renewing a registration and recording ボランティア保険 from the pages (the volunteer, or a
coordinator from a paper form); the rules are in talent/renewal.py and talent/insurance.py."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.roles import is_coordinator
from common.errors import DomainError
from lib.fiscal import wareki_fiscal_year
from talent import insurance, renewal, selectors
from web.access import back, login_required, message_domain_error


def _fallback(request, profile) -> str:
    if is_coordinator(request.user):
        return reverse("coordinator_profile", args=[profile.pk])
    return reverse("volunteer_home")


@require_POST
@login_required
def renew(request, pk):
    profile = get_object_or_404(selectors.profiles_visible_to(request.user), pk=pk)
    try:
        profile = renewal.profile_renew(actor=request.user, profile=profile)
    except DomainError as exc:
        message_domain_error(request, exc)
    else:
        messages.success(
            request,
            f"登録を更新しました（{wareki_fiscal_year(profile.valid_fiscal_year)}、"
            f"{renewal.valid_until(profile).year}年3月31日まで有効）。",
        )
    return back(request, _fallback(request, profile))


@require_POST
@login_required
def set_insurance(request, pk):
    profile = get_object_or_404(selectors.profiles_visible_to(request.user), pk=pk)
    try:
        year = int(request.POST.get("fiscal_year", ""))
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        messages.error(request, "年度の指定が正しくありません。")
        return back(request, _fallback(request, profile))
    try:
        insurance.insurance_set(
            actor=request.user,
            profile=profile,
            year=year,
            insured=request.POST.get("insured") == "1",
            policy=request.POST.get("policy", ""),
        )
    except DomainError as exc:
        message_domain_error(request, exc)
    else:
        messages.success(request, "ボランティア保険の記録を保存しました。")
    return back(request, _fallback(request, profile))
