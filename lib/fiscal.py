"""The city's calendar: 年度 (April–March) and 和暦 (令和8年度). No Django.

A 年度 YYYY runs from April 1 YYYY to March 31 YYYY+1. Eras are counted from their first day
(令和 from 2019-05-01, so April 2019 is still 平成31年 while the 2019 年度 is called 令和元年度,
the name the city used for it). The first year of an era is written 元年.
"""

from __future__ import annotations

from datetime import date

# (first day, name), newest first. Older eras than 昭和 are never needed here.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)
WEEKDAYS = "月火水木金土日"


def fiscal_year_of(day: date) -> int:
    """The 年度 a date belongs to: 2027-03-31 → 2026, 2027-04-01 → 2027."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of 年度 ``year``: (April 1 year, March 31 year+1)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def fiscal_year_months(year: int) -> list[tuple[int, int]]:
    """The twelve (year, month) pairs of 年度 ``year``, April first."""
    return [(year, m) for m in range(4, 13)] + [(year + 1, m) for m in range(1, 4)]


def _era_of(day: date) -> tuple[str, int]:
    for first, name in ERAS:
        if day >= first:
            return name, day.year - first.year + 1
    raise ValueError(f"{day.isoformat()} is before 昭和")


def _year_number(n: int) -> str:
    return "元" if n == 1 else str(n)


def wareki_date(day: date, *, weekday: bool = False) -> str:
    """令和8年4月1日 (with ``weekday``: 令和8年4月1日(水))."""
    era, n = _era_of(day)
    text = f"{era}{_year_number(n)}年{day.month}月{day.day}日"
    if weekday:
        text += f"({WEEKDAYS[day.weekday()]})"
    return text


def wareki_fiscal_year(year: int) -> str:
    """令和8年度 for 2026: the era year of calendar year ``year``, named after the era in force
    at its end, so the 2019 年度, which began under 平成, is 令和元年度 (as the city names it)."""
    era, n = _era_of(date(year, 12, 31))
    return f"{era}{_year_number(n)}年度"
