"""One row of an import file → the values of one profile, or the problems of each cell.

Headings may be the field codes of INTERFACE.md (kind, display_name, …) or the Japanese
labels a coordinator sees (種別, 氏名, …), so that the 名簿 exported from the pages comes back
in. Codes of choices (instructor, published) and their labels (講師, 公開中) are both accepted.
Full-width digits and letters are read as their ASCII forms in codes, numbers, phone numbers
and addresses. Text is stored as typed: only trailing blanks and leading spaces are dropped,
never a leading tab, and a value that a spreadsheet would run as a formula (=, +, -, @, tab or
CR first) is kept but its field is listed in ``formula_fields`` so every export neutralises it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lib.fiscal import DateFormatError, excel_serial_to_date, parse_year
from lib.slots import SLOT_CODES
from lib.text.kana import normalize_reading
from talent.importing.problems import Problem
from talent.importing.sources import Cell, CellError, Formula
from talent.models import CONSENTABLE_FIELDS, Fee, ProfileKind, ProfileStatus
from talent.validators import PHONE_MESSAGE, PHONE_PATTERN

REQUIRED = ("kind", "display_name", "skills", "bio")
OPTIONAL = (
    "furigana", "status", "areas", "email", "phone", "external_id", "experience",
    "availability", "fee", "public_fields", "birth_year",
)  # fmt: skip
# Japanese headings accepted for each column (besides the code itself).
ALIASES = {
    "kind": ("種別",),
    "display_name": ("氏名", "名前", "お名前"),
    "furigana": ("ふりがな", "フリガナ", "よみがな", "ヨミガナ"),
    "skills": ("できること・教えられること", "できること", "教えられること"),
    "bio": ("自己紹介",),
    "experience": ("経験・資格", "経験", "資格"),
    "status": ("状態",),
    "areas": ("活動できる地区", "地区"),
    "email": ("メールアドレス", "メール", "e-mail"),
    "phone": ("電話番号", "電話"),
    "external_id": ("市の登録番号", "登録番号"),
    "availability": ("活動できる時間帯", "活動できる時間帯（コード）", "時間帯"),
    "fee": ("謝礼",),
    "public_fields": ("公開に同意した項目", "公開項目"),
    "birth_year": ("生まれ年", "生年", "生年月日", "birth_date"),
}
IMPORTABLE_STATUSES = (ProfileStatus.DRAFT, ProfileStatus.PENDING, ProfileStatus.PUBLISHED)
TEXT_LIMITS = {
    "display_name": 100, "furigana": 200, "skills": 4000, "experience": 4000, "bio": 4000,
    "email": 254, "phone": 30, "external_id": 50,
}  # fmt: skip
FREE_TEXT = ("display_name", "furigana", "skills", "experience", "bio")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPLIT = re.compile(r"[、,，・;；\s]+")
_PHONE = re.compile(PHONE_PATTERN)
# Every dash a keyboard or a word processor gives (‐ ‑ ‒ – — ― − ー ｰ) is a hyphen in a phone number.
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70", "-")
)


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[str(value).lower()] = value
        table[str(label)] = value
    return table


KINDS = _lookup(ProfileKind.choices)
STATUSES = _lookup([(s, ProfileStatus(s).label) for s in IMPORTABLE_STATUSES])
FEES = _lookup(Fee.choices)
CONSENTS = _lookup(CONSENTABLE_FIELDS)
_HEADINGS = {
    unicodedata.normalize("NFKC", alias).strip().lower(): code
    for code in (*REQUIRED, *OPTIONAL)
    for alias in (code, *ALIASES.get(code, ()))
}


@dataclass
class Columns:
    """Which position holds which field, read from the heading row."""

    positions: dict[str, int]
    headings: list[str]
    ignored: list[str] = field(default_factory=list)

    def heading(self, code: str) -> str:
        return self.headings[self.positions[code]]


def read_header(header: list[str]) -> tuple[Columns | None, list[Problem]]:
    positions: dict[str, int] = {}
    problems, ignored = [], []
    for i, raw in enumerate(header):
        key = unicodedata.normalize("NFKC", str(raw)).strip().lower()
        if not key:
            continue
        code = _HEADINGS.get(key)
        if code is None:
            ignored.append(str(raw))
        elif code in positions:
            problems.append(
                Problem(f"「{raw}」の列が2つあります。1つにしてください。", line=1, column=str(raw))
            )
        else:
            positions[code] = i
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        looks_like_data = any(str(v).strip() in KINDS for v in header)
        hint = "1行目が見出しではなく人材のデータのようです。" if looks_like_data else ""
        problems.append(
            Problem(
                f"{hint}1行目（見出し）に必要な列がありません: {', '.join(missing)}。"
                "見出しは kind,display_name,skills,bio（または 種別,氏名,できること,自己紹介）を含めてください。",
                line=1,
            )
        )
    if problems:
        return None, problems
    return Columns(positions, [str(h) for h in header], ignored), []


@dataclass
class RowValues:
    """A valid row: the profile's values and what the import needs besides."""

    line: int
    values: dict
    area_ids: list[int]
    formula_fields: list[str]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):
        return value.isoformat()
    # Trailing blanks and leading spaces go; a leading tab or CR is part of what was typed.
    return str(value).rstrip().lstrip(" \u3000")


