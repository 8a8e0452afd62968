"""Renewal and insurance on the pages: one click for the volunteer, a paper renewal and the
insurance record for coordinators, nobody else; the candidates list shows the insurance."""

import pytest

from talent.models import FiscalYearRecord, Profile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lapsed(volunteer):
    Profile.objects.filter(user=volunteer).update(status="lapsed", valid_fiscal_year=2020)
    return Profile.objects.get(user=volunteer)


def test_the_volunteer_renews_with_one_click(as_user, volunteer, lapsed):
    client = as_user(volunteer)
    home = client.get("/me/").content.decode()
    assert "更新待ち" in home and "の登録を更新する" in home
    page = client.post(f"/profiles/{lapsed.pk}/renew/", {"next": "/me/"}, follow=True)
    assert "登録を更新しました" in page.content.decode()
    lapsed.refresh_from_db()
    assert lapsed.status == "published"
    assert lapsed.valid_fiscal_year >= 2026


def test_others_cannot_renew_or_record_insurance(as_user, other_volunteer, lapsed, school_a):
    teacher = factories.user("requester", username="teacher", organization=school_a)
    for user in (other_volunteer, teacher):
        for url, data in (
            (f"/profiles/{lapsed.pk}/renew/", {}),
            (f"/profiles/{lapsed.pk}/insurance/", {"fiscal_year": "2026", "insured": "1"}),
        ):
            assert as_user(user).post(url, data).status_code in (403, 404)
    assert as_user(None).post(f"/profiles/{lapsed.pk}/renew/").status_code == 302
    lapsed.refresh_from_db()
    assert lapsed.status == "lapsed"
    assert not FiscalYearRecord.objects.exists()


def test_a_coordinator_records_insurance_and_the_candidates_list_shows_it(
    as_user, coordinator, volunteer, school_a, settings
):
    settings.TSUNAGU_INSURANCE_REQUIRED = "block"
    profile = volunteer.profile
    Profile.objects.filter(pk=profile.pk).update(availability=["wed_am"])
    request = factories.request(school_a, title="読み聞かせ", description="絵本の読み聞かせ")
    client = as_user(coordinator)
    page = client.get(f"/coord/requests/{request.pk}/").content.decode()
    assert "令和8年度ボランティア保険 未加入（未確認）：加入を確認するまで確定できません" in page
    client.post(
        f"/profiles/{profile.pk}/insurance/",
        {"fiscal_year": "2026", "insured": "1", "policy": "市民活動保険 No.123"},
    )
    record = FiscalYearRecord.objects.get(profile=profile, fiscal_year=2026)
    assert (record.insured, record.insurance_policy) == (True, "市民活動保険 No.123")
    page = client.get(f"/coord/requests/{request.pk}/").content.decode()
    assert "令和8年度ボランティア保険 加入済み（市民活動保険 No.123）" in page


def test_a_nul_in_the_policy_is_refused_without_a_server_error(as_user, coordinator, volunteer):
    response = as_user(coordinator).post(
        f"/profiles/{volunteer.profile.pk}/insurance/",
        {"fiscal_year": "2026", "insured": "1", "policy": "a\x00b"},
        follow=True,
    )
    assert response.status_code == 200
    assert not FiscalYearRecord.objects.exists()


def test_paper_entry_offers_the_registered_person_first(as_user, coordinator, token):
    registered = factories.profile(
        display_name="髙橋 誠", furigana="たかはし まこと", phone="090-5555-6666"
    )
    data = {
        "once": token(), "kind": "instructor", "display_name": "高橋 誠",
        "furigana": "タカハシ マコト", "skills": "書道", "bio": "", "experience": "",
        "fee": "free", "phone": "09055556666", "email": "", "status": "published",
    }  # fmt: skip
    client = as_user(coordinator)
    page = client.post("/coord/profiles/new/", data)
    text = page.content.decode()
    assert "同じ人です" in text and f"/coord/profiles/{registered.pk}/" in text
    assert Profile.objects.count() == 1
    client.post("/coord/profiles/new/", {**data, "not_duplicate": "1"})
    assert Profile.objects.count() == 2


def test_renewal_year_shown_before_the_window(as_user, volunteer):
    Profile.objects.filter(user=volunteer).update(valid_fiscal_year=2099)
    home = as_user(volunteer).get("/me/").content.decode()
    assert "2100年3月31日" in home and "の登録を更新する" not in home
