"""Coordinators' bulk registration from a file: upload → preview → confirm (all or nothing).

The engine is talent.importing (the same as ``manage.py import_profiles``); the file waits on
the server between the preview and the confirmation (talent/importing/staging.py).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.models import Role
from common.errors import Conflict, DomainError
from talent.importing import ImportFailed, staging
from talent.importing.rows import ALIASES, OPTIONAL, REQUIRED
from talent.models import READING_ORDER, Profile
from web.access import add_domain_error, raise_http, role_required

coordinator_only = role_required(Role.COORDINATOR)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="取り込むファイル（CSV または Excel の .xlsx）",
        error_messages={
            "required": "ファイルを選んでください。",
            "empty": "ファイルが空です。見出しの行と人材の行が入ったファイルを選んでください。",
        },
    )


def _columns():
    return [
        (code, "・".join(ALIASES.get(code, ())), code in REQUIRED)
        for code in (*REQUIRED, *OPTIONAL)
    ]


@coordinator_only
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            staged = staging.stage_upload(actor=request.user, filename=f.name, content=f.read())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("coordinator_import_preview", staged.pk)
    return render(
        request, "web/coordinator/import_upload.html", {"form": form, "columns": _columns()}
    )


@coordinator_only
def preview(request, pk):
    try:
        staged = staging.staged_for(actor=request.user, staged_id=pk)
    except DomainError as exc:
        raise_http(exc)
    context = {"staged": staged, "form": UploadForm(), "problems": [], "gone": None}
    try:
        if request.method == "POST":
            decisions = {
                int(key.removeprefix("dup-")): value
                for key, value in request.POST.items()
                if key.startswith("dup-") and key[4:].isdigit() and value in ("new", "skip")
            }
            result = staging.confirm_staged(actor=request.user, staged=staged, decisions=decisions)
            messages.success(request, f"{result.imported}件の人材を登録しました。")
            return redirect(reverse("coordinator_import_done", args=[staged.pk]))
        context["preview"] = preview = staging.preview_staged(staged)
        context["problems"] = preview.problems
    except ImportFailed as exc:
        context["problems"] = exc.problems
    except Conflict as exc:
        context["gone"] = exc.message
    status = 409 if context["gone"] else 400 if context["problems"] else 200
    return render(request, "web/coordinator/import_preview.html", context, status=status)


@coordinator_only
def done(request, pk):
    try:
        staged = staging.staged_for(actor=request.user, staged_id=pk)
    except DomainError as exc:
        raise_http(exc)
    people = Profile.objects.filter(pk__in=staged.imported_ids).order_by(*READING_ORDER)
    return render(
        request,
        "web/coordinator/import_done.html",
        {"staged": staged, "people": people[:200]},
    )
