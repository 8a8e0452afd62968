"""Bulk registration from a city's CSV file: all rows or none.

Encodings: UTF-8 (with or without BOM) and CP932, which is what Japanese Excel writes. Each bad
row is named with its line number and what is wrong with it, and nothing is imported.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from accounts.system import SYSTEM
from common.errors import DomainError
from talent import services
from talent.models import CONSENTABLE_FIELDS, Area, Fee, ProfileKind, ProfileStatus

REQUIRED = ("kind", "display_name", "skills", "bio")
OPTIONAL = (
    "furigana",
    "status",
    "areas",
    "email",
    "phone",
    "external_id",
    "experience",
    "availability",
    "fee",
    "public_fields",
)
IMPORTABLE_STATUSES = (ProfileStatus.DRAFT, ProfileStatus.PENDING, ProfileStatus.PUBLISHED)
MAX_BYTES = 20 * 1024 * 1024
_SPLIT = re.compile(r"[、,，・;；\s]+")


def _choice_lookup(choices) -> dict[str, str]:
    """Accept both the code (``instructor``) and the Japanese label (``講師``)."""
    table = {}
    for value, label in choices:
        table[value] = value
        table[str(label)] = value
    return table


KINDS = _choice_lookup(ProfileKind.choices)
STATUSES = _choice_lookup([(s, ProfileStatus(s).label) for s in IMPORTABLE_STATUSES])
FEES = _choice_lookup(Fee.choices)
CONSENTS = _choice_lookup(CONSENTABLE_FIELDS)


class ImportFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    imported: int
    encoding: str
    ids: list[int] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 (BOM付き)"
    for codec, label in (("utf-8", "UTF-8"), ("cp932", "CP932 (Shift_JIS)")):
        try:
            return raw.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        [
            "文字コードを判別できません。UTF-8 か Shift_JIS (CP932) で保存したファイルを使ってください。"
        ]
    )


def _split(value: str) -> list[str]:
    return [v for v in _SPLIT.split(value.strip()) if v]


def _row_values(row: dict[str, str], areas_by_name: dict[str, Area]) -> tuple[dict, list, str]:
    problems = []
    data: dict = {}
    kind = KINDS.get(row["kind"].strip())
    if kind is None:
        problems.append(
            f"種別「{row['kind']}」が不明です（instructor / it_volunteer / school_support）"
        )
    data["kind"] = kind
    for name in ("display_name", "skills", "bio", "furigana", "email", "phone", "external_id"):
        data[name] = (row.get(name) or "").strip()
    data["experience"] = (row.get("experience") or "").strip()
    if not data["display_name"]:
        problems.append("氏名（display_name）が空です")
    if not data["skills"]:
        problems.append("できること（skills）が空です")
    status = (row.get("status") or "").strip() or ProfileStatus.PENDING
    if status not in STATUSES:
        problems.append(f"状態「{status}」は使えません（draft / pending / published）")
    fee = (row.get("fee") or "").strip() or Fee.FREE
    if fee not in FEES:
        problems.append(f"謝礼「{fee}」が不明です（free / honorarium / travel_only）")
    data["fee"] = FEES.get(fee)
    data["availability"] = _split(row.get("availability") or "")
    consents = _split(row.get("public_fields") or "")
    unknown = [c for c in consents if c not in CONSENTS]
    if unknown:
        problems.append(f"公開項目「{'、'.join(unknown)}」が不明です")
    data["public_fields"] = [CONSENTS[c] for c in consents if c in CONSENTS]
    area_names = _split(row.get("areas") or "")
    missing = [a for a in area_names if a not in areas_by_name]
    if missing:
        problems.append(f"地区「{'、'.join(missing)}」は登録されていません")
    areas = [areas_by_name[a] for a in area_names if a in areas_by_name]
    if problems:
        raise ImportFailed(problems)
    return data, areas, STATUSES[status]


def import_profiles(raw: bytes) -> ImportResult:
    """Import every row of a CSV file, or none of them (raises ImportFailed naming each bad row)."""
    if len(raw) > MAX_BYTES:
        raise ImportFailed(["ファイルが大きすぎます（20MB まで）。分けて取り込んでください。"])
    if b"\x00" in raw:
        raise ImportFailed(
            ["ファイルに NUL 文字が含まれています。CSV ファイルか確認してください。"]
        )
    text, encoding = decode(raw)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed([f"1行目（見出し）に必要な列がありません: {', '.join(missing)}"])
    reader.fieldnames = header
    areas_by_name = {a.name: a for a in Area.objects.all()}
    problems: list[str] = []
    ids: list[int] = []
    with transaction.atomic():
        try:
            for row in reader:
                line = reader.line_num
                if None in row or any(v is None for v in row.values()):
                    problems.append(f"{line}行目: 列の数が見出しと合いません")
                    continue
                if not any((v or "").strip() for v in row.values()):
                    continue  # Excel leaves blank lines at the end; they are not rows
                try:
                    data, areas, status = _row_values(row, areas_by_name)
                    with transaction.atomic():
                        profile = services.profile_register(
                            actor=SYSTEM, data=data, areas=areas, status=status
                        )
                    ids.append(profile.id)
                except ImportFailed as exc:
                    problems.append(f"{line}行目: {'、'.join(exc.problems)}")
                except DomainError as exc:
                    detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
                    problems.append(f"{line}行目: {exc.message} {detail}".strip())
        except csv.Error as exc:
            problems.append(f"{reader.line_num}行目: CSV として読めません（{exc}）")
        if problems:
            raise ImportFailed(problems)  # leaving the atomic block by raising rolls back all
    return ImportResult(imported=len(ids), encoding=encoding, ids=ids)
