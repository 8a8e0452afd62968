"""Pages for data-protection requests: a person's own copy and withdrawal (退会), and the
coordinator's handling of a paper request. The rules are in volunteers.personal_data."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from common.errors import DomainError
from talent.models import Profile, ProfileStatus
from volunteers import personal_data
from web.access import add_domain_error, login_required, message_domain_error, role_required


class WithdrawForm(forms.Form):
    password = forms.CharField(
        label="いまのパスワード（確認のため）",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "確認のため、いまのパスワードを入力してください。"},
    )
    confirm = forms.BooleanField(
        label="退会すると、登録した情報は消去され、元に戻せないことを確認しました",
        error_messages={"required": "確認のチェックを入れてください。"},
    )


class PaperWithdrawForm(forms.Form):
    reference = forms.CharField(
        label="紙の申請の受付番号など",
        max_length=100,
        help_text="氏名など個人を特定できる内容は書かないでください（監査ログに残ります）。",
        error_messages={"required": "受付番号などを入力してください。"},
    )


def _download(data: dict, as_csv: bool) -> HttpResponse:
    if as_csv:
        response = HttpResponse(
            personal_data.personal_data_csv(data), content_type="text/csv; charset=utf-8"
        )
        name = "personal-data.csv"
    else:
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = "personal-data.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def my_data(request):
    """The person's own page: download everything, or withdraw (volunteers)."""
    profile = (
        Profile.objects.filter(user=request.user).exclude(status=ProfileStatus.WITHDRAWN).first()
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and profile is not None and form.is_valid():
        try:
            personal_data.withdraw(
                actor=request.user, profile=profile, password=form.cleaned_data["password"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            logout(request)
            messages.success(
                request, "退会の手続きが終わりました。登録していた情報は消去しました。"
            )
            return redirect("home")
    return render(request, "web/personal_data.html", {"profile": profile, "form": form})


@login_required
def my_data_download(request, as_csv: bool):
    try:
        data = personal_data.personal_data(actor=request.user, user=request.user)
    except DomainError as exc:
        message_domain_error(request, exc)
        return redirect("my_data")
    return _download(data, as_csv)


@role_required(Role.COORDINATOR)
def profile_data_download(request, pk: int, as_csv: bool):
    profile = get_object_or_404(Profile.objects.exclude(status=ProfileStatus.WITHDRAWN), pk=pk)
    return _download(personal_data.personal_data(actor=request.user, profile=profile), as_csv)


@require_POST
@role_required(Role.COORDINATOR)
def profile_withdraw(request, pk: int):
    profile = get_object_or_404(Profile.objects.exclude(status=ProfileStatus.WITHDRAWN), pk=pk)
    form = PaperWithdrawForm(request.POST)
    if form.is_valid():
        try:
            personal_data.withdraw(
                actor=request.user, profile=profile, reference=form.cleaned_data["reference"]
            )
        except DomainError as exc:
            message_domain_error(request, exc)
            return redirect("coordinator_profile", pk=pk)
        messages.success(request, "退会の手続きをしました。この方の個人情報は消去されました。")
        return redirect("coordinator_search")
    messages.error(request, form.errors["reference"][0])
    return redirect("coordinator_profile", pk=pk)
