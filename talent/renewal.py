"""年度更新: a registration is valid through March 31 of its 年度 (Asia/Tokyo).

- From the date the city sets (``TSUNAGU_RENEWAL_OPENS``, e.g. 02-01) to March 31, a volunteer
  whose registration ends that March 31 is asked to renew (once a 年度), and renewing then makes
  it valid for the coming 年度. Renewing at any other time makes it valid for the current one.
- From April 1, ``fiscal_year_rollover`` marks published registrations that were not renewed
  更新待ち (``ProfileStatus.LAPSED``): out of matching and of requesters' search, data kept.
  Renewing publishes them again.

Renewal is one click by the volunteer (their page, ``POST /api/profiles/{id}/renew/``) or a
coordinator entering a paper renewal. Both run ``profile_renew``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common import events
from common.errors import Forbidden
from lib.fiscal import fiscal_year_bounds, fiscal_year_of, today_in_tokyo
from talent import policies, services
from talent.models import FiscalYearRecord, Profile, ProfileStatus

log = logging.getLogger(__name__)


def renewal_opens(year: int) -> date:
    """The day renewal for 年度 ``year`` + 1 opens (in the calendar year ``year`` + 1)."""
    month, day = (int(x) for x in settings.TSUNAGU_RENEWAL_OPENS.split("-"))
    return date(year + 1, month, day)


def renewal_year(today: date) -> int:
    """The 年度 a renewal made on ``today`` is for: the coming one once renewal has opened."""
    year = fiscal_year_of(today)
    return year + 1 if today >= renewal_opens(year) else year


def needs_renewal(profile: Profile, today: date | None = None) -> bool:
    """Whether the volunteer's page should offer (and ask for) renewal now."""
    today = today or today_in_tokyo()
    return profile.valid_fiscal_year < renewal_year(today)


def valid_until(profile: Profile) -> date:
    return fiscal_year_bounds(profile.valid_fiscal_year)[1]


@transaction.atomic
def profile_renew(*, actor, profile: Profile, today: date | None = None) -> Profile:
    """Renew ``profile`` (the volunteer themself, or a coordinator from a paper form).

    Valid for the current 年度 (the coming one once renewal has opened); a 更新待ち
    registration is published again. Renewing twice changes nothing more.
    """
    if not policies.can_edit_profile(actor, profile):
        raise Forbidden("登録の更新は本人かコーディネーターが行えます。")
    today = today or today_in_tokyo()
    year = renewal_year(today)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.valid_fiscal_year < year:
        profile.valid_fiscal_year = year
        profile.save(update_fields=["valid_fiscal_year", "updated_at"])
    if profile.status == ProfileStatus.LAPSED:
        profile = services.profile_set_status(
            actor=actor, profile=profile, status=ProfileStatus.PUBLISHED
        )
    record, _ = FiscalYearRecord.objects.get_or_create(profile=profile, fiscal_year=year)
    if record.renewed_at is None:
        record.renewed_at = timezone.now()
        record.renewed_by = actor if actor.is_authenticated and actor.pk else None
        record.save(update_fields=["renewed_at", "renewed_by", "updated_at"])
    return profile


@dataclass
class RolloverResult:
    fiscal_year: int
    lapsed: list[int] = field(default_factory=list)
    asked: list[int] = field(default_factory=list)


@transaction.atomic
def fiscal_year_rollover(*, today: date) -> RolloverResult:
    """What the city's daily job does on ``today``; running it again changes nothing more.

    From April 1: published registrations not valid for the current 年度 become 更新待ち.
    From the renewal date to March 31: volunteers whose registration ends that March 31 are
    asked to renew, once.
    """
    year = fiscal_year_of(today)
    result = RolloverResult(fiscal_year=year)
    stale = Profile.objects.filter(status=ProfileStatus.PUBLISHED, valid_fiscal_year__lt=year)
    for profile in stale.order_by("id"):
        services.profile_lapse(profile=profile)
        result.lapsed.append(profile.id)
    target = renewal_year(today)
    if target > year:
        due = Profile.objects.filter(
            status__in=[ProfileStatus.PUBLISHED, ProfileStatus.PENDING],
            valid_fiscal_year__lt=target,
        ).exclude(
            year_records__fiscal_year=target, year_records__renewal_requested_at__isnull=False
        )
        for profile in due.order_by("id"):
            record, _ = FiscalYearRecord.objects.get_or_create(profile=profile, fiscal_year=target)
            record.renewal_requested_at = timezone.now()
            record.save(update_fields=["renewal_requested_at", "updated_at"])
            ask_to_renew(profile, target)
            result.asked.append(profile.id)
    return result


def ask_to_renew(profile: Profile, year: int) -> None:
    """Tell the volunteer to renew for 年度 ``year``: one notification (a mail, or the
    coordinators' 「電話で連絡」 list for paper registrants), written in the caller's
    transaction beside FiscalYearRecord.renewal_requested_at, which keeps it to once a 年度."""
    log.info("renewal requested: profile %s for fiscal year %s", profile.pk, year)
    events.emit(events.RENEWAL_REQUESTED, profile=profile, fiscal_year=year)
