"""Each process's in-memory matcher indexes, kept in step with PostgreSQL.

The index is a cache of the ``tok_*`` columns. On every ranking call the cache asks the
database what changed since its previous look (one indexed query, plus one for deletions and
one for the synonym list): rows whose ``index_xid`` — stamped by a trigger with the writing
transaction's id — is at or above the *horizon*, the oldest transaction still running when the
previous look began. A transaction that commits out of order (an older id committing after a
newer one) is therefore still found: its id is at or above every horizon taken while it ran.
Rows may be read twice; upserting them again is harmless.

A single change goes to the index's small delta segment (no full rebuild); an edit of the
domain synonym list rebuilds from the stored terms. Nothing is shared between processes but
the database, so every gunicorn worker, on every machine, converges on its next call.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Sum

from matching.engine.index import Doc, Index, profile_index, request_index
from matching.engine.synonyms import DomainSynonyms
from matching.models import SynonymGroup
from matching.text import analyzer
from talent.slots import request_slot_groups, slots_to_mask

_BATCH = 5000


@dataclass(frozen=True)
class Source:
    """How one table becomes index documents."""

    table: str
    select: str  # columns, in the order ``to_doc`` reads them
    to_doc: Callable[[tuple], Doc]
    make_index: Callable[..., Index]


PROFILE_SELECT = """
    p.id, p.tok_skills, p.tok_experience, p.tok_bio, p.kind, p.status, p.availability,
    extract(epoch from p.last_proposed_at),
    ARRAY(SELECT a.area_id FROM talent_profile_areas a WHERE a.profile_id = p.id)
"""

REQUEST_SELECT = """
    p.id, p.tok_title, p.tok_description, p.kind_wanted, p.status, p.dates, p.time_band,
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
    rid, title, description, kind, status, dates, band, areas = row
    return Doc(
        id=rid,
        fields={"title": title, "description": description},
        kind=kind or None,
        published=status == "open",
        needs=request_slot_groups(dates or (), band or ""),
        areas=tuple(areas or ()),
    )


PROFILES = Source("talent_profile", PROFILE_SELECT, _profile_doc, profile_index)
REQUESTS = Source("matching_request", REQUEST_SELECT, _request_doc, request_index)


class IndexCache:
    """One direction's index in this process; ``fresh()`` returns it up to date."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._horizon = 0
        self._synonyms_key: tuple | None = None
        self._pid = os.getpid()

    def fresh(self) -> Index:
        with self._lock:
            if self._pid != os.getpid():  # forked (e.g. gunicorn --preload): start anew
                self._index, self._pid = None, os.getpid()
            key = _synonyms_key()
            if self._index is None or key != self._synonyms_key:
                self._build(key)
            else:
                self._catch_up()
            return self._index

    def reset(self) -> None:
        """Forget the index; the next call rebuilds it (tests roll back rows it has seen)."""
        with self._lock:
            self._index = None

    def _build(self, key: tuple) -> None:
        horizon = _snapshot_horizon()
        index = self.source.make_index(synonyms=load_synonyms(version=hash(key)))
        index.build(self._docs(""))
        self._index, self._horizon, self._synonyms_key = index, horizon, key

    def _catch_up(self) -> None:
        horizon = _snapshot_horizon()
        changed = list(self._docs("WHERE p.index_xid >= %s", [self._horizon]))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT row_id FROM matching_indextombstone WHERE table_name = %s AND xid >= %s",
                [self.source.table, self._horizon],
            )
            gone = [row[0] for row in cursor.fetchall()]
        if gone:
            self._index.remove(gone)
        if changed:
            self._index.upsert(changed)
        self._horizon = horizon

    def _docs(self, where: str, params: list | None = None) -> Iterator[Doc]:
        sql = f"SELECT {self.source.select} FROM {self.source.table} p {where} ORDER BY p.id"
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])
            while rows := cursor.fetchmany(_BATCH):
                yield from (self.source.to_doc(row) for row in rows)


def _snapshot_horizon() -> int:
    """The oldest transaction id still running now: every older one has finished."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return cursor.fetchone()[0]


def _synonyms_key() -> tuple:
    """Changes whenever a group is added, edited or deleted."""
    agg = SynonymGroup.objects.aggregate(n=Count("id"), last=Max("updated_at"), ids=Sum("id"))
    return (agg["n"], agg["last"], agg["ids"])


def load_synonyms(version: int = 0) -> DomainSynonyms:
    groups = [g.term_list() for g in SynonymGroup.objects.all()]
    return DomainSynonyms.from_groups(groups, analyzer(), version=version)


profile_cache = IndexCache(PROFILES)
request_cache = IndexCache(REQUESTS)
