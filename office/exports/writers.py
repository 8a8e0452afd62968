"""CSV and xlsx writing for every export (no Django).

- A text cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is written with a leading ``'``, in CSV and xlsx alike,
  so a name such as ``=HYPERLINK(...)`` typed into a form stays text. Numbers stay numbers.
- CSV is UTF-8 with a BOM (Excel then reads it as UTF-8), or CP932 on request for older
  Excel. CP932 cannot hold every character: the usual look-alikes are mapped first (〜 WAVE
  DASH to ～, − MINUS SIGN to －, …, the mappings Windows itself uses), anything else becomes
  〓 (げた記号, the customary mark for a missing character) and is counted, never a 500.
- xlsx: a bold header row, frozen below the header, an autofilter, and column widths from the
  longest value (a full-width character counts double).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Unicode code points that Python's cp932 codec refuses, and what Windows maps them to.
CP932_LOOKALIKES = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH → ～
        "\u2016": "\u2225",  # ‖ → ∥
        "\u2212": "\uff0d",  # − MINUS SIGN → －
        "\u2014": "\u2015",  # — EM DASH → ―
        "\u00a2": "\uffe0",  # ¢
        "\u00a3": "\uffe1",  # £
        "\u00ac": "\uffe2",  # ¬
        "\u00a0": " ",  # no-break space
    }
)
MISSING_MARK = "〓"


def neutralise(value):
    """The cell value to write: text that looks like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value)


def _csv_text(value) -> str:
    value = _cell(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Written:
    content: bytes
    replaced: int = 0  # characters CP932 could not hold


def to_cp932(text: str) -> tuple[bytes, int]:
    text = text.translate(CP932_LOOKALIKES)
    out = bytearray()
    replaced = 0
    for char in text:
        try:
            out += char.encode("cp932")
        except UnicodeEncodeError:
            # An NFKC form may fit (e.g. ㈱ → (株) is already in CP932, but ﬁ → fi is not).
            folded = unicodedata.normalize("NFKC", char)
            try:
                out += folded.encode("cp932")
            except UnicodeEncodeError:
                out += MISSING_MARK.encode("cp932")
                replaced += 1
    return bytes(out), replaced


def write_csv(columns: Sequence[str], rows: Iterable[Sequence], *, encoding: str) -> Written:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_text(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    text = buffer.getvalue()
    if encoding == "cp932":
        content, replaced = to_cp932(text)
        return Written(content, replaced)
    return Written(b"\xef\xbb\xbf" + text.encode("utf-8"))


def _width(value) -> int:
    text = _csv_text(value)
    longest = max((len(line) for line in text.splitlines()), default=0)
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return longest + min(wide, longest)


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence]]]) -> Written:
    """One workbook; each sheet (title, columns, rows). Titles are cut to Excel's 31."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title=_sheet_title(title))
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EEF4")
            cell.alignment = Alignment(vertical="center")
        widths = [_width(c) for c in columns]
        for row in rows:
            values = [_cell(v) for v in row]
            sheet.append(values)
            for cell, value in zip(sheet[sheet.max_row], values, strict=True):
                if isinstance(value, str):
                    # openpyxl reads a str starting with "=" as a formula; the ' above already
                    # prevents that, and the explicit type keeps every text cell text.
                    cell.data_type = "s"
                elif isinstance(value, date) and not isinstance(value, datetime):
                    cell.number_format = "yyyy/mm/dd"
            widths = [max(w, _width(v)) for w, v in zip(widths, values, strict=True)]
        for i, w in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 6), 60)
        sheet.freeze_panes = "A2"
        if sheet.max_row > 1:
            sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return Written(buffer.getvalue())


def _sheet_title(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, "・")
    return title[:31]
