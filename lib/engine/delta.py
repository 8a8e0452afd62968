"""The small segment that takes single changes, and folding it into the main segment.

Appending a row to a CSC matrix copies the whole matrix (tens of milliseconds at 100,000 rows,
most of a second at a million), so an upsert only stores the row's vector here; the delta
segment is rebuilt from these few rows when the next ranking call needs it.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .attributes import Attributes, AttributeSource, Codes
from .segment import Segment


class Delta:
    """Vectors of changed documents, by id, and the segment made of them (built lazily)."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[np.ndarray, np.ndarray, AttributeSource]] = {}
        self._segment: Segment | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def put(self, doc: AttributeSource, columns: np.ndarray, values: np.ndarray) -> None:
        self.rows[doc.id] = (columns, values.astype(np.float32), doc)
        self._segment = None

    def drop(self, doc_id: int) -> None:
        if self.rows.pop(doc_id, None) is not None:
            self._segment = None

    def keep_only(self, ids: set[int]) -> None:
        self.rows = {i: row for i, row in self.rows.items() if i in ids}
        self._segment = None

    def segment(self, codes: Codes, width: int) -> Segment | None:
        """The delta rows as a segment ``width`` columns wide (None when there are none).

        Columns added later need no rebuild: a segment reads columns beyond its width as empty.
        """
        if self._segment is None and self.rows:
            rows = [self.rows[i] for i in sorted(self.rows)]
            lengths = [len(r[0]) for r in rows]
            matrix = sp.csr_matrix(
                (
                    np.concatenate([r[1] for r in rows]),
                    np.concatenate([r[0] for r in rows]),
                    np.concatenate([[0], np.cumsum(lengths)]),
                ),
                shape=(len(rows), width),
            )
            self._segment = Segment(matrix, codes.encode([r[2] for r in rows]))
        return self._segment


def merged(main: Segment, alive: np.ndarray | None, delta: Segment | None, width: int) -> Segment:
    """One segment holding main's live rows and the delta's rows, vectors unchanged."""
    alive = np.ones(main.n_rows, dtype=bool) if alive is None else alive
    coo = main.to_coo()
    keep = alive[coo.row]
    new_row = np.cumsum(alive) - 1
    rows, cols, data = [new_row[coo.row[keep]]], [coo.col[keep]], [coo.data[keep]]
    attrs = [main.attrs.take(np.flatnonzero(alive))]
    n = int(alive.sum())
    if delta is not None:
        delta_coo = delta.to_coo()
        rows.append(delta_coo.row + n)
        cols.append(delta_coo.col)
        data.append(delta_coo.data)
        attrs.append(delta.attrs)
        n += delta.n_rows
    matrix = sp.coo_matrix(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, width)
    )
    return Segment(matrix, Attributes.concat(attrs))
