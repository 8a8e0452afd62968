"""The coordinators' page for reading the audit log, with filters."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.models import Role
from audit import selectors, services
from web.access import role_required

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="操作した人（ユーザー名の一部）", required=False, max_length=150)
    action = forms.ChoiceField(
        label="操作",
        required=False,
        choices=[("", "すべて"), *selectors.ACTION_LABELS.items()],
    )
    since = forms.DateField(
        label="いつから",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "日付は 2026-04-01 の形で入力してください。"},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label="いつまで",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "日付は 2026-04-30 の形で入力してください。"},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    target_type = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    target_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "「いつまで」は「いつから」より後の日付にしてください。")
        return data


@role_required(Role.COORDINATOR)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.cleaned_data if form.is_bound else {}
        qs = selectors.entries(**{k: v for k, v in filters.items() if v})
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/coordinator/audit.html",
        {
            "form": form,
            "page": page,
            "params": params.urlencode(),
            "labels": selectors.ACTION_LABELS,
            "retention_days": f"{services.retention_days()}日",
        },
    )
