"""The 年度 report: one dict of figures (the API's JSON), read by the pages, the charts and
the exports alike."""

from office.reports.figures import activity_figures, match_figures, profile_figures, request_figures
from office.reports.period import Period, parse_fiscal_year
from office.reports.targets import targets_against_actuals
from office.reports.unmet import unmet_needs

__all__ = ["Period", "fiscal_year_report", "parse_fiscal_year"]


def fiscal_year_report(year: int) -> dict:
    """Every figure of 年度 ``year`` (April 1 – March 31, Asia/Tokyo). A year with no data
    gives zeros."""
    period = Period(year)
    report = {
        "fiscal_year": year,
        "fiscal_year_wareki": period.wareki,
        "period": {
            "start": period.first_day.isoformat(),
            "end": period.last_day.isoformat(),
            "timezone": "Asia/Tokyo",
        },
        "months": period.month_labels,
        "profiles": profile_figures(period),
        "requests": request_figures(period),
        "matches": match_figures(period),
        "activities": activity_figures(period),
        "unmet_needs": unmet_needs(period),
    }
    report["targets"] = targets_against_actuals(year, report)
    return report
