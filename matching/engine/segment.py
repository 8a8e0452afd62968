"""One immutable block of indexed rows: a CSC matrix of unit-length TF-IDF rows plus attributes.

Rows are sorted by document id, so an id is found with a binary search (no per-row Python
objects: a million rows cost arrays, not a million dict entries). Columns are kept as posting
lists (CSC) because ranking reads only the query's few columns.
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
        lengths = np.diff(self.indptr)
        self.colmax = np.zeros(self.shape[1], dtype=np.float32)
        nonempty = lengths > 0
        if nonempty.any():
            self.colmax[nonempty] = np.maximum.reduceat(self.data, self.indptr[:-1][nonempty])

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
        """The rows holding column ``col`` and their values (empty beyond this segment)."""
        if col >= self.shape[1]:
            empty = np.zeros(0, dtype=np.int32)
            return empty, np.zeros(0, dtype=np.float32)
        start, end = self.indptr[col], self.indptr[col + 1]
        return self.indices[start:end], self.data[start:end]

    def values(self, rows: np.ndarray, col: int) -> np.ndarray:
        """The value of column ``col`` in each of ``rows`` (0 where absent)."""
        col_rows, col_vals = self.postings(col)
        out = np.zeros(len(rows), dtype=np.float64)
        if len(col_rows):
            pos = np.minimum(np.searchsorted(col_rows, rows), len(col_rows) - 1)
            hit = col_rows[pos] == rows
            out[hit] = col_vals[pos[hit]]
        return out

    def values_matrix(self, rows: np.ndarray, cols: list[int]) -> np.ndarray:
        """A (len(rows) × len(cols)) array of the rows' values in the given columns."""
        out = np.zeros((len(rows), len(cols)), dtype=np.float64)
        for j, col in enumerate(cols):
            out[:, j] = self.values(rows, col)
        return out

    def to_coo(self) -> sp.coo_matrix:
        cols = np.repeat(np.arange(self.shape[1], dtype=np.int32), np.diff(self.indptr))
        return sp.coo_matrix((self.data, (self.indices, cols)), shape=self.shape)

    def nbytes(self) -> int:
        arrays = (self.data, self.indices, self.indptr, self.colmax)
        return sum(a.nbytes for a in arrays) + self.attrs.nbytes()
