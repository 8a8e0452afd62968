"""Each process's in-memory matcher indexes, kept in step with PostgreSQL.

The index is a cache of the ``tok_*`` columns. On every ranking call the cache asks the
database what changed since its previous look — one statement (``IndexCache._look``) for the
snapshot, the synonym list's version, deletions and whether anything changed, and a second
one, only when something did, that reads the changed rows: rows whose ``index_xid`` — stamped by a trigger with the writing
transaction's id — is at or above the *horizon*, the oldest transaction still running when the
previous look began. A transaction that commits out of order (an older id committing after a
newer one) is therefore still found: its id is at or above every horizon taken while it ran.
Rows may be read twice; upserting them again is harmless. So that a long transaction elsewhere
(a backup, a large import) holding the horizon back does not make every call re-read all that
changed since, the ids of transactions that had finished before a look and were read by it are
remembered, and skipped, until the horizon passes them.

A single change goes to the index's small delta segment (no full rebuild); an edit of the
domain synonym list rebuilds from the stored terms. Every gunicorn worker, on every machine,
converges on its next call.

A built index is saved under ``TSUNAGU_INDEX_DIR`` (``lib.engine.persist``) with the horizon it
was built at; a process starting later opens it memory-mapped — the workers of a machine then
share one copy of its arrays — and catches up from that horizon like any other. The folder is
named after the build key (database, table, its file node, synonym list), so a restored
database, a truncated table or an edited list never opens an old one; one process per table
builds at a time, the others wait for its file. Only an index read from committed rows is
saved (not one built inside a transaction that has written).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from lib.engine import persist
from lib.engine.index import SERVICE_CUT_OFF, Doc, Index, profile_index, request_index
from lib.engine.synonyms import DomainSynonyms
from lib.slots import request_slot_groups, slots_to_mask
from lib.text import analyzer
from lib.text.vectors import default_vectors
from matching.models import SynonymGroup

_BATCH = 5000


@dataclass(frozen=True)
class Source:
    """How one table becomes index documents."""

    table: str
    select: str  # columns, in the order ``to_doc`` reads them
    to_doc: Callable[[tuple], Doc]
    make_index: Callable[..., Index]
    asking_table: str  # the other side, whose words say what is generic in a query
    asking_side: str
    asking_fields: tuple[str, ...]


PROFILE_SELECT = """
    p.id, p.tok_skills, p.tok_experience, p.tok_bio, p.kind, p.status, p.availability,
    extract(epoch from p.last_proposed_at),
    ARRAY(SELECT a.area_id FROM talent_profile_areas a WHERE a.profile_id = p.id)
"""

REQUEST_SELECT = """
    p.id, p.tok_title, p.tok_description, p.kinds_wanted, p.kinds_strict, p.status, p.dates,
    p.time_band,
    ARRAY(SELECT o.area_id FROM matching_organization o
          WHERE o.id = p.organization_id AND o.area_id IS NOT NULL)
