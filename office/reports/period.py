"""A 年度 as the database sees it: aware bounds in Asia/Tokyo and a month key per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from common.errors import InvalidInput
from lib.fiscal import fiscal_year_bounds, fiscal_year_months, fiscal_year_of, wareki_fiscal_year

TOKYO = ZoneInfo("Asia/Tokyo")
# The service started long after this; a year before it is a typo, not a question.
FIRST_YEAR = 2000


def parse_fiscal_year(value) -> int:
    """A 年度 from a URL or a query string, or InvalidInput (400) saying what is accepted.

    Four digits between 2000 and next 年度: the city plans a year ahead, and nothing is
    recorded further out, so a later year is a mistake rather than an empty report.
    """
    text = str(value).strip()
    last = fiscal_year_of(timezone.localdate()) + 1
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise InvalidInput(
            "年度は西暦4桁で指定してください（例: 2026）。",
            fields={"fiscal_year": [f"「{text[:20]}」は年度として読めません。"]},
            code="invalid_fiscal_year",
        )
    year = int(text)
    if not FIRST_YEAR <= year <= last:
        raise InvalidInput(
            f"年度は{FIRST_YEAR}から{last}までで指定してください。",
            fields={"fiscal_year": [f"{year}年度は対象外です。"]},
            code="fiscal_year_out_of_range",
        )
    return year


@dataclass(frozen=True)
class Period:
    year: int

    @property
    def first_day(self) -> date:
        return fiscal_year_bounds(self.year)[0]

    @property
    def last_day(self) -> date:
        return fiscal_year_bounds(self.year)[1]

    @property
    def start(self) -> datetime:
        """April 1, 00:00 in Tokyo (15:00 UTC on March 31)."""
        return datetime(self.year, 4, 1, tzinfo=TOKYO)

    @property
    def end(self) -> datetime:
        """The next April 1, 00:00 in Tokyo: exclusive."""
        return datetime(self.year + 1, 4, 1, tzinfo=TOKYO)

    @property
    def months(self) -> list[tuple[int, int]]:
        return fiscal_year_months(self.year)

    @property
    def month_labels(self) -> list[str]:
        return [f"{y}-{m:02d}" for y, m in self.months]

    @property
    def wareki(self) -> str:
        return wareki_fiscal_year(self.year)

    def within(self, field: str) -> dict:
        """Filter kwargs for a timestamp field inside this 年度."""
        return {f"{field}__gte": self.start, f"{field}__lt": self.end}

    def within_dates(self, field: str) -> dict:
        """Filter kwargs for a date field inside this 年度 (dates are already local)."""
        return {f"{field}__gte": self.first_day, f"{field}__lte": self.last_day}

    def monthly(self, qs: QuerySet, field: str, value=None, *, dates: bool = False) -> list:
        """Twelve figures, April first: ``value`` (default Count("id")) per month of ``field``
        read in Asia/Tokyo (a date field is bucketed as it is)."""
        month = TruncMonth(field) if dates else TruncMonth(field, tzinfo=TOKYO)
        rows = (
            qs.order_by()
            .annotate(_month=month)
            .values("_month")
            .annotate(_value=value if value is not None else Count("id", distinct=True))
        )
        found = {}
        for row in rows:
            m = row["_month"]
            if isinstance(m, datetime):
                m = m.astimezone(TOKYO)
            found[(m.year, m.month)] = row["_value"] or 0
        return [found.get(key, 0) for key in self.months]
