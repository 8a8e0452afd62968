"""What is wrong with an import file, said where (line and column) and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong. ``line`` is the line of the file (CSV: the physical line a row starts
    on; xlsx: the row number); ``column`` the column's heading as written; ``cell`` the
    spreadsheet address (C5) when the file is a workbook."""

    message: str
    line: int | None = None
    column: str | None = None
    cell: str | None = None

    @property
    def where(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"{self.line}行目")
        if self.column:
            parts.append(f"「{self.column}」列")
        if self.cell:
            parts.append(f"（セル {self.cell}）")
        return "・".join(parts[:2]) + (parts[2] if len(parts) > 2 else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written. ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def lines_text(lines: list[int], limit: int = 20) -> str:
    shown = "、".join(f"{n}行目" for n in lines[:limit])
    return shown + (f" ほか{len(lines) - limit}行" if len(lines) > limit else "")
