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
domain synonym list rebuilds from the stored terms. So does *drift*: IDF and which words are
generic on the asking side are learnt at a build and frozen until the next, so when more than
a fifth of either table's rows (and at least 50) were written since the build, the next call
rebuilds. A process started when the city had a tenth of its profiles and requests would
otherwise rank with that tenth's statistics for as long as it runs (``evaluate_matching
--stale 0.1``, dev split: MRR@10 0.795 instead of 0.841, "nothing fits" for 2 of 13 ``none``
requests instead of 9). Every gunicorn worker, on every machine, converges on its next call.

A built index is saved under ``TSUNAGU_INDEX_DIR`` (``lib.engine.persist``) with the horizon and
the row counts it was built at; a process starting later opens the newest one memory-mapped —
the workers of a machine then share one copy of its arrays — and goes on from there exactly as
the process that built it (catching up from its horizon, rebuilding on drift, and saving that
rebuild in turn). The folder is named after the build key (database, table, its file node,
synonym list), so a restored database, a truncated table or an edited list never opens an old
one; one process per table builds at a time, the others wait and open its files. Only an index
read from committed rows is saved (not one built inside a transaction that had written).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from lib.engine import persist
from lib.engine.index import SERVICE_CUT_OFF, Doc, Index, profile_index, request_index
from lib.engine.synonyms import DomainSynonyms
from lib.slots import request_slot_groups, slots_to_mask
from lib.text import analyzer
from lib.text.vectors import default_vectors
from matching import index_files
from matching.models import SynonymGroup

_BATCH = 5000
# Rebuild when more than this share of a table's rows (and at least DRIFT_MIN rows) were
# written since the index was built (see the module docstring).
DRIFT_SHARE = 0.2
DRIFT_MIN = 50
_NEVER = 2**62  # a transaction id no row carries


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
    erased: str = "0"  # SQL counting rows whose personal data was erased (_open_or_build)


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
    erased="(SELECT count(*) FROM talent_profile WHERE status = 'withdrawn')",
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
    drift: tuple[int, int] = (0, 0)  # rows of (this table, the asking side) written since the build


class IndexCache:
    """One direction's index in this process; ``fresh()`` returns it up to date."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._horizon = 0
        self._consumed: set[int] = set()  # finished transactions at or above the horizon, read
        self._synonyms_key: tuple | None = None
        self._built_horizon = _NEVER
        self.built_rows = (0, 0)  # rows of (this table, the asking side) at the last build
        # Rows at or above the build's horizon already when it was built (written by
        # transactions still running then, or by the building transaction itself).
        self._drift_base = (0, 0)
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
            or self._drifted(look.drift)
        )

    def _drifted(self, drift: tuple[int, int]) -> bool:
        return any(
            written - base > max(DRIFT_MIN, DRIFT_SHARE * built)
            for written, base, built in zip(drift, self._drift_base, self.built_rows, strict=True)
        )

    def reset(self) -> None:
        """Forget the index; the next call rebuilds it (tests roll back rows it has seen)."""
        with self._lock:
            self._index, self._built_horizon = None, _NEVER

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
                    pg_relation_filenode(to_regclass(%s))::bigint,
                    (SELECT count(*) FROM {self.source.table} WHERE index_xid >= %s),
                    (SELECT count(*) FROM {self.source.asking_table} WHERE index_xid >= %s)
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
                    self._built_horizon,
                    self._built_horizon,
                ],
            )
            row = cursor.fetchone()
            xmin, xmax, running, own, n, last, ids, gone, changed, areas, db, table, node = row[:13]
            drift = (int(row[13]), int(row[14]))
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
            drift=drift,
        )

    def _open(self, key: tuple) -> None:
        """Open the newest index saved for ``key``, or build one and save it."""
        folder = index_files.folder(self.source.table, key)
        if folder is None:
            self._build(key)
            return
        try:
            with index_files.locked(folder.parent / f"{self.source.table}.lock"):
                self._open_or_build(key, folder)
        except OSError:  # the folder cannot be written: every process builds its own
            self._build(key)

    def _open_or_build(self, key: tuple, folder: Path) -> None:
        newest = index_files.newest(folder)
        if newest is not None:
            index = self._new_index(key)
            state = persist.load(index, newest)
            # Saved before a withdrawal or deletion (elsewhere: index_files.forget): build.
            if state is not None and state.get("erased") == self._erasures():
                self._index, self._synonyms_key = index, key
                self._horizon = self._built_horizon = state["horizon"]
                self.built_rows = tuple(state["built_rows"])
                self._drift_base = tuple(state["drift_base"])
                self._consumed = set()
                look = self._look()  # what changed since it was saved
                if not self._stale(look):
                    self._catch_up(look)
                    return
        if self._build(key):
            state = {
                "horizon": self._horizon,
                "built_rows": self.built_rows,
                "drift_base": self._drift_base,
                "erased": self._erased,
            }
            index_files.save(self._index, folder, self._horizon, state)

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
        self._erased = self._erasures()  # before reading: what it counts is in the rows read
        index = self._new_index(key)
        index.build(self._docs(""))
        asking = [0]

        def counted(docs):
            for doc in docs:
                asking[0] += 1
                yield doc

        index.learn_query_side(counted(self._asking_side()))
        self._index, self._horizon, self._synonyms_key = index, horizon, key
        self._built_horizon, self.built_rows = horizon, (len(index), asking[0])
        self._drift_base = self._written_since(horizon)
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

    def _erasures(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM matching_indextombstone WHERE table_name = %s) + "
                f"{self.source.erased}",
                [self.source.table],
            )
            return int(cursor.fetchone()[0])

    def _written_since(self, horizon: int) -> tuple[int, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT count(*) FROM {self.source.table} WHERE index_xid >= %s), "
                f"(SELECT count(*) FROM {self.source.asking_table} WHERE index_xid >= %s)",
                [horizon, horizon],
            )
            own, asking = cursor.fetchone()
        return int(own), int(asking)

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


def load_synonyms(version: int = 0) -> DomainSynonyms:
    groups = [g.term_list() for g in SynonymGroup.objects.all()]
    return DomainSynonyms.from_groups(groups, analyzer(), version=version)


profile_cache = IndexCache(PROFILES)
request_cache = IndexCache(REQUESTS)
