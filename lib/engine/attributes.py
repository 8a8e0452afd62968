"""Row attributes for the hard filters and soft factors, and the codes they are stored in.

Kinds become small integers and areas bits of 64-bit words, numbered in order of first sight,
so filtering a million rows is a few vectorised comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Protocol

import numpy as np


class AttributeSource(Protocol):
    """What a document must offer to be encoded (``index.Doc`` does)."""

    id: int
    kind: str | None
    kinds: tuple[str, ...]
    prefers: tuple[str, ...]
    published: bool
    availability: int
    needs: tuple[int, ...]
    areas: tuple[int, ...]
    last_asked: float | None


@dataclass
class Attributes:
    """Per-row values the hard filters and soft factors read, as parallel arrays."""

    ids: np.ndarray  # int64 document ids
    kind: np.ndarray  # int32 bit set of kinds (one bit per kind name); 0 = any kind
    prefers: np.ndarray  # int32 bit set of kinds preferred but not required
    published: np.ndarray  # bool: published profile / open request
    availability: np.ndarray  # int32 slots offered, bit day*3 + band
    needs: np.ndarray  # int32 (n, g): slot groups the row requires, each must be met; 0 = none
    areas: np.ndarray  # uint64 (n, w): bit set over the index's area numbering
    last_asked: np.ndarray  # float64 epoch seconds, NaN = never

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> Attributes:
        return Attributes(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    @staticmethod
    def concat(parts: list[Attributes]) -> Attributes:
        """Stack rows; 2-D columns are padded with zeros to the widest part."""
        out = {}
        for f in fields(Attributes):
            arrays = [getattr(p, f.name) for p in parts]
            if arrays[0].ndim == 2:
                width = max(a.shape[1] for a in arrays)
                arrays = [np.pad(a, ((0, 0), (0, width - a.shape[1]))) for a in arrays]
            out[f.name] = np.concatenate(arrays)
        return Attributes(**out)

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


class Codes:
    """Kind names → codes (0 = any kind) and area ids → bit numbers, kept for an index's life."""

    def __init__(self) -> None:
        self.kinds: dict[str, int] = {}
        self.area_bits: dict[int, int] = {}
        self.area_ids: list[int] = []

    def kind(self, name: str | None) -> int | None:
        """The bit set to filter on: None for no filter, 0 for a kind no row has."""
        return None if name is None else self.kind_mask([name])

    def kind_mask(self, names: Iterable[str | None]) -> int:
        """The bit set of the named kinds (kinds no row has add nothing)."""
        mask = 0
        for name in names:
            bit = self.kinds.get(name) if name is not None else None
            if bit is not None:
                mask |= 1 << bit
        return mask

    def encode(self, docs: Sequence[AttributeSource]) -> Attributes:
        for doc in docs:
            for name in (doc.kind, *getattr(doc, "kinds", ()), *getattr(doc, "prefers", ())):
                if name is not None and name not in self.kinds:
                    if len(self.kinds) >= 31:
                        raise ValueError("at most 31 kinds can be told apart")
                    self.kinds[name] = len(self.kinds)
        width = max((len(d.needs) for d in docs), default=0)
        return Attributes(
            ids=np.array([d.id for d in docs], dtype=np.int64),
            kind=np.array(
                [self.kind_mask((d.kind, *getattr(d, "kinds", ()))) for d in docs], dtype=np.int32
            ),
            prefers=np.array(
                [self.kind_mask(getattr(d, "prefers", ())) for d in docs], dtype=np.int32
            ),
            published=np.array([d.published for d in docs], dtype=bool),
            availability=np.array([d.availability for d in docs], dtype=np.int32),
            needs=np.array(
                [list(d.needs) + [0] * (width - len(d.needs)) for d in docs], dtype=np.int32
            ).reshape(len(docs), width),
            areas=self.area_mask([d.areas for d in docs], register=True),
            last_asked=np.array(
                [np.nan if d.last_asked is None else d.last_asked for d in docs], dtype=np.float64
            ),
        )

    def area_mask(self, area_lists: Iterable[Iterable[int]], register: bool = False) -> np.ndarray:
        """Area ids → one row of 64-bit words per list (unknown ids are left out)."""
        area_lists = [list(a) for a in area_lists]
        if register:
            for areas in area_lists:
                for area in areas:
                    if area not in self.area_bits:
                        self.area_bits[area] = len(self.area_ids)
                        self.area_ids.append(area)
        width = max(1, -(-len(self.area_ids) // 64))
        out = np.zeros((len(area_lists), width), dtype=np.uint64)
        for i, areas in enumerate(area_lists):
            for area in areas:
                bit = self.area_bits.get(area)
                if bit is not None:
                    out[i, bit // 64] |= np.uint64(1 << (bit % 64))
        return out

    def area_ids_of(self, words: np.ndarray) -> list[int]:
        """Area ids of the bits set in one row of area words."""
        out = []
        for word_index, word in enumerate(int(w) for w in words):
            while word:
                low = word & -word
                bit = word_index * 64 + low.bit_length() - 1
                if bit < len(self.area_ids):
                    out.append(self.area_ids[bit])
                word ^= low
        return sorted(out)
