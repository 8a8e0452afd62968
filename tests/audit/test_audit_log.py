"""Each kind of event writes exactly the expected audit entry (and a refused change none)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from audit import services as audit
from audit.models import AuditEntry
from common import clock
from common.errors import Forbidden
from matching import services as matching_services
from talent import services as talent_services
from tests import factories
from volunteers import services as volunteer_services

pytestmark = pytest.mark.django_db


def _entries(**filters) -> list[tuple]:
    return [
        (e.action, e.actor_name, e.target_type, e.target_id, e.changes, e.detail)
        for e in AuditEntry.objects.filter(**filters).order_by("id")
    ]


@pytest.fixture
def clean_log(coordinator, volunteer, other_volunteer, teacher_a, school_a):
    """The named people exist; the log starts empty for each test's own events."""
    AuditEntry.objects.all().delete()


def test_a_volunteer_registering_writes_one_entry_with_the_fields_that_matter(clean_log):
    user = factories.user("volunteer", username="newcomer")
    AuditEntry.objects.all().delete()
    profile = talent_services.profile_register(
        actor=user,
        data={
            "kind": "it_volunteer",
            "display_name": "高橋 次郎",
            "skills": "スマホ相談",
            "bio": "",
            "phone": "090-5555-6666",
            "availability": ["mon_am"],
        },
    )
    assert _entries() == [
        (
            "profile.register",
            "newcomer",
            "talent.profile",
            str(profile.pk),
            {
                "availability": [None, ["mon_am"]],
                "display_name": ["***", "***"],
                "fee": [None, "free"],
                "kind": [None, "it_volunteer"],
                "phone": ["***", "***"],
                "skills": [None, "スマホ相談"],
                "status": [None, "pending"],
            },
            {},
        )
    ]


def test_an_edit_records_before_and_after_of_what_changed_only(clean_log, volunteer):
    profile = volunteer.profile
    talent_services.profile_edit(
        actor=volunteer,
        profile=profile,
        data={"skills": "読み聞かせ、紙芝居", "phone": "090-9999-0000", "fee": "free"},
    )
    assert _entries() == [
        (
            "profile.edit",
            "volunteer",
            "talent.profile",
            str(profile.pk),
            {"phone": ["***", "***"], "skills": ["読み聞かせ、絵本", "読み聞かせ、紙芝居"]},
            {},
        )
    ]


def test_a_screening_decision_is_its_own_action(clean_log, coordinator):
    profile = factories.profile(status="pending")
    AuditEntry.objects.all().delete()
    talent_services.profile_set_status(
        actor=coordinator, profile=profile, status="draft", note="連絡先を確認してください"
    )
    assert _entries() == [
        (
            "profile.screening",
            "coordinator",
            "talent.profile",
            str(profile.pk),
            {"screening_note": ["***", "***"], "status": ["pending", "draft"]},
            {},
        )
    ]


def test_a_refused_change_leaves_no_entry(clean_log, other_volunteer, volunteer):
    with pytest.raises(Forbidden):
        talent_services.profile_edit(
            actor=other_volunteer, profile=volunteer.profile, data={"skills": "x"}
        )
    assert _entries() == []


def test_requests_matches_and_activities_each_write_their_entry(
    clean_log, coordinator, teacher_a, school_a, volunteer
):
    req = matching_services.request_create(
        actor=teacher_a,
        organization=school_a,
        data={"title": "読み聞かせ", "description": "2年生に", "headcount": 1},
    )
    matching_services.request_edit(actor=teacher_a, req=req, data={"headcount": 2})
    match = matching_services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    matching_services.match_set_status(actor=volunteer, match=match, status="accepted")
    matching_services.match_set_status(actor=coordinator, match=match, status="confirmed")
    record = volunteer_services.match_complete(
        actor=teacher_a, match=match, date=clock.today(), hours=Decimal("1.5")
    )
    got = [(a, who, t, i, c) for a, who, t, i, c, _ in _entries()]
    assert got == [
        (
            "request.create",
            "teacher_a",
            "matching.request",
            str(req.pk),
            {
                "description": [None, "2年生に"],
                "headcount": [None, 1],
                "status": [None, "open"],
                "title": [None, "読み聞かせ"],
            },
        ),
        ("request.edit", "teacher_a", "matching.request", str(req.pk), {"headcount": [1, 2]}),
        (
            "match.propose",
            "coordinator",
            "matching.match",
            str(match.pk),
            {"status": [None, "proposed"]},
        ),
        (
            "match.status",
            "volunteer",
            "matching.match",
            str(match.pk),
            {"status": ["proposed", "accepted"]},
        ),
        (
            "match.status",
            "coordinator",
            "matching.match",
            str(match.pk),
            {"status": ["accepted", "confirmed"]},
        ),
        (
            "match.status",
            "teacher_a",
            "matching.match",
            str(match.pk),
            {"status": ["confirmed", "completed"]},
        ),
        (
            "activity.record",
            "teacher_a",
            "volunteers.activityrecord",
            str(record.pk),
            {"date": [None, str(clock.today())], "hours": [None, "1.5"]},
        ),
    ]


