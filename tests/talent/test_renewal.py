"""年度更新 and ボランティア保険, with the clock moved around March 31 / April 1."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from common.errors import Conflict, Forbidden
from matching import services as match_services
from matching.candidates import candidates_for_request
from talent import insurance, renewal
from talent.models import FiscalYearRecord, Profile
from talent.search import profile_search
from talent.selectors import profiles_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


def rollover(today: str) -> str:
    out = StringIO()
    call_command("fiscal_year_rollover", "--today", today, stdout=out)
    return out.getvalue()


@pytest.fixture
def registered_2026(volunteer):
    """The volunteer's registration, made in 年度 2026 (valid through 2027-03-31)."""
    profile = volunteer.profile
    Profile.objects.filter(pk=profile.pk).update(valid_fiscal_year=2026)
    profile.refresh_from_db()
    return profile


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2027, 1, 31), 2026),  # before renewal opens (02-01): the current 年度
        (date(2027, 2, 1), 2027),  # from 02-01: the coming one
        (date(2027, 3, 31), 2027),
        (date(2027, 4, 1), 2027),
        (date(2027, 4, 2), 2027),
        (date(2027, 12, 31), 2027),
    ],
)
def test_renewing_makes_the_registration_valid_for_the_right_year(today, year):
    assert renewal.renewal_year(today) == year


def test_march_31_changes_nothing_and_april_1_lapses_unrenewed_registrations(
    registered_2026, coordinator, school_a
):
    renewed = factories.profile(
        display_name="山田 太郎", skills="読み聞かせ", availability=["wed_am"]
    )
    Profile.objects.filter(pk=renewed.pk).update(valid_fiscal_year=2026)
    renewal.profile_renew(actor=coordinator, profile=renewed, today=date(2027, 2, 10))

    out = rollover("2027-03-31")
    assert "更新待ちにした登録: 0件" in out
    assert Profile.objects.get(pk=registered_2026.pk).status == "published"

    out = rollover("2027-04-01")
    assert f"更新待ちにした登録: 1件（ID: {registered_2026.pk}）" in out
    lapsed = Profile.objects.get(pk=registered_2026.pk)
    assert lapsed.status == "lapsed"
    assert lapsed.skills == "読み聞かせ、絵本"  # the data stays
    assert Profile.objects.get(pk=renewed.pk).status == "published"

    # out of matching and out of requesters' search; coordinators still see it
    request = factories.request(school_a, title="読み聞かせ", description="絵本の読み聞かせ")
    ids = [c.profile.pk for c in candidates_for_request(request).results]
    assert ids == [renewed.pk]
    teacher = factories.user("requester", username="teacher", organization=school_a)
    found = profile_search(profiles_visible_to(teacher), "読み聞かせ", viewer=teacher)
    assert list(found.values_list("pk", flat=True)) == [renewed.pk]
    assert profiles_visible_to(coordinator).filter(pk=lapsed.pk).exists()

    # running it again changes nothing more
    assert "更新待ちにした登録: 0件" in rollover("2027-04-01")
    assert "更新待ちにした登録: 0件" in rollover("2027-04-02")


def test_renewing_a_lapsed_registration_restores_it(registered_2026, volunteer):
    rollover("2027-04-01")
    profile = renewal.profile_renew(
        actor=volunteer, profile=registered_2026, today=date(2027, 4, 5)
    )
    assert (profile.status, profile.valid_fiscal_year) == ("published", 2027)
    record = FiscalYearRecord.objects.get(profile=profile, fiscal_year=2027)
    assert record.renewed_by == volunteer
    assert "0件" in rollover("2027-04-06")


def test_volunteers_are_asked_to_renew_once_from_the_city_s_date(registered_2026):
    assert "更新を案内した人: 0人" in rollover("2027-01-31")
    assert "更新を案内した人: 1人" in rollover("2027-02-01")
    assert "更新を案内した人: 0人" in rollover("2027-02-02")
    record = FiscalYearRecord.objects.get(profile=registered_2026, fiscal_year=2027)
    assert record.renewal_requested_at is not None


def test_a_bad_today_is_a_command_error_that_changes_nothing(registered_2026):
    for bad in ("2027-02-30", "2027/04/01", "tomorrow"):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("fiscal_year_rollover", "--today", bad)
    assert Profile.objects.get(pk=registered_2026.pk).status == "published"


def test_renew_api_for_the_volunteer_and_coordinators_only(
    api, registered_2026, volunteer, other_volunteer, coordinator, school_a
):
    url = f"/api/profiles/{registered_2026.pk}/renew/"
    teacher = factories.user("requester", username="teacher", organization=school_a)
    assert api.post(url).status_code in (401, 403)
    assert api.as_(other_volunteer).post(url).status_code == 403
    assert api.as_(teacher).post(url).status_code == 403
    assert not FiscalYearRecord.objects.exists()  # refused calls changed nothing
    response = api.as_(volunteer).post(url)
    assert response.status_code == 200
    year = renewal.renewal_year(date.today())
    assert response.json()["valid_fiscal_year"] == year
    assert response.json()["valid_until"] == f"{year + 1}-03-31"
    assert api.as_(coordinator).post(url).status_code == 200


def test_renewal_by_someone_else_is_forbidden(registered_2026, other_volunteer):
    with pytest.raises(Forbidden):
        renewal.profile_renew(actor=other_volunteer, profile=registered_2026)


# -- ボランティア保険 ----------------------------------------------------------------------------


@pytest.fixture
def proposed(volunteer, coordinator, school_a):
    request = factories.request(school_a, title="読み聞かせ", dates=[date(2027, 5, 10)])
    return match_services.match_propose(actor=coordinator, req=request, profile=volunteer.profile)


def test_block_mode_refuses_to_confirm_without_insurance_for_the_activity_year(
    settings, proposed, coordinator, volunteer
):
    settings.TSUNAGU_INSURANCE_REQUIRED = "block"
    with pytest.raises(Conflict, match="令和9年度のボランティア保険"):
        match_services.match_set_status(actor=coordinator, match=proposed, status="confirmed")
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    # insured for the wrong 年度 is not enough
    insurance.insurance_set(actor=coordinator, profile=volunteer.profile, year=2026, insured=True)
    with pytest.raises(Conflict):
        match_services.match_set_status(actor=coordinator, match=proposed, status="confirmed")
    insurance.insurance_set(
        actor=volunteer, profile=volunteer.profile, year=2027, insured=True, policy="市民活動保険"
    )
    assert (
        match_services.match_set_status(
            actor=coordinator, match=proposed, status="confirmed"
        ).status
        == "confirmed"
    )


@pytest.mark.parametrize("mode", ["warn", "off"])
def test_warn_and_off_modes_confirm_without_insurance(settings, proposed, coordinator, mode):
    settings.TSUNAGU_INSURANCE_REQUIRED = mode
    assert (
        match_services.match_set_status(
            actor=coordinator, match=proposed, status="confirmed"
        ).status
        == "confirmed"
    )


def test_insurance_label_says_the_year_and_policy(volunteer, coordinator):
    profile = volunteer.profile
    assert (
        insurance.insurance_of(profile, 2026).label == "令和8年度ボランティア保険 未加入（未確認）"
    )
    insurance.insurance_set(
        actor=coordinator, profile=profile, year=2026, insured=True, policy="ボランティア活動保険"
    )
    assert (
        insurance.insurance_of(profile, 2026).label
        == "令和8年度ボランティア保険 加入済み（ボランティア活動保険）"
    )
