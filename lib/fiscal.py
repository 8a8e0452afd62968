"""The city's calendar: 年度 (April–March) and 和暦 (令和8年度). No Django.

A 年度 YYYY runs from April 1 YYYY to March 31 YYYY+1. Eras are counted from their first day
(令和 from 2019-05-01, so April 2019 is still 平成31年 while the 2019 年度 is called 令和元年度,
the name the city used for it). The first year of an era is written 元年.

Dates as people type them into a spreadsheet are read by ``parse_date`` / ``parse_year``
(the import): ISO (2026-04-01, 2026/4/1), 和暦 with the era's name or initial (令和8年4月1日,
R8.4.1, Ｒ８．４．１, 令和元年5月1日, 昭和25年), Excel's serial day numbers (46113 = 2026-04-01),
full-width digits accepted.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# (first day, name), newest first. Older eras than 昭和 are never needed here.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)
WEEKDAYS = "月火水木金土日"
TOKYO = ZoneInfo("Asia/Tokyo")


def fiscal_year_of(day: date) -> int:
    """The 年度 a date belongs to: 2027-03-31 → 2026, 2027-04-01 → 2027."""
    return day.year if day.month >= 4 else day.year - 1


def today_in_tokyo(now: datetime | None = None) -> date:
    """Today in the city (Asia/Tokyo), whatever the server's time zone."""
    return (now or datetime.now(TOKYO)).astimezone(TOKYO).date()


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


# -- reading dates as typed ------------------------------------------------------------------

# Birth dates reach back before 昭和: every era since 明治, by name and by initial.
_PARSE_ERAS = {
    "令和": date(2019, 5, 1), "R": date(2019, 5, 1),
    "平成": date(1989, 1, 8), "H": date(1989, 1, 8),
    "昭和": date(1926, 12, 25), "S": date(1926, 12, 25),
    "大正": date(1912, 7, 30), "T": date(1912, 7, 30),
    "明治": date(1868, 1, 25), "M": date(1868, 1, 25),
}  # fmt: skip
# Excel's day 0 is 1899-12-30 (it counts a 29 February 1900 that never was, so serials from
# 61 on are right with this origin; earlier ones never occur in a registration).
EXCEL_EPOCH = date(1899, 12, 30)
# Serials outside 1900-01-01 … 2099-12-31 are not dates anyone meant.
_SERIAL_RANGE = range(2, 73051)


class DateFormatError(ValueError):
    """A text that is not a date this module can read; the message is for a coordinator."""


_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_WAREKI = re.compile(
    r"^(令和|平成|昭和|大正|明治|[RHSTM])(元|\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$"
)
_DATETIME_TAIL = re.compile(r"[ T]00:00(:00)?$")


def excel_serial_to_date(serial: float) -> date:
    whole = int(serial)
    if whole != serial or whole not in _SERIAL_RANGE:
        raise DateFormatError(f"「{serial}」は日付として読めません。")
    return EXCEL_EPOCH + timedelta(days=whole)


def parse_date(text: str) -> date:
    """A date as typed in a spreadsheet (see the module docstring). Raises DateFormatError."""
    raw = text
    text = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    text = _DATETIME_TAIL.sub("", text)
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _WAREKI.match(text):
            start = _PARSE_ERAS[m[1]]
            year = start.year + (1 if m[2] == "元" else int(m[2])) - 1
            day = date(year, int(m[3]), int(m[4]))
            if day < start:
                raise DateFormatError(f"「{raw}」はその元号の始まりより前の日付です。")
            return day
    except ValueError as exc:
        if isinstance(exc, DateFormatError):
            raise
        raise DateFormatError(f"「{raw}」という日付はありません。") from exc
    if text.isdigit() and len(text) == 5:
        return excel_serial_to_date(int(text))
    raise DateFormatError(
        f"「{raw}」は日付として読めません（例: 2026-04-01、令和8年4月1日、R8.4.1）。"
    )


_YEAR_ONLY = re.compile(r"^(\d{4})年?$")
_WAREKI_YEAR = re.compile(r"^(令和|平成|昭和|大正|明治|[RHSTM])(元|\d{1,2})年?$")


def parse_year(text: str) -> int:
    """A year as typed: 1950, 1950年, 昭和25年, S25, a full date (its year), an Excel serial."""
    raw = text
    text = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    if m := _YEAR_ONLY.match(text):
        return int(m[1])
    if m := _WAREKI_YEAR.match(text):
        start = _PARSE_ERAS[m[1]]
        return start.year + (1 if m[2] == "元" else int(m[2])) - 1
    try:
        return parse_date(text).year
    except DateFormatError:
        raise DateFormatError(
            f"「{raw}」は年として読めません（例: 1955、昭和30年、S30、1955-04-01）。"
        ) from None
