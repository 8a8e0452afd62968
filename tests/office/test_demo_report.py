"""The demo city has a 年度 behind it: the report is not empty."""

import pytest
from django.core.management import call_command

from office.reports import fiscal_year_report

pytestmark = pytest.mark.django_db


def test_the_demo_citys_2026_report_has_a_year_of_activity():
    call_command("load_demo_city", verbosity=0)
    report = fiscal_year_report(2026)
    active_months = [m["month"] for m in report["activities"]["by_month"] if m["completed"]]
    # Dated in the fixture: May 20, 29; June 14 (2); July 10, 28; Aug 8; Sep 5, 18; Oct 7;
    # Nov 3.
    assert active_months == [
        "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"
    ]  # fmt: skip
    assert report["activities"]["completed"] == 11
    assert report["activities"]["hours"] == 27.0
    assert report["matches"]["declined"] >= 1
    needs = {n["topic"]: n for n in report["unmet_needs"]}
    assert needs["三味線"]["unfilled_requests"] == 2
    assert needs["三味線"]["people_offering"] == 0
    assert needs["手話"]["unfilled_requests"] == 2
    assert "講師" not in needs and "先生" not in needs
