"""年度 and 和暦: the city's calendar, Django-free.

A 年度 (fiscal year) runs from April 1 to March 31 and is named by the year it starts in:
2027-03-31 is in 年度 2026, 2027-04-01 in 年度 2027. Dates are the city's (Asia/Tokyo).

Dates as people type them into a spreadsheet are read by ``parse_date``: ISO (2026-04-01,
2026/4/1), 和暦 with the era's name or initial (令和8年4月1日, R8.4.1, Ｒ８．４．１, 令和元年5月1日),
Excel's serial day numbers (46113 = 2026-04-01), all with full-width digits accepted.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")

# (name, initial, first day). Newest first: a date belongs to the first era it is not before.
ERAS = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 1, 25)),
)
_ERA_BY_KEY = {key: start for name, initial, start in ERAS for key in (name, initial)}

# Excel's day 0 is 1899-12-30 (it counts a 29 February 1900 that never was, so serials from
# 61 on are right with this origin; earlier ones never occur in a registration).
EXCEL_EPOCH = date(1899, 12, 30)
# Serials outside 1900-01-01 … 2099-12-31 are not dates anyone meant.
_SERIAL_RANGE = range(2, 73051)


class DateFormatError(ValueError):
    """A text that is not a date this module can read; the message is for a coordinator."""


def fiscal_year(day: date) -> int:
    """The 年度 ``day`` falls in: 2027-03-31 → 2026, 2027-04-01 → 2027."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of 年度 ``year`` (April 1 … March 31)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def today_in_tokyo(now: datetime | None = None) -> date:
    return (now or datetime.now(TOKYO)).astimezone(TOKYO).date()


def era_of(day: date) -> tuple[str, int]:
    """The era and the year within it: 2026-04-01 → ("令和", 8); 2019-05-01 → ("令和", 1)."""
    for name, _initial, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before 明治")


def wareki_year(year: int) -> str:
    """A 年度 in 和暦: 2026 → 令和8年; 2019 → 令和元年 (as cities name the 年度 that 令和 began in)."""
    name, n = era_of(max(date(year, 4, 1), date(year, 5, 1) if year == 2019 else date.min))
    return f"{name}{'元' if n == 1 else n}年"


def format_wareki(day: date) -> str:
    """2026-04-01 → 令和8年4月1日."""
    name, n = era_of(day)
    return f"{name}{'元' if n == 1 else n}年{day.month}月{day.day}日"


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
            start = _ERA_BY_KEY[m[1]]
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
        start = _ERA_BY_KEY[m[1]]
        return start.year + (1 if m[2] == "元" else int(m[2])) - 1
    try:
        return parse_date(text).year
    except DateFormatError:
        raise DateFormatError(
            f"「{raw}」は年として読めません（例: 1955、昭和30年、S30、1955-04-01）。"
        ) from None
