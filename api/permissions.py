from rest_framework.permissions import BasePermission

from accounts.roles import is_coordinator


class IsCoordinator(BasePermission):
    message = "この操作はコーディネーターだけが行えます。"

    def has_permission(self, request, view) -> bool:
        return is_coordinator(request.user)
