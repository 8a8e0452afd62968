"""With ``DJANGO_STAFF_2FA=all``, a coordinator who logged in with a password but has not yet
given the second factor may open only the code page, log out, and static files."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import second_factor

_OPEN = ("/static/", "/logout/", "/account/second-factor/", "/healthz")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_SECOND_FACTOR != "all":  # the common case: no session lookup here
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN)
            and not request.path.startswith("/admin/")  # the admin site asks on its own
            and second_factor.required(user, admin=False)
            and not user.is_verified()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "二段階認証が済んでいません。",
                        "code": "second_factor_required",
                        "errors": {},
                    },
                    status=403,
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('second_factor')}?{query}")
        return self.get_response(request)
