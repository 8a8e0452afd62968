"""Organizations and their requesters, brought on board from the pages (no shell needed):
coordinators create and edit organizations and invite a requester by e-mail or with a printed
code; the invited person chooses their own login name and password."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import Role
from common.errors import Conflict, DomainError, NotFound
from matching import selectors as match_selectors
from matching import services as match_services
from onboarding import services as onboarding
from onboarding.models import Invitation
from web import once
from web.access import add_domain_error, role_required
from web.forms.onboarding import AcceptByCodeForm, AcceptForm, InviteForm, OrganizationForm

coordinator_only = role_required(Role.COORDINATOR)


@coordinator_only
def organizations(request):
    orgs = match_selectors.organizations_visible_to(request.user).order_by("name")
    return render(request, "web/onboarding/organizations.html", {"orgs": orgs})


@coordinator_only
def organization_new(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = match_services.organization_create(actor=request.user, data=form.service_data())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"「{org.name}」を登録しました。担当の方を招待してください。")
            return redirect("coordinator_organization", pk=org.pk)
    return render(request, "web/onboarding/organization_form.html", {"form": form})


@coordinator_only
def organization_detail(request, pk: int):
    org = get_object_or_404(match_selectors.organizations_visible_to(request.user), pk=pk)
    form = OrganizationForm(request.POST or None, instance=org, prefix="org")
    invite = InviteForm(prefix="inv")
    if request.method == "POST" and form.is_valid():
        try:
            match_services.organization_update(
                actor=request.user, organization=org, data=form.service_data()
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "団体の情報を保存しました。")
            return redirect("coordinator_organization", pk=org.pk)
    return _detail(request, org, form, invite)


def _detail(request, org, form, invite, printed_code=""):
    return render(
        request,
        "web/onboarding/organization_detail.html",
        {
            "org": org,
            "form": form,
            "invite": invite,
            "members": [
                m.user for m in org.memberships.select_related("user").order_by("user__username")
            ],
            "invitations": Invitation.objects.filter(organization=org)[:20],
            "printed_code": printed_code,
        },
    )


@coordinator_only
def organization_invite(request, pk: int):
    org = get_object_or_404(match_selectors.organizations_visible_to(request.user), pk=pk)
    if request.method != "POST":
        return redirect("coordinator_organization", pk=pk)
    form = OrganizationForm(instance=org, prefix="org")
    if request.POST.get("by_code"):
        issued = onboarding.invitation_create(actor=request.user, organization=org, by_code=True)
        return _detail(request, org, form, InviteForm(prefix="inv"), printed_code=issued.secret)
    invite = InviteForm(request.POST, prefix="inv")
    if invite.is_valid():
        back = reverse("coordinator_organization", args=[pk])
        try:
            outcome = once.run(
                request,
                invite.cleaned_data["once"],
                lambda: (
                    onboarding.invitation_create(
                        actor=request.user, organization=org, email=invite.cleaned_data["email"]
                    ),
                    back,
                ),
            )
        except DomainError as exc:
            add_domain_error(invite, exc)
        else:
            if not outcome.repeated:
                messages.success(
                    request,
                    f"{invite.cleaned_data['email']} に招待メールを送ります（14日間有効）。",
                )
            return redirect(outcome.redirect_to or back)
    return _detail(request, org, form, invite)


def _accept_problem(request, exc: DomainError, status: int):
    return render(
        request,
        "web/answer_problem.html",
        {"title": "この招待は使えません", "text": exc.message},
        status=status,
    )


def _logged_in_problem(request):
    return render(
        request,
        "web/answer_problem.html",
        {
            "title": "すでにログインしています",
            "text": "招待は新しく参加される方のためのものです。ご本人あての招待なら、いったんログアウトしてからリンクを開いてください。",
        },
        status=403,
    )


def accept(request, token: str):
    """The link in the invitation mail: choose a login name and a password."""
    if request.user.is_authenticated:
        return _logged_in_problem(request)
    try:
        invitation = onboarding.find_by_token(token)
        onboarding.check_usable(invitation)
    except NotFound as exc:
        return _accept_problem(request, exc, 404)
    except Conflict as exc:
        return _accept_problem(request, exc, 410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _create(request, form, invitation)
    return render(request, "web/onboarding/accept.html", {"form": form, "invitation": invitation})


def accept_code(request):
    """For those invited on paper: type the printed code, then choose a login."""
    if request.user.is_authenticated:
        return _logged_in_problem(request)
    form = AcceptByCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = onboarding.find_by_code(form.cleaned_data["code"])
            onboarding.check_usable(invitation)
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            return _create(request, form, invitation)
    return render(request, "web/onboarding/accept.html", {"form": form, "by_code": True})


def _create(request, form, invitation):
    data = form.cleaned_data
    try:
        user = onboarding.invitation_accept(
            invitation=invitation,
            username=data["username"],
            password=data["password1"],
            name=data["name"],
            email=data.get("email", ""),
        )
    except Conflict as exc:
        if exc.code in ("invitation_used", "invitation_expired"):
            return _accept_problem(request, exc, 410)
        add_domain_error(form, exc, {"username": "username", "password": "password1"})
    except DomainError as exc:
        add_domain_error(form, exc, {"username": "username", "password": "password1"})
    else:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"ようこそ。{invitation.organization.name}の依頼を登録できます。")
        return redirect("requester_home")
    return render(
        request,
        "web/onboarding/accept.html",
        {"form": form, "invitation": invitation, "by_code": isinstance(form, AcceptByCodeForm)},
    )
