"""Writing checked rows in bulk: tokenised in batches, loaded with COPY, in the caller's
transaction.

Per batch: the texts are analysed by the one pipeline (lib.text), ids are taken from the
table's sequence in one query, the 地区 links are copied first and the profiles after them.
Order matters for speed: the trigger on ``talent_profile_areas`` stamps the linked profile
for the matcher (matching/migrations/0003), and a link copied before its profile finds no
row to update, so no profile row is written twice (the foreign keys are deferred to commit).
Each profile row is stamped with the transaction's id by its own BEFORE INSERT trigger, and
its search vector is a generated column: both happen inside COPY, nothing is updated
afterwards. The next ranking call in any process picks all of them up in one look.
"""

from __future__ import annotations

import queue
import threading

from django.db import connection
from django.utils import timezone

from lib.fiscal import fiscal_year_of, today_in_tokyo
from lib.text import analyzer
from lib.text.kana import name_terms, reading_terms
from lib.text.names import name_key
from talent.importing.rows import RowValues

COLUMNS = (
    "id", "kind", "display_name", "furigana", "skills", "experience", "bio", "availability",
    "fee", "email", "phone", "public_fields", "status", "screening_note", "external_id",
    "birth_year", "valid_fiscal_year", "formula_fields", "created_at", "updated_at",
    "tok_name", "tok_reading", "tok_skills", "tok_experience", "tok_bio", "name_key",
)  # fmt: skip
TYPES = (
    "int8", "text", "text", "text", "text", "text", "text", "text[]", "text", "text", "text",
    "text[]", "text", "text", "text", "int2", "int2", "text[]", "timestamptz", "timestamptz",
    "text", "text", "text", "text", "text", "text",
)  # fmt: skip
BATCH = 1000


class BulkWriter:
    """Collects rows and writes them a batch at a time. Call ``close()`` when every row is in
    (it waits for the last batch), and ``stop()`` in any case before leaving the transaction.

    Batches are tokenised in the calling thread and written by one helper thread over the same
    connection, so PostgreSQL's work on batch N (the generated search vector, the GIN index,
    the triggers) overlaps Sudachi's on batch N+1: psycopg releases the GIL while it waits for
    the server. The calling thread does not use the connection meanwhile.
    """

    def __init__(self) -> None:
        self.pending: list[RowValues] = []
        self.ids: list[int] = []
        self._now = timezone.now()
        self._year = fiscal_year_of(today_in_tokyo())
        self._analyzer = analyzer()
        self._seen: dict[str, str] = {}  # identical texts (blank ones above all) analysed once
        self._queue: queue.Queue = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def add(self, row: RowValues) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def close(self) -> None:
        self.flush()
        self.stop()

    def stop(self) -> None:
        """Wait for the helper thread to finish what it was given; raise its error, if any."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _terms(self, text: str) -> str:
        found = self._seen.get(text)
        if found is None:
            found = self._analyzer.terms_string(text)
            if len(self._seen) < 50_000:
                self._seen[text] = found
        return found

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        if not rows:
            return
        batch = []
        for row in rows:
            v = row.values
            batch.append((
                (
                    v["kind"], v["display_name"], v["furigana"], v["skills"],
                    v["experience"], v["bio"], v["availability"], v["fee"], v["email"],
                    v["phone"], v["public_fields"], v["status"], "", v["external_id"],
                    v["birth_year"], self._year, row.formula_fields, self._now, self._now,
                    name_terms(v["display_name"]), reading_terms(v["furigana"]),
                    self._terms(v["skills"]), self._terms(v["experience"]),
                    self._terms(v["bio"]), name_key(v["display_name"]),
                ),
                row.area_ids,
            ))  # fmt: skip
        if self._error is not None:
            self.stop()
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._work, args=(connection.connection,), daemon=True
            )
            self._thread.start()
        self._queue.put(batch)

    def _work(self, conn) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain: the error is raised in the calling thread
            try:
                self.ids.extend(self._write(conn, batch))
            except BaseException as exc:
                self._error = exc

    @staticmethod
    def _write(conn, batch) -> list[int]:
        cursor = conn.cursor()
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('talent_profile', 'id')) "
            "FROM generate_series(1, %s)",
            [len(batch)],
        )
        ids = [r[0] for r in cursor.fetchall()]
        with cursor.copy("COPY talent_profile_areas (profile_id, area_id) FROM STDIN") as copy:
            copy.set_types(["int8", "int8"])
            for pid, (_, area_ids) in zip(ids, batch, strict=True):
                for area_id in area_ids:
                    copy.write_row((pid, area_id))
        with cursor.copy(f"COPY talent_profile ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            copy.set_types(list(TYPES))
            for pid, (values, _) in zip(ids, batch, strict=True):
                copy.write_row((pid, *values))
        return ids
