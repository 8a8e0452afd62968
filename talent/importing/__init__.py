"""Bulk registration from a city's file (CSV or xlsx): all rows or none.

One engine behind ``manage.py import_profiles`` and the coordinators' upload page:

1. ``sources`` recognises the file and reads its rows as a stream (CSV in exactly one
   encoding — UTF-8, UTF-8 with BOM or CP932 — or the first sheet of an xlsx workbook);
2. ``rows`` checks each row and says what is wrong by line and column;
3. duplicates are looked for among the registered people and earlier rows (talent/duplicates.py);
4. ``writer`` tokenises and COPYs the rows in batches, in one transaction.

``check_file`` does 1–3 (the preview); ``import_file`` does all four and raises ImportFailed,
having written nothing, if anything is wrong. Memory: the rows are streamed, a batch of
``writer.BATCH`` at a time; what is held for the whole file is one small key tuple per person
(registered and imported) for the duplicate check and the registration numbers seen — about
200 bytes a person, some 40 MB for 100,000 people on top of 100,000 registered.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction

from talent import duplicates
from talent.importing.problems import ImportFailed, Problem
from talent.importing.rows import Columns, RowValues, read_header, read_row
from talent.importing.sources import Opener, open_source
from talent.importing.writer import BulkWriter
from talent.models import Area, Profile

__all__ = ["ImportFailed", "ImportResult", "Preview", "Problem", "check_file", "import_file"]

NEW, SKIP = "new", "skip"  # what to do with a row that may be someone already registered
MAX_PROBLEMS = 500


@dataclass
class DuplicateRow:
    line: int
    name: str
    hits: list[duplicates.Hit]

    @property
    def level(self) -> str:
        return self.hits[0].level


@dataclass
class Preview:
    """What importing the file would do, without doing it."""

    encoding: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    flagged_rows: int = 0  # rows with a formula-looking text, stored as typed and flagged

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportResult:
    imported: int
    encoding: str
    skipped: int = 0
    flagged_rows: int = 0
    ids: list[int] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)


def check_file(open_file: Opener, filename: str = "") -> Preview:
    """Read and check the whole file; nothing is written."""
    preview, _ = _scan(open_file, filename, decisions={}, write=None)
    return preview


@transaction.atomic
def import_file(
    open_file: Opener,
    filename: str = "",
    *,
    decisions: dict[int, str] | None = None,
    same_person: str = "fail",
) -> ImportResult:
    """Import every row, or none (ImportFailed lists every problem).

    A row found to be someone registered (or an earlier row) is decided by ``decisions``
    (line → "new" or "skip"); without a decision, a sure match is a problem when
    ``same_person`` is "fail", skipped when "skip", imported when "new"; a possible match is
    imported (and reported).
    """
    writer = BulkWriter()
    # A bulk job allocates millions of small objects and frees few: the cyclic garbage
    # collector's full passes over them would cost more than the job; it runs again after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        preview, skipped = _scan(
            open_file, filename, decisions=decisions or {}, write=writer, same_person=same_person
        )
        if preview.problems:
            raise ImportFailed(preview.problems)  # leaving the atomic block undoes all
        writer.close()
    finally:
        writer.stop()
        if collecting:
            gc.enable()
    return ImportResult(
        imported=len(writer.ids),
        encoding=preview.encoding,
        skipped=skipped,
        flagged_rows=preview.flagged_rows,
        ids=writer.ids,
        duplicates=preview.duplicates,
    )


def _scan(open_file, filename, *, decisions, write, same_person="new"):
    source = open_source(open_file, filename)
    cols, problems = read_header(source.header)
    preview = Preview(encoding=source.encoding, problems=problems)
    if cols is None:
        raise ImportFailed(problems)
    preview.ignored_columns = cols.ignored
    areas = {a.name: a.id for a in Area.objects.all()}
    taken = dict(
        Profile.objects.exclude(external_id="").values_list("external_id", "id").iterator(5000)
    )
    people = duplicates.registered_people()
    skipped = 0
    for row in _rows(source, cols, areas, preview):
        if len(preview.problems) >= MAX_PROBLEMS:
            preview.problems.append(
                Problem(
                    f"問題が多いため、{MAX_PROBLEMS}件で確認をやめました。ファイルを見直してください。"
                )
            )
            break
        v = row.values
        ext = v["external_id"]
        if ext and ext in taken:
            where = (
                "この市の登録番号はすでに登録されています"
                if isinstance(taken[ext], int)
                else f"この市の登録番号は{taken[ext]}にもあります"
            )
            preview.problems.append(
                Problem(f"{where}（{ext}）。", line=row.line, column=cols.heading("external_id"))
            )
            continue
        person = duplicates.Person(
            ref=f"{row.line}行目", name=v["display_name"], reading=v["furigana"],
            phone=v["phone"], email=v["email"], birth_year=v["birth_year"],
        )  # fmt: skip
        hits = people.find(person)
        if hits:
            dup = DuplicateRow(row.line, v["display_name"], hits)
            preview.duplicates.append(dup)
            decision = decisions.get(row.line)
            if decision is None and dup.level == duplicates.SAME:
                if same_person == "fail":
                    other = hits[0].other
                    who = (
                        f"登録済みの「{other.name}」（ID {other.ref}）"
                        if isinstance(other.ref, int)
                        else f"{other.ref}の「{other.name}」"
                    )
                    preview.problems.append(
                        Problem(
                            f"{who}と同じ人のようです（{'、'.join(hits[0].reasons)}）。別人なら取り込み画面で「別人として登録」を選んでください。",
                            line=row.line,
                            column=cols.heading("display_name"),
                        )
                    )
                    continue
                decision = same_person
            if decision == SKIP:
                skipped += 1
                continue
        people.add(person)
        if ext:
            taken[ext] = f"{row.line}行目"
        if row.formula_fields:
            preview.flagged_rows += 1
        preview.rows += 1
        if write is not None and not preview.problems:
            write.add(row)
    return preview, skipped


def _rows(source, cols: Columns, areas, preview: Preview) -> Iterator[RowValues]:
    try:
        for line, cells in source.rows():
            row, problems = read_row(line, cells, cols, areas, csv=source.kind == "csv")
            preview.problems.extend(problems)
            if row is not None:
                yield row
    except ImportFailed as exc:  # a CSV quoting error stops the reading where it happened
        preview.problems.extend(exc.problems)
