"""One immutable block of indexed rows: unit-length TF-IDF rows stored by column, plus attributes.

Rows are sorted by document id, so an id is found with a binary search (no per-row Python
objects: a million rows cost arrays, not a million dict entries). Columns are kept as posting
lists (CSC, float32 values and int32 rows: 8 bytes a posting) because ranking reads only the
query's few columns.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .attributes import Attributes


class Segment:
    """Rows of unit-length vectors, stored by column, with their attributes."""

    def __init__(self, matrix: sp.spmatrix, attrs: Attributes) -> None:
        order = np.argsort(attrs.ids, kind="stable")
        coo = sp.coo_matrix(matrix)
        if len(order) and np.any(order != np.arange(len(order))):
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            coo = sp.coo_matrix((coo.data, (rank[coo.row], coo.col)), shape=coo.shape)
            attrs = attrs.take(order)
        csc = coo.tocsc()
        csc.sum_duplicates()
        csc.sort_indices()
        self.attrs = attrs
        self.shape: tuple[int, int] = csc.shape
        self.data = csc.data.astype(np.float32)
        self.indices = csc.indices.astype(np.int32)
        self.indptr = csc.indptr.astype(np.int64)

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

        One binary search over every (row, column) pair at once, in numpy: for the few rows of
        a result and the dozens of columns an explanation needs, that is much faster than a
        search call per column.
        """
        rows = np.asarray(rows, dtype=np.int64)
        cols_array = np.asarray(cols, dtype=np.int64)
        out = np.zeros((len(rows), len(cols)), dtype=np.float64)
        inside = np.flatnonzero((cols_array >= 0) & (cols_array < self.shape[1]))
        if not len(rows) or not len(inside):
            return out
        col_ids = cols_array[inside]
        # Every (column, row) pair: lo and hi close in on the row within the column's list.
        lo = np.repeat(self.indptr[col_ids], len(rows))
        hi = np.repeat(self.indptr[col_ids + 1], len(rows))
        end = hi.copy()
        target = np.tile(rows, len(col_ids))
        last = len(self.indices) - 1
        while True:
            active = lo < hi
            if not active.any():
                break
            mid = (lo + hi) >> 1
            right = active & (self.indices[np.minimum(mid, last)] < target)
            lo = np.where(right, mid + 1, lo)
            hi = np.where(active & ~right, mid, hi)
        found = lo < end
        found[found] = self.indices[lo[found]] == target[found]
        values = np.zeros(len(lo), dtype=np.float64)
        values[found] = self.data[lo[found]]
        out[:, inside] = values.reshape(len(col_ids), len(rows)).T
        return out

    def to_coo(self) -> sp.coo_matrix:
        cols = np.repeat(np.arange(self.shape[1], dtype=np.int32), np.diff(self.indptr))
        return sp.coo_matrix((self.data, (self.indices, cols)), shape=self.shape)

    def nbytes(self) -> int:
        arrays = (self.data, self.indices, self.indptr)
        return sum(a.nbytes for a in arrays) + self.attrs.nbytes()
