"""Sign-up, e-mail confirmation, the account page (log out everywhere) and the staff second
factor. The rules live in accounts (services, tokens, second_factor); these views translate."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import second_factor
from accounts.policies import email_verified, is_staff_member
from accounts.services import email_verification_resend, email_verify, volunteer_signup
from accounts.tokens import log_out_everywhere
from common.errors import DomainError
from web import once, throttles
from web.access import login_required, safe_next
from web.forms import SecondFactorForm, SignupForm

SIGNUP_CONSENT_KEY = "signup_public_fields"


def _verify_url(request):
    return lambda token: request.build_absolute_uri(reverse("verify_email", args=[token]))


def signup(request):
    """A volunteer creates a login (with consent). The answer is the same page whether or not
    the username was free (accounts.services.volunteer_signup says why)."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = throttles.first_refusal(
            request, [throttles.SignupByClient(throttles.client_address(request))]
        )
        if wait is not None:
            return throttles.too_many(
                request, wait, "登録の申し込みが続いたため、しばらく受け付けを止めています。"
            )
        data = form.cleaned_data

        def create():
            user = volunteer_signup(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                terms_accepted=data["terms"],
                verify_url=_verify_url(request),
            )
            return user, reverse("signup_sent")

        def remember_consent(user) -> None:
            # What they agreed to publish is carried to the profile form (after logging in).
            request.session[SIGNUP_CONSENT_KEY] = data["public_fields"]

        answer = once.submit(
            request,
            data["once"],
            create,
            form=form,
            fallback=reverse("signup_sent"),
            success=remember_consent,
            field_map={"password": "password1"},
        )
        if answer:
            return answer
    return render(request, "web/signup.html", {"form": form})


def signup_sent(request):
    return render(request, "registration/signup_sent.html")


def verify_email(request, token):
    try:
        email_verify(token=token)
    except DomainError as exc:
        return render(request, "registration/verify_email.html", {"error": exc.message}, status=400)
    return render(request, "registration/verify_email.html", {"error": ""})


@login_required
def account(request):
    user = request.user
    return render(
        request,
        "registration/account.html",
        {
            "email_verified": email_verified(user),
            "is_staff_member": is_staff_member(user),
            "has_device": second_factor.has_device(user),
        },
    )


@require_POST
@login_required
def account_resend(request):
    email_verification_resend(user=request.user, verify_url=_verify_url(request))
    messages.success(request, "確認のメールを送りました。メールのリンクを開いてください。")
    return redirect("account")


@require_POST
@login_required
def account_logout_everywhere(request):
    log_out_everywhere(user=request.user)
    logout(request)
    messages.success(
        request, "すべての端末からログアウトしました（API のトークンも無効になりました）。"
    )
    return redirect("login")


def second_factor_page(request):
    """Staff: the code from the authenticator app, or setting one up the first time."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('login')}?next={reverse('second_factor')}")
    nxt = safe_next(request, reverse("home"))
    enrolling = not second_factor.has_device(user)
    device = second_factor.pending_device(user) if enrolling else None
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            verified = device if second_factor.confirm(device, code) else None
        else:
            verified = second_factor.verify(user, code)
        if verified is not None:
            otp_login(request, verified)
            return redirect(nxt)
        form.add_error(
            "code", "コードが違います。認証アプリに今出ている6桁の数字を入力してください。"
        )
    context = {"form": form, "enrolling": enrolling, "next": nxt}
    if enrolling:
        context.update(qr=second_factor.qr_svg(device), secret=second_factor.secret_b32(device))
    return render(request, "registration/second_factor.html", context)


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset, limited per client and per address (one mail each is plenty)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        wait = throttles.first_refusal(
            self.request,
            [
                throttles.ResetByClient(throttles.client_address(self.request)),
                throttles.ResetByEmail(email),
            ],
        )
        if wait is not None:
            return throttles.too_many(
                self.request,
                wait,
                "パスワード再設定の申し込みが続いたため、しばらく受け付けを止めています。"
                "届いたメールを確かめてください。",
            )
        return super().form_valid(form)
