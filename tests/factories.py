"""Test data built through the services, so every row is what the real write paths produce."""

import itertools
from datetime import date

from accounts.services import user_create
from accounts.system import SYSTEM
from matching import services as matching_services
from matching.models import Organization
from talent import services as talent_services
from talent.models import Area

_seq = itertools.count(1)


def area(name: str = "中央地区") -> Area:
    return Area.objects.get_or_create(name=name, defaults={"furigana": ""})[0]


def organization(name: str | None = None, kind: str = "school", **extra) -> Organization:
    data = {"name": name or f"テスト小学校{next(_seq)}", "kind": kind, **extra}
    return matching_services.organization_create(actor=SYSTEM, data=data)


def user(role: str, *, username: str | None = None, organization=None, password="pass-Word-123"):
    login = {
        "username": username or f"{role}{next(_seq)}",
        "password": password,
        "check_password": False,
    }
    if role == "requester":
        return matching_services.requester_create(organization=organization, **login)
    return user_create(role=role, **login)


def profile(*, areas=(), status: str = "published", owner=None, **fields):
    data = {
        "kind": "instructor",
        "display_name": f"山田 太郎{next(_seq)}",
        "furigana": "やまだ たろう",
        "skills": "書道を教えられます",
        "bio": "元小学校教員です。",
        "email": "yamada@example.jp",
        "phone": "090-0000-1234",
        **fields,
    }
    return talent_services.profile_register(
        actor=SYSTEM, data=data, areas=list(areas), status=status, owner=owner
    )


def request(organization, **fields):
    data = {
        "title": "書道のゲストティーチャー",
        "description": "3年生の書写の授業で、筆の使い方を教えてください。",
        "dates": [date(2026, 12, 9)],
        "time_band": "am",
        "headcount": 1,
        **fields,
    }
    status = data.pop("status", "open")
    return matching_services.request_create(
        actor=SYSTEM, organization=organization, data=data, status=status, history=True
    )


def token(user) -> str:
    """A fresh API token for ``user`` (the secret the client sends), as the login issues it."""
    from accounts.tokens import token_issue

    return token_issue(user=user)[1]


def match(*, request, profile, note: str = ""):
    """A proposal, made by the system actor (a coordinator)."""
    return matching_services.match_propose(actor=SYSTEM, req=request, profile=profile, note=note)