def test_logins_and_failed_logins_on_the_page(clean_log, volunteer):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.post("/login/", {"username": "volunteer", "password": "wrong"})
    client.post("/login/", {"username": "volunteer", "password": "pass-Word-123"})
    assert _entries() == [
        (
            "login_failed",
            "",
            "",
            "",
            {},
            {"username": "volunteer", "channel": "web", "ip": "192.0.2.7"},
        ),
        (
            "login",
            "volunteer",
            "accounts.user",
            str(volunteer.pk),
            {},
            {"channel": "web", "ip": "192.0.2.7"},
        ),
    ]


def test_a_failed_token_request_is_recorded_with_what_was_typed(clean_log, api):
    api.as_(None).post(
        "/api/auth/token/", {"username": "no\u0000body", "password": "x"}, format="json"
    )
    api.as_(None).post("/api/auth/token/", {"username": "nobody", "password": "x"}, format="json")
    assert [(a, d["username"], d["channel"]) for a, _, _, _, _, d in _entries()] == [
        ("login_failed", "nobody", "api")
    ]


def test_showing_contact_data_is_recorded(clean_log, api, coordinator, volunteer):
    api.as_(coordinator).get(f"/api/profiles/{volunteer.profile.pk}/")
    assert [(a, who, t, i, d) for a, who, t, i, _, d in _entries()] == [
        (
            "contact_view",
            "coordinator",
            "talent.profile",
            str(volunteer.profile.pk),
            {
                "channel": "api",
                "profile_ids": [volunteer.profile.pk],
                "fields": ["email", "phone"],
            },
        )
    ]


def test_a_list_of_contacts_is_one_entry_naming_everyone_shown(
    clean_log, api, coordinator, volunteer, other_volunteer
):
    api.as_(coordinator).get("/api/profiles/")
    entries = [(a, t, i, d) for a, _, t, i, _, d in _entries()]
    ids = sorted([volunteer.profile.pk, other_volunteer.profile.pk])
    assert len(entries) == 1
    action, target_type, target_id, detail = entries[0]
    assert (action, target_type, target_id, detail["channel"]) == ("contact_view", "", "", "api")
    assert detail["profile_ids"] == ids


def test_an_export_entry_through_record(clean_log, coordinator):
    audit.record(actor=coordinator, action="export", detail={"file": "profiles.csv", "rows": 3})
    assert _entries() == [
        ("export", "coordinator", "", "", {}, {"file": "profiles.csv", "rows": 3})
    ]


def test_creating_a_login_is_recorded_without_its_name(clean_log, coordinator):
    from accounts.services import user_create

    user = user_create(
        username="kana", password="x", role="volunteer", check_password=False, actor=coordinator
    )
    assert _entries() == [
        (
            "user.create",
            "coordinator",
            "accounts.user",
            str(user.pk),
            {"role": [None, "volunteer"], "username": ["***", "***"]},
            {},
        )
    ]


def test_purge_removes_only_entries_past_the_retention(clean_log, settings, capsys):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    old = audit.record(actor=None, action="login_failed")
    recent = audit.record(actor=None, action="login_failed")
    AuditEntry.objects.filter(pk=old.pk).update(at=now - timedelta(days=31))
    AuditEntry.objects.filter(pk=recent.pk).update(at=now - timedelta(days=29))
    call_command("purge_audit_log")
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "30日より古い監査ログを 1 件削除しました。" in capsys.readouterr().out


def test_purge_takes_a_number_of_days(clean_log, capsys):
    entry = audit.record(actor=None, action="login_failed")
    AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=8))
    call_command("purge_audit_log", "--days", "7")
    assert not AuditEntry.objects.exists()
