"""Pages for everyone: the top page, terms, sign-up."""

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.models import Role
from accounts.services import user_create
from web import once
from web.access import ROLE_HOME
from web.forms import SignupForm

SIGNUP_CONSENT_KEY = "signup_public_fields"


def home(request):
    """The top page; a logged-in person goes straight to the page for their role."""
    if request.user.is_authenticated and request.user.role in ROLE_HOME:
        return redirect(ROLE_HOME[request.user.role])
    return render(request, "web/home.html")


def guide(request):
    """The same explanation as the top page, reachable while logged in."""
    return render(request, "web/home.html", {"guide": True})


def terms(request):
    return render(request, "web/terms.html")


def signup(request):
    """A volunteer creates a login (with consent), then registers the profile."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create():
            user = user_create(
                username=data["username"],
                password=data["password1"],
                role=Role.VOLUNTEER,
                email=data["email"],
                terms_accepted=data["terms"],
            )
            return user, reverse("volunteer_profile")

        def welcome(user) -> str:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            # What they agreed to publish is carried to the profile form, where it is stored.
            request.session[SIGNUP_CONSENT_KEY] = data["public_fields"]
            return (
                "ユーザー登録ができました。続けて、できることや活動できる日時を登録してください。"
            )

        answer = once.submit(
            request,
            data["once"],
            create,
            form=form,
            fallback=reverse("login"),
            success=welcome,
            field_map={"password": "password1"},
        )
        if answer:
            return answer
    return render(request, "web/signup.html", {"form": form})