"""


def _profile_doc(row: tuple) -> Doc:
    pid, skills, experience, bio, kind, status, slots, last, areas = row
    return Doc(
        id=pid,
        fields={"skills": skills, "experience": experience, "bio": bio},
        kind=kind,
        published=status == "published",
        availability=slots_to_mask(slots or ()),
        areas=tuple(areas or ()),
        last_asked=float(last) if last is not None else None,
    )


def _request_doc(row: tuple) -> Doc:
    rid, title, description, kinds, strict, status, dates, band, areas = row
    kinds = tuple(kinds or ())
    return Doc(
        id=rid,
        fields={"title": title, "description": description},
        # The kinds a request names are a wall only when the requester insists; otherwise
        # a volunteer of another kind still sees it, after those of the kinds it wants.
        kinds=kinds if strict else (),  # none: open to every kind
        prefers=() if strict else kinds,
        published=status == "open",
        needs=request_slot_groups(dates or (), band or ""),
        areas=tuple(areas or ()),
    )


PROFILES = Source(
    "talent_profile", PROFILE_SELECT, _profile_doc, profile_index,
    "matching_request", "tok_title, tok_description", ("title", "description"),
)  # fmt: skip
REQUESTS = Source(
    "matching_request", REQUEST_SELECT, _request_doc, request_index,
    "talent_profile", "tok_skills, tok_experience, tok_bio", ("skills", "experience", "bio"),
)  # fmt: skip


@dataclass(frozen=True)
class Look:
    """What one look at the database found (see ``IndexCache._look``)."""

    horizon: int
    done: Callable[[int], bool]
    synonyms_key: tuple  # also changes when the database or the table is replaced
    gone: list[tuple[int, int]]  # (row id, deleting transaction)
    changed: bool  # some row was written at or above the horizon


class IndexCache:
    """One direction's index in this process; ``fresh()`` returns it up to date."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._horizon = 0
        self._consumed: set[int] = set()  # finished transactions at or above the horizon, read
        self._synonyms_key: tuple | None = None
        self._pid = os.getpid()
        self.area_names: dict[int, str] = {}  # 地区 id → name, as of the last look

    def fresh(self) -> Index:
        with self._lock:
            if self._pid != os.getpid():  # forked (e.g. gunicorn --preload): start anew
                self._index, self._pid = None, os.getpid()
            look = self._look()
            if self._stale(look):
                self._open(look.synonyms_key)
            else:
                self._catch_up(look)
            return self._index

    def _stale(self, look: Look) -> bool:
        return (
            self._index is None
            or look.synonyms_key != self._synonyms_key
            # Transaction ids went backwards: another cluster answers now (a restore onto a
            # new machine, a failover to an older copy). Nothing seen before holds.
            or look.horizon < self._horizon
        )

    def reset(self) -> None:
        """Forget the index; the next call rebuilds it (tests roll back rows it has seen)."""
        with self._lock:
            self._index = None

    def _look(self) -> Look:
        """Everything one call needs to know, in one round trip: the snapshot (horizon and
        which transactions had finished), the synonym list's version, the rows deleted since
        the last look, whether any row changed, and the 地区 names.

        This used to be four queries (plus one for the 地区 on the candidates path); at a
        database round trip each, they were most of the time around the engine.
        """
        consumed = list(self._consumed)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint,
                    ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) x),
                    pg_current_xact_id_if_assigned()::text::bigint,
                    (SELECT count(*) FROM matching_synonymgroup),
                    (SELECT max(updated_at) FROM matching_synonymgroup),
                    (SELECT sum(id) FROM matching_synonymgroup),
                    ARRAY(SELECT ARRAY[row_id, xid] FROM matching_indextombstone
                          WHERE table_name = %s AND xid >= %s AND NOT (xid = ANY(%s))),
                    EXISTS(SELECT 1 FROM {self.source.table}
                           WHERE index_xid >= %s AND NOT (index_xid = ANY(%s))),
                    ARRAY(SELECT ARRAY[id::text, name] FROM talent_area),
                    (SELECT d.oid::bigint FROM pg_database d
                     WHERE d.datname = current_database()),
                    to_regclass(%s)::oid::bigint,
                    pg_relation_filenode(to_regclass(%s))::bigint
                FROM pg_current_snapshot() s
                """,
                [
                    self.source.table,
                    self._horizon,
                    consumed,
                    self._horizon,
                    consumed,
                    self.source.table,
                    self.source.table,
                ],
            )
            row = cursor.fetchone()
            xmin, xmax, running, own, n, last, ids, gone, changed, areas, db, table, node = row
        running = set(running)
        self.area_names = {int(a): name for a, name in areas}
        return Look(
            horizon=xmin,
            done=lambda xid: xid < xmax and xid not in running and xid != own,
            # scripts/restore swaps in a new database (new oid) and ``pg_restore --clean``
            # re-creates the table (new relation oid); restored rows carry no tombstones for
            # what the restore removed, so only a rebuild is right then. TRUNCATE leaves no
            # tombstones either: it gives the table a new file node.
            synonyms_key=(db, table, node, n, last, ids),
            gone=[(int(r), int(x)) for r, x in gone],
            changed=changed,
        )

    def _open(self, key: tuple) -> None:
        """Open the index another process saved for ``key``, or build it and save it."""
        folder = index_folder(self.source.table, key)
        if folder is None:
            self._build(key)
            return
        try:
            with _locked(folder.parent / f"{self.source.table}.lock"):
                self._open_or_build(key, folder)
        except OSError:  # the folder cannot be written: every process builds its own
            self._build(key)

    def _open_or_build(self, key: tuple, folder: Path) -> None:
        index = self._new_index(key)
        saved = persist.load(index, folder)
        if saved is not None:
            self._index, self._horizon, self._synonyms_key = index, saved["horizon"], key
            self._consumed = set()
            look = self._look()  # what changed since the saved horizon
            if self._stale(look):
                self._build(look.synonyms_key)
            else:
                self._catch_up(look)
            return
        clean = self._build(key)
        if clean and persist.save(self._index, folder, {"horizon": self._horizon}):
            for other in folder.parent.glob(f"{self.source.table}-*"):
                if other != folder:
                    shutil.rmtree(other, ignore_errors=True)

    def _new_index(self, key: tuple) -> Index:
        return self.source.make_index(
            synonyms=load_synonyms(version=hash(key)),
            vectors=default_vectors(),
            cut_off=SERVICE_CUT_OFF,
        )

    def _build(self, key: tuple) -> bool:
        """Build from the stored terms; True when only committed rows were read (this
        transaction had written nothing), so the index may be saved for other processes."""
        horizon, _, own = _snapshot()
        index = self._new_index(key)
        index.build(self._docs(""))
        index.learn_query_side(self._asking_side())
        self._index, self._horizon, self._synonyms_key = index, horizon, key
        self._consumed = set()
        return own is None

    def _catch_up(self, look: Look) -> None:
        changed = []
        if look.changed:
            changed = list(
                self._docs(
                    "WHERE p.index_xid >= %s AND NOT (p.index_xid = ANY(%s))",
                    [self._horizon, list(self._consumed)],
                    with_xid=True,
                )
            )
        gone = look.gone
        if gone:
            self._index.remove([row_id for row_id, _ in gone])
        if changed:
            self._index.upsert([doc for doc, _ in changed])
        # A transaction that had finished before this look began has been read whole: its rows
        # need not be read again while a long transaction elsewhere holds the horizon back.
        seen = {xid for _, xid in changed} | {xid for _, xid in gone}
        done, horizon = look.done, look.horizon
        self._consumed = {x for x in self._consumed | {x for x in seen if done(x)} if x >= horizon}
        self._horizon = horizon

    def _asking_side(self):
        """The stored terms of the other side, to learn which words every query uses."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.source.asking_side} FROM {self.source.asking_table}")
            names = self.source.asking_fields
            while rows := cursor.fetchmany(_BATCH):
                yield from (dict(zip(names, row, strict=True)) for row in rows)

    def _docs(self, where: str, params: list | None = None, *, with_xid: bool = False):
        select = self.source.select + (", p.index_xid" if with_xid else "")
        sql = f"SELECT {select} FROM {self.source.table} p {where} ORDER BY p.id"
        to_doc = self.source.to_doc
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])
            while rows := cursor.fetchmany(_BATCH):
                if with_xid:
                    yield from ((to_doc(row[:-1]), row[-1]) for row in rows)
                else:
                    yield from (to_doc(row) for row in rows)


def _snapshot() -> tuple[int, Callable[[int], bool], int | None]:
    """The horizon for the next look, a test of whether a transaction id had finished
    (committed or rolled back) when this look began, and the caller's own transaction id if
    it has written (that one is never finished: it may write more)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint, "
            "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) x), "
            "pg_current_xact_id_if_assigned()::text::bigint FROM pg_current_snapshot() s"
        )
        xmin, xmax, running, own = cursor.fetchone()
    running = set(running)
    return xmin, lambda xid: xid < xmax and xid not in running and xid != own, own


def index_folder(table: str, key: tuple) -> Path | None:
    """Where the index of ``table`` built for ``key`` is saved (None: saving is off)."""
    root = settings.TSUNAGU_INDEX_DIR
    if root is None:
        return None
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    return Path(root) / f"{table}-{digest}"


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (one builder per table; the others wait)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load_synonyms(version: int = 0) -> DomainSynonyms:
    groups = [g.term_list() for g in SynonymGroup.objects.all()]
    return DomainSynonyms.from_groups(groups, analyzer(), version=version)


profile_cache = IndexCache(PROFILES)
request_cache = IndexCache(REQUESTS)
