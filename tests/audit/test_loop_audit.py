"""The use cases of the loop (organizations, invitations, raised hands, hours) write exactly
the expected audit entry; a refused one writes none. Expected entries are written out here."""

from datetime import date
from decimal import Decimal

import pytest

from audit.models import AuditEntry
from common.errors import Conflict
from matching import interest
from matching import services as matching_services
from onboarding import services as onboarding
from tests import factories
from volunteers.services import activity_confirm, match_complete

pytestmark = pytest.mark.django_db


def _log() -> list[tuple]:
    return [
        (e.action, e.actor_name, e.target_type, e.changes, e.detail)
        for e in AuditEntry.objects.order_by("id")
    ]


@pytest.fixture
def clean(coordinator, volunteer, teacher_a, school_a):
    AuditEntry.objects.all().delete()


def test_editing_an_organization_records_before_and_after(clean, coordinator, school_a):
    old = school_a.name
    matching_services.organization_update(
        actor=coordinator, organization=school_a, data={"name": "みどり野市立中央小学校"}
    )
    assert _log() == [
        (
            "organization.edit",
            "coordinator",
            "matching.organization",
            {"name": [old, "みどり野市立中央小学校"]},
            {},
        )
    ]


def test_an_invitation_and_its_use_are_recorded_without_the_address(clean, coordinator, school_a):
    issued = onboarding.invitation_create(
        actor=coordinator, organization=school_a, email="new.teacher@school.example.jp"
    )
    pk = issued.invitation.pk
    onboarding.invitation_accept(
        invitation=issued.invitation, username="new_teacher", password="kokuban-no-uta-2026"
    )
    log = _log()
    assert [(a, who, t, d) for a, who, t, _, d in log if a.startswith("invitation")] == [
        ("invitation.create", "coordinator", "matching.organization", {"invitation": pk, "by": "email"}),
        ("invitation.accept", "new_teacher", "matching.organization", {"invitation": pk}),
    ]  # fmt: skip
    assert "new.teacher@school.example.jp" not in str(log)


def test_raising_and_taking_back_a_hand_are_recorded(clean, volunteer, school_a):
    req = factories.request(school_a)
    AuditEntry.objects.all().delete()
    interest.interest_raise(actor=volunteer, req=req)
    interest.interest_withdraw(actor=volunteer, req=req)
    with pytest.raises(Conflict):
        interest.interest_withdraw(actor=volunteer, req=req)  # refused: nothing more
    detail = {"profile": volunteer.profile.pk}
    assert _log() == [
        ("interest.raise", "volunteer", "matching.request", {}, detail),
        ("interest.withdraw", "volunteer", "matching.request", {}, detail),
    ]


def test_the_volunteer_confirming_hours_is_recorded(
    clean, coordinator, volunteer, teacher_a, school_a, clock
):
    req = factories.request(school_a, dates=[date(2026, 12, 9)])
    match = matching_services.match_propose(actor=coordinator, req=req, profile=volunteer.profile)
    match = matching_services.match_set_status(actor=coordinator, match=match, status="confirmed")
    clock.pin(date(2026, 12, 9))
    record = match_complete(actor=teacher_a, match=match, date=date(2026, 12, 9), hours=2)
    AuditEntry.objects.all().delete()
    activity_confirm(actor=volunteer, record=record, hours=Decimal("2.5"))
    assert _log() == [
        (
            "activity.confirm",
            "volunteer",
            "volunteers.activityrecord",
            {},
            {"hours": "2.5", "state": "disputed"},
        )
    ]