def _unneutralise(text: str) -> str:
    """An export writes a formula-looking text with a leading ' (so a spreadsheet shows it as
    text); reading such a 名簿 back takes the ' off again, and the field is flagged."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _code(value) -> str:
    return unicodedata.normalize("NFKC", _text(value)).strip()


def read_row(line: int, cells: list[Cell], cols: Columns, areas: dict[str, int], *, csv: bool):
    """(RowValues, []) for a good row, (None, problems) for a bad one, (None, []) for a blank."""
    if not any(_text(c.value) for c in cells):
        return None, []  # blank lines (Excel leaves them at the end) are not rows
    problems: list[Problem] = []
    if csv and len(cells) != len(cols.headings):
        # A CSV row with another number of fields has a comma too many or too few somewhere:
        # reading it anyway would put values in the wrong columns.
        return None, [
            Problem(
                f"列の数が見出しと合いません（見出しは{len(cols.headings)}列、この行は{len(cells)}列）。"
                '「,」の数や「"」の閉じ忘れを確かめてください。',
                line=line,
            )
        ]

    def cell(code: str) -> Cell:
        i = cols.positions.get(code)
        return cells[i] if i is not None and i < len(cells) else Cell(None)

    def bad(code: str, message: str) -> None:
        problems.append(
            Problem(message, line=line, column=cols.heading(code), cell=cell(code).address)
        )

    if len(cells) > len(cols.headings) and any(_text(c.value) for c in cells[len(cols.headings) :]):
        problems.append(
            Problem("見出しより多くの欄があります（「,」の数を確かめてください）。", line=line)
        )
    for code in cols.positions:
        value = cell(code).value
        if isinstance(value, Formula):
            bad(
                code,
                f"数式（{value}）が入っています。数式のセルは読みません。コピーして「値の貼り付け」をしてから取り込んでください。",
            )
        elif isinstance(value, CellError):
            bad(code, f"エラーの値（{value}）が入っています。正しい値を入れてください。")
    if problems:
        return None, problems

    values: dict = {}
    flagged = []
    for name in (*FREE_TEXT, "email", "phone", "external_id"):
        text = _text(cell(name).value) if name in cols.positions else ""
        if name in FREE_TEXT:
            text = _unneutralise(text)
        if name in ("email", "phone", "external_id"):
            text = unicodedata.normalize("NFKC", text).strip()
        if name == "phone":
            text = text.translate(_DASHES)
        if name == "furigana":
            text = normalize_reading(text)
        if text.startswith(FORMULA_START) and name in FREE_TEXT:
            flagged.append(name)
        if len(text) > TEXT_LIMITS[name]:
            bad(name, f"{TEXT_LIMITS[name]:,}文字までです（{len(text):,}文字あります）。")
        values[name] = text
    if not values["display_name"].strip():
        bad("display_name", "氏名が空です。")
    if not values["skills"].strip():
        bad("skills", "できること・教えられることが空です。")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            bad("email", f"メールアドレス「{values['email']}」の形が正しくありません。")
    if values["phone"] and not _PHONE.fullmatch(values["phone"]):
        bad("phone", f"電話番号「{values['phone']}」: {PHONE_MESSAGE}")

    kind = KINDS.get(_code(cell("kind").value).lower()) or KINDS.get(_code(cell("kind").value))
    if kind is None:
        bad(
            "kind",
            f"種別「{_text(cell('kind').value)}」が分かりません（講師・ITボランティア・学校支援ボランティア、または instructor / it_volunteer / school_support）。",
        )
    values["kind"] = kind
    values["status"] = _choice(
        cell("status"),
        "status",
        STATUSES,
        ProfileStatus.PENDING,
        "状態",
        "draft / pending / published（下書き・審査待ち・公開中）",
        bad,
    )
    values["fee"] = _choice(
        cell("fee"), "fee", FEES, Fee.FREE, "謝礼", "無償・謝礼希望・交通費のみ", bad
    )

    slots = [s.lower() for s in _SPLIT.split(_code(cell("availability").value)) if s]
    unknown = [s for s in slots if s not in SLOT_CODES]
    if unknown:
        bad("availability", f"時間帯「{'、'.join(unknown)}」が分かりません（例: mon_am wed_pm）。")
    values["availability"] = list(dict.fromkeys(slots))

    consents = [c for c in _SPLIT.split(_code(cell("public_fields").value)) if c]
    unknown = [c for c in consents if c.lower() not in CONSENTS and c not in CONSENTS]
    if unknown:
        bad(
            "public_fields",
            f"公開項目「{'、'.join(unknown)}」が分かりません（furigana / experience / bio）。",
        )
    values["public_fields"] = list(
        dict.fromkeys(CONSENTS.get(c.lower()) or CONSENTS[c] for c in consents if c not in unknown)
    )

    names = [a for a in _SPLIT.split(_code(cell("areas").value)) if a]
    missing = [a for a in names if a not in areas]
    if missing:
        bad(
            "areas",
            f"地区「{'、'.join(missing)}」は登録されていません（地区の一覧は管理画面にあります）。",
        )
    area_ids = list(dict.fromkeys(areas[a] for a in names if a in areas))

    values["birth_year"] = (
        _birth_year(cell("birth_year"), bad) if "birth_year" in cols.positions else None
    )
    if problems:
        return None, problems
    return RowValues(line, values, area_ids, flagged), []


def _choice(c: Cell, code, table, default, label, examples, bad):
    raw = _code(c.value)
    if not raw:
        return default
    value = table.get(raw.lower()) or table.get(raw)
    if value is None:
        bad(code, f"{label}「{raw}」は使えません（{examples}）。")
    return value


def _birth_year(c: Cell, bad) -> int | None:
    value = c.value
    this_year = date.today().year
    try:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, date):
            year = value.year
        elif isinstance(value, int | float) and not isinstance(value, bool):
            # A number in a workbook: a year (1955) or a date Excel keeps as a serial (20090).
            year = int(value) if 1900 <= value <= this_year else excel_serial_to_date(value).year
        else:
            year = parse_year(str(value))
    except DateFormatError as exc:
        bad("birth_year", str(exc))
        return None
    if not 1900 <= year <= this_year:
        bad("birth_year", f"生まれ年 {year} 年はありえません。")
        return None
    return year
