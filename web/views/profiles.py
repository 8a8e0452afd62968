"""The profile form, shared by a volunteer editing their own and a coordinator editing anyone's
(permission: talent.policies.can_edit_profile, the same rule as the API)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from common.errors import DomainError
from talent import policies, selectors, services
from talent.models import Profile, ProfileStatus
from talent.privacy import ProfileView, profile_view
from web import once
from web.access import add_domain_error, login_required
from web.forms import ProfileForm
from web.views.public import SIGNUP_CONSENT_KEY

# What the profile form shows: the editable fields, the status and the send-back reason.
FORM_FIELDS = frozenset(
    {"id", "display_name", "status", "screening_note", "areas", "external_id"}
    | set(ProfileForm.SERVICE_FIELDS)
)


def profile_initial(person: ProfileView) -> dict:
    """The form's starting values: only what the privacy gate shows this editor."""
    initial = {name: person.value(name) for name in ProfileForm.SERVICE_FIELDS}
    initial["areas"] = list(person.profile.areas.all()) if person.shows("areas") else []
    if person.shows("external_id"):
        initial["external_id"] = person.value("external_id")
    return initial


def save_profile(request, form: ProfileForm, profile: Profile) -> bool:
    """Update ``profile`` from a valid form; on a domain error put it on the form."""
    # "Submit for screening" is the same edit plus a move to pending; the service refuses the
    # move (and with it the whole edit) where the pipeline does not allow it.
    submit = request.POST.get("action") == "submit"
    try:
        services.profile_edit(
            actor=request.user,
            profile=profile,
            data=form.service_data(),
            areas=form.cleaned_data["areas"],
            status=ProfileStatus.PENDING if submit else None,
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return False
    return True


@login_required
def profile_edit(request, pk: int):
    """Edit a profile: the volunteer their own, coordinators any (others get 403)."""
    profile = get_object_or_404(selectors.profiles_visible_to(request.user), pk=pk)
    if not policies.can_edit_profile(request.user, profile):
        raise PermissionDenied("このプロフィールを編集する権限がありません。")
    own = profile.user_id == request.user.id
    if request.method == "POST":
        form = ProfileForm(request.POST)
    else:
        person = profile_view(request.user, profile, channel="web", fields=FORM_FIELDS)
        form = ProfileForm(initial=profile_initial(person))
    if request.method == "POST" and form.is_valid() and save_profile(request, form, profile):
        profile.refresh_from_db()
        if profile.status == ProfileStatus.PENDING and request.POST.get("action") == "submit":
            messages.success(
                request, "審査に出しました。コーディネーターが確認して、公開したらお知らせします。"
            )
        else:
            messages.success(request, "プロフィールを保存しました。")
        if own:
            return redirect("volunteer_home")
        return redirect("coordinator_profile", pk=profile.pk)
    return render(
        request,
        "web/profile_form.html",
        {
            "form": form,
            "profile": profile_view(
                request.user,
                profile,
                channel="web",
                fields={"display_name", "status", "screening_note"},
            ),
            "own": own,
            "creating": False,
        },
    )


def create_own_profile(request, form: ProfileForm):
    """A volunteer registers their profile (a draft, or straight to screening): the redirect
    to answer with, or None with the service's error on the form."""
    status = (
        ProfileStatus.PENDING if request.POST.get("action") == "submit" else ProfileStatus.DRAFT
    )

    def create():
        profile = services.profile_register(
            actor=request.user,
            data=form.service_data(),
            areas=form.cleaned_data["areas"],
            status=status,
        )
        return profile, reverse("volunteer_home")

    def registered(profile) -> str:
        request.session.pop(SIGNUP_CONSENT_KEY, None)
        if profile.status == ProfileStatus.PENDING:
            return "登録して審査に出しました。コーディネーターが確認したら公開されます。"
        return "下書きとして保存しました。内容がよければ「審査に出す」を押してください。"

    return once.submit(
        request,
        form.cleaned_data["once"],
        create,
        form=form,
        fallback=reverse("volunteer_home"),
        success=registered,
    )
