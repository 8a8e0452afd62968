"""Hostile values in every field of every page's form, as every role: never a 500.

The field names come from every form the pages load and the pages from web/urls.py, so a new
form or page is covered without touching this file.
"""

import pytest
from django import forms as django_forms
from django.test import Client
from django.urls import URLPattern

from tests import factories
from web.forms.requests import MAX_DATES
from web.urls import urlpatterns

pytestmark = pytest.mark.django_db

# What a browser (or a script) can put in a form field: decoded form values can hold NUL and
# any text; broken UTF-8 arrives as replacement characters.
VALUES = [
    "a\x00b",
    "\x00",
    "x" * 5000,
    "1.5",
    "1e309",
    "99999999999999999999",
    "%ED%A0%80",
]


def _field_names() -> set[str]:
    """Every field of every form class loaded by the pages (web.urls imports every view)."""
    names, stack = set(), [django_forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names |= set(getattr(cls, "base_fields", {}))
    # Fields added per instance (the request dates) and the buttons' names.
    return names | {f"date_{i}" for i in range(1, MAX_DATES + 1)} | {"to", "next", "note"}


def _urls(pk: int) -> list[str]:
    urls = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if "<uidb64>" in route or route == "logout/":  # logging out would end the role
            continue
        urls.append("/" + route.replace("<int:pk>", str(pk)))
    return urls


@pytest.mark.parametrize("role", ["anonymous", "volunteer", "requester", "coordinator"])
def test_hostile_form_values_never_give_a_server_error(
    role, coordinator, volunteer, teacher_a, school_a
):
    request = factories.request(school_a)
    match = factories.match(request=request, profile=volunteer.profile)
    user = {"anonymous": None, "volunteer": volunteer, "requester": teacher_a}.get(
        role, coordinator
    )
    client = Client()
    if user is not None:
        client.force_login(user)
    names = sorted(_field_names())
    failures = []
    count = 0
    urls = sorted({url for pk in (request.pk, match.pk, volunteer.profile.pk) for url in _urls(pk)})
    for url in urls:
        for value in VALUES:
            res = client.post(url, {name: value for name in names})
            count += 1
            if res.status_code >= 500:
                failures.append(("POST", url, value[:10], res.status_code))
            res = client.get(url, {name: value for name in ("q", "kind", "area", "status", "date")})
            if res.status_code >= 500:
                failures.append(("GET", url, value[:10], res.status_code))
    assert count > 100
    assert failures == []
