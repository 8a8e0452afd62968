"""Exports: the one entry for every file a coordinator takes out (名簿, requests, activities,
the report's tables). Each checks who asks, goes through the privacy gate (datasets.py) and is
recorded in the audit log in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from common.errors import Forbidden, InvalidInput, NotFound
from office import policies
from office.exports.datasets import DATASETS
from office.exports.writers import write_csv, write_xlsx
from office.gate import record_export
from office.reports import fiscal_year_report
from office.reports.tables import report_tables

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes
    rows: int
    replaced: int = 0  # characters CP932 could not hold (written as 〓)


def _check(actor, fmt: str, encoding: str | None) -> str:
    if not policies.can_view_reports(actor):
        raise Forbidden("出力はコーディネーターだけが行えます。")
    if fmt not in FORMATS:
        raise InvalidInput(
            "形式は csv か xlsx を指定してください。",
            fields={"format": [f"「{fmt[:20]}」は使えません。"]},
        )
    key = (encoding or "utf-8").lower()
    if key not in ENCODINGS:
        raise InvalidInput(
            "文字コードは utf-8 か cp932 を指定してください。",
            fields={"encoding": [f"「{key[:20]}」は使えません。"]},
        )
    if fmt == "xlsx" and ENCODINGS[key] != "utf-8":
        raise InvalidInput(
            "文字コードの指定は CSV のときだけ使えます。",
            fields={"encoding": ["xlsx には文字コードの指定はありません。"]},
        )
    return ENCODINGS[key]


def _write(title, columns, rows, fmt, encoding):
    if fmt == "csv":
        return write_csv(columns, rows, encoding=encoding)
    return write_xlsx([(title, columns, rows)])


def _suffix(fiscal_year, encoding):
    return (f"_{fiscal_year}" if fiscal_year else "") + ("_sjis" if encoding == "cp932" else "")


@transaction.atomic
def export_dataset(
    *, actor, dataset: str, fmt: str, fiscal_year: int | None = None, encoding: str | None = None
) -> ExportFile:
    """``profiles`` (名簿), ``requests`` or ``activities`` as CSV or xlsx."""
    encoding = _check(actor, fmt, encoding)
    if dataset not in DATASETS:
        raise NotFound("その出力はありません。")
    data = DATASETS[dataset](actor, fiscal_year)
    written = _write(data.title, data.columns, data.rows, fmt, encoding)
    filename = f"{dataset}{_suffix(fiscal_year, encoding)}.{fmt}"
    record_export(
        actor=actor,
        detail={
            "file": filename,
            "dataset": dataset,
            "fiscal_year": fiscal_year,
            "rows": len(data.rows),
            "encoding": encoding if fmt == "csv" else None,
            "replaced_characters": written.replaced,
        },
    )
    return ExportFile(filename, FORMATS[fmt], written.content, len(data.rows), written.replaced)


@transaction.atomic
def export_report(
    *, actor, fiscal_year: int, fmt: str, table: str | None = None, encoding: str | None = None
) -> ExportFile:
    """One table of the 年度 report (CSV or xlsx), or, without ``table``, the whole report as
    one workbook with a sheet per table."""
    encoding = _check(actor, fmt, encoding)
    tables = report_tables(fiscal_year_report(fiscal_year))
    if table is None:
        if fmt != "xlsx":
            raise InvalidInput("報告書全体は xlsx で出力します。表ごとの CSV を使ってください。")
        written = write_xlsx([(t.title, t.columns, t.rows) for t in tables])
        rows = sum(len(t.rows) for t in tables)
        filename = f"report_{fiscal_year}.xlsx"
    else:
        chosen = next((t for t in tables if t.name == table), None)
        if chosen is None:
            raise NotFound("その表はありません。")
        written = _write(chosen.title, chosen.columns, chosen.rows, fmt, encoding)
        rows = len(chosen.rows)
        filename = f"report_{fiscal_year}_{table}{_suffix(None, encoding)}.{fmt}"
    record_export(
        actor=actor,
        detail={
            "file": filename,
            "dataset": f"report:{table or 'all'}",
            "fiscal_year": fiscal_year,
            "rows": rows,
            "encoding": encoding if fmt == "csv" else None,
            "replaced_characters": written.replaced,
        },
    )
    return ExportFile(filename, FORMATS[fmt], written.content, rows, written.replaced)
