"""The Django admin, behind the staff second factor (accounts/second_factor.py)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts import second_factor


def _verified(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


class AdminSite(admin.AdminSite):
    site_header = "つなぐ 管理画面"
    site_title = "つなぐ 管理画面"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not second_factor.required(request.user, admin=True) or _verified(request)

    def login(self, request, extra_context=None):
        # Password accepted but no second factor yet: the code page, then back to the admin.
        user = request.user
        if (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and second_factor.required(user, admin=True)
            and not _verified(request)
        ):
            nxt = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('second_factor')}?{urlencode({'next': nxt})}")
        return super().login(request, extra_context)
