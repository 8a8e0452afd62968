"""ボランティア保険: per volunteer per 年度, enrolled or not and the policy.

The city chooses (``TSUNAGU_INSURANCE_REQUIRED``) what confirming a match needs:
``off`` (not asked), ``warn`` (the candidates page shows who is not enrolled; confirming
is allowed), ``block`` (confirming someone not enrolled for the activity's 年度 is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from common.errors import Conflict, Forbidden, InvalidInput
from lib.fiscal import fiscal_year_of, today_in_tokyo, wareki_fiscal_year
from talent import policies
from talent.models import FiscalYearRecord, Profile

MODES = ("off", "warn", "block")


def mode() -> str:
    return settings.TSUNAGU_INSURANCE_REQUIRED


@dataclass(frozen=True)
class Insurance:
    fiscal_year: int
    insured: bool
    policy: str

    @property
    def label(self) -> str:
        year = f"{wareki_fiscal_year(self.fiscal_year)}"
        if self.insured:
            return f"{year}ボランティア保険 加入済み" + (
                f"（{self.policy}）" if self.policy else ""
            )
        return f"{year}ボランティア保険 未加入（未確認）"


def insurance_of(profile: Profile, year: int) -> Insurance:
    record = FiscalYearRecord.objects.filter(profile=profile, fiscal_year=year).first()
    if record is None:
        return Insurance(year, False, "")
    return Insurance(year, record.insured, record.insurance_policy)


def insurance_for_many(profile_ids, year: int) -> dict[int, Insurance]:
    """One query for a page of candidates."""
    found = {
        r.profile_id: Insurance(year, r.insured, r.insurance_policy)
        for r in FiscalYearRecord.objects.filter(profile_id__in=list(profile_ids), fiscal_year=year)
    }
    return {pid: found.get(pid, Insurance(year, False, "")) for pid in profile_ids}


@transaction.atomic
def insurance_set(
    *, actor, profile: Profile, year: int, insured: bool, policy: str = ""
) -> FiscalYearRecord:
    """Record whether ``profile`` is insured for 年度 ``year`` (the volunteer or a coordinator)."""
    if not policies.can_edit_profile(actor, profile):
        raise Forbidden("保険の記録は本人かコーディネーターが行えます。")
    if "\x00" in policy:
        raise InvalidInput(
            "保険の内容に使えない文字が含まれています。",
            fields={"insurance_policy": ["使えない文字（NUL）が含まれています。"]},
        )
    record, _ = FiscalYearRecord.objects.select_for_update().get_or_create(
        profile=profile, fiscal_year=year
    )
    record.insured = insured
    record.insurance_policy = policy.strip()[:200] if insured else ""
    record.save(update_fields=["insured", "insurance_policy", "updated_at"])
    return record


def activity_year(dates) -> int:
    """The 年度 a match is for: its first date's, else today's."""
    first = min(dates) if dates else None
    return fiscal_year_of(first if isinstance(first, date) else today_in_tokyo())


def check_confirmation(profile: Profile, dates) -> None:
    """Raise Conflict when the city requires insurance and ``profile`` lacks it (block mode)."""
    if mode() != "block":
        return
    insurance = insurance_of(profile, activity_year(dates))
    if not insurance.insured:
        raise Conflict(
            f"{profile.display_name}さんの{wareki_fiscal_year(insurance.fiscal_year)}のボランティア保険の加入が"
            "確認できないため、確定できません。加入を確認して記録してから確定してください。",
            code="insurance_required",
        )
