"""The 年度 report against figures counted by hand on tests/office/city_year.py."""

import pytest
from django.test import override_settings

from office.models import Target
from office.reports import fiscal_year_report
from tests.office import city_year

pytestmark = pytest.mark.django_db

MONTHS = [
    "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03",
]  # fmt: skip


def by_month(section, name):
    return [row[name] for row in section["by_month"]]


def month(**counts):
    """Twelve figures from {"apr": 1, "mar": 2}; every other month 0."""
    keys = ["apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar"]
    return [counts.get(k, 0) for k in keys]


@pytest.fixture
def city(db):
    return city_year.build()


@pytest.fixture
def report(city):
    return fiscal_year_report(2026)


def test_it_counts_registrations_by_the_tokyo_date(report):
    profiles = report["profiles"]
    # P1 (15:00 UTC March 31 = April 1 in Tokyo), P3 (23:59 March 31 2027 in Tokyo), P5.
    # Not P2 (23:59 March 31 2026 in Tokyo) nor P4 (April 1 2027 in Tokyo).
    assert profiles["registered"] == 3
    assert by_month(profiles, "registered") == month(apr=1, jun=1, mar=1)

    def table(rows, key):
        return {r[key]: (r["registered"], r["published"], r["active"]) for r in rows}

    # (new, published, active): P1 instructor 中央 (1, 1, 1); P2 it, no 地区 (0, 1, 1);
    # P3 school_support 東 (1, 0, 0); P5 it, no 地区 (1, 1, 0).
    assert table(profiles["by_kind"], "kind") == {
        "instructor": (1, 1, 1),
        "it_volunteer": (1, 2, 1),
        "school_support": (1, 0, 0),
    }
    assert table(profiles["by_area"], "area") == {
        "中央地区": (1, 1, 1),
        "東地区": (1, 0, 0),
        "地区未設定": (1, 2, 1),
    }


def test_it_counts_publications_by_their_first_publication(report):
    # P1 and P2 in April, P5 in June; P3 is pending, P4 was published in the next 年度.
    assert report["profiles"]["published"] == 3
    assert by_month(report["profiles"], "published") == month(apr=2, jun=1)


def test_it_counts_active_volunteers_and_those_active_more_than_once(report):
    # P1 (June 1 and March 31), P2 (July 20); P1's April 1 2027 activity is next year.
    assert report["profiles"]["active"] == 2
    assert report["profiles"]["active_more_than_once"] == 1
    assert by_month(report["profiles"], "active") == month(jun=1, jul=1, mar=1)


def test_it_sorts_requests_by_how_far_they_were_filled(report):
    requests = report["requests"]
    # R1..R5 and R8; R6 is a draft, R7 is April 1 2027 in Tokyo.
    assert requests["posted"] == 6
    assert requests["filled"] == 2  # R1, R8
    assert requests["partly_filled"] == 1  # R2: one of two
    assert requests["unfilled"] == 2  # R3 (its confirmation was cancelled), R4
    assert requests["withdrawn"] == 1  # R5
    assert by_month(requests, "posted") == month(may=1, jul=1, aug=1, sep=1, oct=1, jan=1)
    assert by_month(requests, "filled") == month(may=1, jan=1)
    kinds = {r["kind"]: r for r in requests["by_organization_kind"]}
    assert (kinds["school"]["posted"], kinds["school"]["filled"]) == (4, 2)
    assert (kinds["school"]["unfilled"], kinds["school"]["withdrawn"]) == (1, 1)
    assert (kinds["kominkan"]["posted"], kinds["kominkan"]["partly_filled"]) == (1, 1)
    assert (kinds["community"]["posted"], kinds["community"]["unfilled"]) == (1, 1)


def test_cancelled_and_declined_matches_do_not_count_as_confirmed(report):
    matches = report["matches"]
    assert matches["proposed"] == 5  # M1, M2, M3, M4, M6 (M5 was proposed on April 1 2027)
    assert matches["confirmed"] == 3  # M1, M2, M6: not M4 (cancelled), not M5 (next year)
    assert matches["declined"] == 1  # M3
    assert matches["cancelled"] == 1  # M4
    assert by_month(matches, "confirmed") == month(may=1, jul=1, jan=1)
    assert by_month(matches, "proposed") == month(may=1, jul=2, aug=1, jan=1)
    assert by_month(matches, "declined") == month(jul=1)
    # R1 → M1: 3 days, R2 → M2: 3 days, R8 → M6: 2.5 days.
    assert matches["days_to_confirmation"] == {"median": 3.0, "mean": 2.8}


def test_it_counts_activities_and_hours_by_the_activity_date(report):
    activities = report["activities"]
    assert activities["completed"] == 3  # June 1, July 20, March 31 2027 (not April 1 2027)
    assert activities["hours"] == 6.5
    assert activities["participants"] == 2
    assert by_month(activities, "completed") == month(jun=1, jul=1, mar=1)
    assert by_month(activities, "hours") == month(jun=2.0, jul=1.5, mar=3.0)
    assert activities["ratings"]["count"] == 2
    assert activities["ratings"]["average"] == 4.5
    assert [r["count"] for r in activities["ratings"]["distribution"]] == [0, 0, 0, 1, 1]


def test_the_next_year_holds_what_crossed_the_boundary(city):
    report = fiscal_year_report(2027)
    assert report["profiles"]["registered"] == 1  # P4
    assert report["requests"]["posted"] == 1  # R7
    assert report["matches"]["confirmed"] == 1  # M5, confirmed 15:30 UTC March 31
    assert report["activities"]["completed"] == 1
    assert report["activities"]["hours"] == 1.0


def test_unmet_needs_group_the_unfilled_requests_by_synonym(city, report):
    needs = report["unmet_needs"]
    # R3 スマホ相談会の講師 and R4 スマートフォン教室の補助 share Sudachi's synonym group.
    first = needs[0]
    assert first["unfilled_requests"] == 2
    assert "スマートフォン" in first["words"]
    assert sorted(first["request_ids"]) == sorted([city.requests["r3"].id, city.requests["r4"].id])
    assert first["people_offering"] == 1  # P5 offers スマホ
    # Requests that were filled, withdrawn or drafts name no unmet need.
    every_word = {w for need in needs for w in need["words"]}
    assert not every_word & {"書道", "郷土史", "読み聞かせ", "英会話", "将棋", "昔遊び"}


def test_a_year_without_data_is_all_zeros(db):
    report = fiscal_year_report(2015)
    assert report["profiles"]["registered"] == 0
    assert report["requests"]["posted"] == 0
    assert report["matches"]["confirmed"] == 0
    assert report["activities"]["hours"] == 0
    assert by_month(report["activities"], "completed") == [0] * 12
    assert report["months"] == [m.replace("2026", "2015").replace("2027", "2016") for m in MONTHS]
    assert report["unmet_needs"] == []


def test_targets_are_shown_against_actuals(city):
    Target.objects.create(fiscal_year=2026, indicator="activities.hours", value=13)
    Target.objects.create(fiscal_year=2025, indicator="requests.posted", value=99)
    rows = {r["indicator"]: r for r in fiscal_year_report(2026)["targets"]}
    assert rows["activities.hours"]["target"] == 13.0
    assert rows["activities.hours"]["actual"] == 6.5
    assert rows["activities.hours"]["achieved_percent"] == 50.0
    assert rows["requests.posted"]["target"] is None  # that target is for another year


@override_settings(TIME_ZONE="UTC")
def test_the_boundary_is_tokyo_whatever_the_server_zone(city):
    assert fiscal_year_report(2026)["profiles"]["registered"] == 3
