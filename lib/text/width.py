"""Terminal display width: East Asian wide and full-width characters take two columns, so
padding by len() misaligns Japanese tables (コーディネーター is 8 characters, 16 columns)."""

import unicodedata


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def table(rows: list[list[str]], indent: str = "  ", gap: str = "  ") -> list[str]:
    """Rows of cells, each column padded to its widest cell (the last column is not padded)."""
    if not rows:
        return []
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        indent + gap.join(pad(cell, widths[i]) for i, cell in enumerate(row[:-1])) + gap + row[-1]
        for row in rows
    ]
