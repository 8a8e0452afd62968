"""Pages for everyone: the top page, the guide, the terms."""

from django.shortcuts import redirect, render

from web.access import ROLE_HOME


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
