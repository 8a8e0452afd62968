"""Reading an uploaded file into rows of cells: CSV (strictly one encoding) or an xlsx workbook.

Every kind of file a coordinator might pick by mistake is recognised and refused in words
they understand: a PDF or picture, an old .xls, a password-protected or macro-enabled
workbook, a Word file, an empty file. Files are read as a stream: ``open_file`` is called
again for each pass, so a large file is never held in memory whole (the web upload keeps
its bytes in the staged-import row, a command reads from disk).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from talent.importing.problems import ImportFailed, Problem, lines_text

Opener = Callable[[], BinaryIO]
CellValue = str | int | float | date | None

# Python's csv module refuses a field over 128 KiB by default; a text field is at most 4,000
# characters, so anything near this is a broken file, which the row check then names.
csv.field_size_limit(1024 * 1024)

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "画像（PNG）"),
    (b"\xff\xd8\xff", "画像（JPEG）"),
    (b"GIF8", "画像（GIF）"),
)
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls, .doc and encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue
    address: str | None = None  # C5, for workbooks


@dataclass
class Source:
    """A readable file: its format, encoding, and the rows after the heading row."""

    kind: str  # "csv" or "xlsx"
    encoding: str
    header: list[str]
    rows: Callable[[], Iterator[tuple[int, list[Cell]]]]


def open_source(open_file: Opener, filename: str = "") -> Source:
    """Recognise the file and return its rows, or raise ImportFailed saying why it is refused."""
    with open_file() as f:
        head = f.read(8)
    name = filename.lower()
    if not head:
        raise ImportFailed(
            [Problem("ファイルが空です。見出しの行と人材の行が入ったファイルを選んでください。")]
        )
    if name.endswith((".xlsm", ".xltm")):
        raise ImportFailed([_macro_problem()])
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_source(open_file)
    if head.startswith(_CFB):
        with open_file() as f:
            raw = f.read(64 * 1024 * 1024)
        if _ENCRYPTED in raw:
            raise ImportFailed(
                [
                    Problem(
                        "パスワードが設定された Excel ファイルは読めません。Excel でパスワードを解除して保存し直してから、もう一度選んでください。"
                    )
                ]
            )
        raise ImportFailed(
            [
                Problem(
                    "古い形式の Excel ファイル（.xls）は読めません。Excel の「名前を付けて保存」で「Excel ブック（.xlsx）」か「CSV UTF-8」を選んで保存し直してください。"
                )
            ]
        )
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ImportFailed(
                [
                    Problem(
                        f"このファイルは{what}です。CSV か Excel（.xlsx）のファイルを選んでください。"
                    )
                ]
            )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(
            [
                Problem(
                    "UTF-16 で保存された CSV は読めません（NUL 文字を含む形式です）。「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください。"
                )
            ]
        )
    return _csv_source(open_file)


# -- CSV ---------------------------------------------------------------------------------------


def detect_encoding(open_file: Opener) -> tuple[str, str, bool]:
    """(codec, label, has_bom) for a file that is valid throughout in exactly one encoding.

    A file is never decoded as another encoding than the one its lines are written in: a
    UTF-8 file with one Shift_JIS line is refused naming that line (decoding it all as
    Shift_JIS would turn 佐藤 into 菴占陸). Lines of plain ASCII are valid in both.
    """
    utf8_bad: list[int] = []
    cp932_bad: list[int] = []
    nul: list[int] = []
    utf8_seen = False
    with open_file() as f:
        bom = f.read(3) == b"\xef\xbb\xbf"
        f.seek(0 if not bom else 3)
        for number, line in enumerate(f, 1):
            if b"\x00" in line:
                nul.append(number)
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                utf8_seen = True
            except UnicodeDecodeError:
                utf8_bad.append(number)
            try:
                line.decode("cp932")
            except UnicodeDecodeError:
                cp932_bad.append(number)
    if nul:
        raise ImportFailed(
            [
                Problem(
                    f"文字のファイルではないようです（{lines_text(nul)}に NUL 文字）。CSV か Excel（.xlsx）のファイルを選んでください。"
                )
            ]
        )
    if bom or (utf8_seen and utf8_bad):
        if utf8_bad:
            raise ImportFailed(
                [
                    Problem(
                        f"文字コードが混ざっています: UTF-8 で保存されたファイルですが、{lines_text(utf8_bad)}は UTF-8 として読めません"
                        "（別の文字コードの行が混ざっています）。その行を入力し直すか、ファイル全体を同じ文字コードで保存し直してください。",
                        line=n,
                    )
                    for n in utf8_bad[:1]
                ]
                + [Problem("この行は UTF-8 として読めません。", line=n) for n in utf8_bad[1:50]]
            )
        return "utf-8", "UTF-8 (BOM付き)" if bom else "UTF-8", bom
    if not utf8_bad:
        return "utf-8", "UTF-8", False
    if cp932_bad:
        raise ImportFailed(
            [
                Problem(
                    f"文字コードが分かりません: {lines_text(cp932_bad)}は UTF-8 としても Shift_JIS（CP932）としても読めません。"
                    "Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください。",
                    line=cp932_bad[0],
                )
            ]
        )
    return "cp932", "CP932 (Shift_JIS)", False


def _csv_source(open_file: Opener) -> Source:
    codec, label, bom = detect_encoding(open_file)

    def records() -> Iterator[tuple[int, list[str]]]:
        with open_file() as f:
            if bom:
                f.read(3)
            text = io.TextIOWrapper(f, encoding=codec, newline="")
            reader = csv.reader(text, strict=True)
            start = 1
            try:
                for record in reader:
                    yield start, record
                    start = reader.line_num + 1
            except csv.Error as exc:
                raise ImportFailed(
                    [Problem(f"CSV として読めません（{_csv_error(exc)}）。", line=start)]
                ) from exc

    first = next(records(), None)
    if first is None:
        raise ImportFailed(
            [Problem("ファイルが空です。見出しの行と人材の行が入ったファイルを選んでください。")]
        )
    header = first[1]

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        it = records()
        next(it)
        for line, record in it:
            yield line, [Cell(v) for v in record]

    return Source("csv", label, header, rows)


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "quote" in text or "delimiter" in text:
        return '「"」の閉じ忘れか、引用符の使い方が正しくありません'
    if "field larger" in text:
        return "1つの欄が長すぎます"
    return text


# -- xlsx --------------------------------------------------------------------------------------

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _macro_problem() -> Problem:
    return Problem(
        "マクロ有効ブック（.xlsm）は読めません。Excel の「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してください。"
    )


def _xlsx_source(open_file: Opener) -> Source:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    with open_file() as f:
        try:
            with zipfile.ZipFile(f) as z:
                names = set(z.namelist())
                types = z.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        except zipfile.BadZipFile as exc:
            raise ImportFailed(
                [
                    Problem(
                        "Excel ファイルが壊れているようです。Excel で開いて保存し直してください。"
                    )
                ]
            ) from exc
    if "xl/workbook.xml" not in names:
        what = "Word の文書" if "word/document.xml" in names else "ZIP ファイル"
        raise ImportFailed(
            [
                Problem(
                    f"このファイルは{what}です。CSV か Excel（.xlsx）のファイルを選んでください。"
                )
            ]
        )
    if b"macroEnabled" in types or "xl/vbaProject.bin" in names:
        raise ImportFailed([_macro_problem()])

    def worksheet(f):
        try:
            book = openpyxl.load_workbook(f, read_only=True, data_only=False)
        except (InvalidFileException, KeyError, ValueError, OSError) as exc:
            raise ImportFailed(
                [
                    Problem(
                        "Excel ファイルを読めません。Excel で開いて「Excel ブック（.xlsx）」として保存し直してください。"
                    )
                ]
            ) from exc
        return book, book.worksheets[0]

    with open_file() as f:
        book, sheet = worksheet(f)
        merged = _merged_ranges(f, sheet._worksheet_path)
        book.close()
    if merged:
        shown = "、".join(merged[:10]) + (
            f" ほか{len(merged) - 10}か所" if len(merged) > 10 else ""
        )
        raise ImportFailed(
            [
                Problem(
                    f"結合されたセルがあります（{shown}）。結合を解除して、1つのセルに1つの値を入れてください。",
                    line=_row_of(merged[0]),
                    cell=merged[0].split(":")[0],
                )
            ]
        )

    def cells() -> Iterator[tuple[int, list[Cell]]]:
        with open_file() as f:
            book, sheet = worksheet(f)
            try:
                for row in sheet.iter_rows(min_col=1):
                    number = next((c.row for c in row if getattr(c, "row", None)), None)
                    if number is not None:
                        yield number, _row_cells(row, number)
            finally:
                book.close()

    first = next(cells(), None)
    if first is None:
        raise ImportFailed(
            [Problem("最初のシートが空です。1行目に見出し、2行目から人材を入れてください。")]
        )
    line, header_cells = first
    if line != 1:
        raise ImportFailed(
            [
                Problem(
                    "1行目に見出しがありません。1行目に kind,display_name,skills,bio などの見出しを入れてください。",
                    line=1,
                )
            ]
        )
    header = ["" if c.value is None else str(c.value) for c in header_cells]

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        it = cells()
        next(it)
        yield from it

    return Source("xlsx", "Excel ブック", header, rows)


def _row_cells(row, number: int) -> list[Cell]:
    from openpyxl.utils import get_column_letter

    out = []
    for i, c in enumerate(row, 1):
        value, kind = c.value, getattr(c, "data_type", None)
        if kind == "f":
            value = Formula(value)
        elif kind == "e":
            value = CellError(value)
        elif isinstance(value, datetime):
            value = value.date()
        elif isinstance(value, bool):
            value = "TRUE" if value else "FALSE"
        out.append(Cell(value, f"{get_column_letter(i)}{number}"))
    return out


class Formula(str):
    """A workbook cell holding a formula (not a value)."""


class CellError(str):
    """A workbook cell showing an error such as #N/A."""


def _merged_ranges(f: BinaryIO, sheet_path: str) -> list[str]:
    """The merged ranges of a sheet, read from its XML as a stream (read-only openpyxl does
    not report them)."""
    f.seek(0)
    found: list[str] = []
    with zipfile.ZipFile(f) as z, z.open(sheet_path.lstrip("/")) as xml:
        tail = b""
        while chunk := xml.read(1 << 20):
            data = tail + chunk
            found.extend(m.decode() for m in _MERGE.findall(data))
            cut = data.rfind(b"<")
            tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
    return list(dict.fromkeys(found))


def _row_of(ref: str) -> int:
    return int(re.sub(r"[A-Z:]", "", ref.split(":")[0]))
