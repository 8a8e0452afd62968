"""年度 and 和暦: hand-written expectations."""

from datetime import date

import pytest

from lib.fiscal import (
    fiscal_year_bounds,
    fiscal_year_months,
    fiscal_year_of,
    wareki_date,
    wareki_fiscal_year,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2027, 3, 31), 2026),
        (date(2027, 4, 1), 2027),
        (date(2026, 4, 1), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
    ],
)
def test_it_puts_a_date_in_its_fiscal_year(day, year):
    assert fiscal_year_of(day) == year


def test_it_gives_the_bounds_and_months_of_a_fiscal_year():
    assert fiscal_year_bounds(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    months = fiscal_year_months(2026)
    assert months[0] == (2026, 4) and months[8] == (2026, 12) and months[9] == (2027, 1)
    assert months[-1] == (2027, 3) and len(months) == 12


@pytest.mark.parametrize(
    ("year", "text"),
    [
        (2026, "令和8年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_it_names_the_fiscal_year_in_wareki(year, text):
    assert wareki_fiscal_year(year) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 4, 1), "令和8年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_it_writes_dates_in_wareki(day, text):
    assert wareki_date(day) == text


def test_it_adds_the_weekday_on_request():
    assert wareki_date(date(2027, 1, 20), weekday=True) == "令和9年1月20日(水)"
