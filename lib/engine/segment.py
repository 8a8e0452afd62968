"""One immutable block of indexed rows: unit-length TF-IDF rows stored by column, plus attributes.

Rows are sorted by document id, so an id is found with a binary search (no per-row Python
objects: a million rows cost arrays, not a million dict entries). The vectors are kept twice,
8 bytes a posting each time (float32 value, int32 index): by column (CSC) because ranking reads
only the query's few columns, and by row (CSR) because explaining a candidate reads only its
own few terms. At a million profiles both together take about half a gigabyte.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp

from .attributes import Attributes


class Segment:
    """Rows of unit-length vectors, stored by column, with their attributes."""

    def __init__(self, matrix: sp.spmatrix, attrs: Attributes) -> None:
        rows = sp.csr_matrix(matrix)
        order = np.argsort(attrs.ids, kind="stable")
        if len(order) and np.any(order[1:] < order[:-1]):
            rows = rows[order]
            attrs = attrs.take(order)
        rows.sum_duplicates()
        rows.sort_indices()
        csc = rows.tocsc()
        csc.sort_indices()
        self.attrs = attrs
        self.shape: tuple[int, int] = csc.shape
        self.data = csc.data.astype(np.float32)
        self.indices = csc.indices.astype(np.int32)
        self.indptr = csc.indptr.astype(np.int64)
        self.row_data = rows.data.astype(np.float32)
        self.row_indices = rows.indices.astype(np.int32)
        self.row_indptr = rows.indptr.astype(np.int64)
        self.filter_cache = FilterCache(self.n_rows)

    @property
    def n_rows(self) -> int:
        return self.shape[0]

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """Row number of each id, or -1 where the segment does not hold it."""
        ids = np.asarray(ids, dtype=np.int64)
        if self.n_rows == 0:
            return np.full(len(ids), -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.attrs.ids, ids), self.n_rows - 1)
        return np.where(self.attrs.ids[pos] == ids, pos, -1)

    def postings(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows holding column ``col`` (ascending) and their values."""
        if col >= self.shape[1]:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        start, end = self.indptr[col], self.indptr[col + 1]
        return self.indices[start:end], self.data[start:end]

    def scores(self, cols: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, int]:
        """Every row's dot product with the query (float32), and how many postings were read.

        The query's posting lists are copied into a small CSC matrix and multiplied in scipy's
        C loop: over twice as fast as adding each list into the scores with numpy indexing,
        and still nothing but those lists is read.
        """
        inside = cols < self.shape[1]
        cols, weights = cols[inside], weights[inside]
        starts, ends = self.indptr[cols], self.indptr[cols + 1]
        pointers = np.concatenate([[0], np.cumsum(ends - starts)])
        total = int(pointers[-1])
        if total == 0:
            return np.zeros(self.n_rows, dtype=np.float32), 0
        spans = list(zip(starts.tolist(), ends.tolist(), strict=True))
        query_columns = sp.csc_matrix(
            (
                np.concatenate([self.data[s:e] for s, e in spans]),
                np.concatenate([self.indices[s:e] for s, e in spans]),
                pointers.astype(np.int32 if total < 2**31 else np.int64),
            ),
            shape=(self.n_rows, len(cols)),
        )
        return query_columns @ weights.astype(np.float32), total

    def values(self, rows: np.ndarray, col: int) -> np.ndarray:
        """The value of column ``col`` in each of ``rows`` (0 where absent)."""
        return self.values_matrix(rows, [col])[:, 0]

    def values_matrix(self, rows: np.ndarray, cols: list[int]) -> np.ndarray:
        """A (len(rows) × len(cols)) array of the rows' values in the given columns.

        Each row's own terms are read (by row), a few dozen, and the columns looked up in them.
        """
        cols_array = np.asarray(cols, dtype=np.int64)
        out = np.zeros((len(rows), len(cols)), dtype=np.float64)
        for i, row in enumerate(np.asarray(rows, dtype=np.int64).tolist()):
            start, end = self.row_indptr[row], self.row_indptr[row + 1]
            if end == start:
                continue
            row_cols = self.row_indices[start:end]
            pos = np.minimum(row_cols.searchsorted(cols_array), end - start - 1)
            hit = row_cols[pos] == cols_array
            out[i, hit] = self.row_data[start:end][pos[hit]]
        return out

    def to_coo(self) -> sp.coo_matrix:
        cols = np.repeat(np.arange(self.shape[1], dtype=np.int32), np.diff(self.indptr))
        return sp.coo_matrix((self.data, (self.indices, cols)), shape=self.shape)

    def nbytes(self) -> int:
        arrays = (self.data, self.indices, self.indptr)
        arrays += (self.row_data, self.row_indices, self.row_indptr)
        return sum(a.nbytes for a in arrays) + self.attrs.nbytes() + self.filter_cache.nbytes()


class FilterCache:
    """The hard filters' row masks of one segment, by filter values, least recently used out.

    A mask (one byte a row) is valid while the segment's live rows are the same array (they
    are replaced, never changed in place, when a row is hidden). At most ``budget`` bytes are
    kept: 80 masks at 100,000 rows, 8 at a million.
    """

    def __init__(self, n_rows: int, budget: int = 8 << 20) -> None:
        self.size = max(1, budget // max(n_rows, 1))
        self._lock = threading.Lock()
        self._alive: np.ndarray | None = None
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._bytes_each = n_rows

    def get(self, alive: np.ndarray | None, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if alive is not self._alive:
                self._alive, self._entries = alive, OrderedDict()
            entries = self._entries
            value = entries.get(key)
            if value is not None:
                entries.move_to_end(key)
                return value
        value = compute()
        with self._lock:
            if entries is self._entries:
                entries[key] = value
                while len(entries) > self.size:
                    entries.popitem(last=False)
        return value

    def nbytes(self) -> int:
        return len(self._entries) * self._bytes_each
