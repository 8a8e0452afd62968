"""The coordinators' page of the audit log: who may open it, and its filters."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit import services as audit
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(coordinator, volunteer, teacher_a):
    AuditEntry.objects.all().delete()
    now = timezone.now()
    rows = [
        (coordinator, "export", {"file": "profiles.csv"}, now),
        (volunteer, "login", {"channel": "web"}, now - timedelta(days=3)),
        (None, "login_failed", {"username": "mallory"}, now - timedelta(days=10)),
        (teacher_a, "request.create", {}, now - timedelta(days=40)),
    ]
    for actor, action, detail, at in rows:
        entry = audit.record(actor=actor, action=action, detail=detail)
        AuditEntry.objects.filter(pk=entry.pk).update(at=at)


def _page(user, **params):
    client = Client()
    client.force_login(user)
    # force_login is a login too, and is logged: keep the table to the fixture's rows.
    AuditEntry.objects.filter(action="login", actor_id=user.pk).delete()
    return client.get("/coord/audit/", params)


def _actions(res) -> list[str]:
    return [e.action for e in res.context["page"].object_list]


def test_only_coordinators_open_it(log, volunteer, teacher_a):
    assert _page(volunteer).status_code == 403
    assert _page(teacher_a).status_code == 403
    assert Client().get("/coord/audit/").status_code == 302


def test_newest_first_with_japanese_labels(log, coordinator):
    res = _page(coordinator)
    assert _actions(res) == ["export", "login", "login_failed", "request.create"]
    page = res.content.decode()
    assert "書き出し" in page and "ログイン失敗" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "login_failed"}, ["login_failed"]),
        ({"actor": "teach"}, ["request.create"]),
        ({"actor": "volunteer", "action": "login"}, ["login"]),
    ],
)
def test_filters_by_who_and_what(log, coordinator, params, expected):
    res = _page(coordinator, **params)
    assert _actions(res) == expected


def test_filters_by_date_range_both_days_included(log, coordinator):
    today = timezone.localdate()
    res = _page(
        coordinator,
        since=(today - timedelta(days=10)).isoformat(),
        until=(today - timedelta(days=3)).isoformat(),
    )
    assert _actions(res) == ["login", "login_failed"]


def test_a_reversed_range_is_explained(log, coordinator):
    res = _page(coordinator, since="2026-05-01", until="2026-04-01")
    assert res.status_code == 200
    assert "「いつまで」は「いつから」より後の日付にしてください。" in res.content.decode()
