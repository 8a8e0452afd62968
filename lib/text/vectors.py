"""Word vectors keyed by Sudachi normalized forms: the chiVe-derived table in the ja-ginza wheel.

The ``ja-ginza`` package on PyPI ships, besides its spaCy pipeline (which we do not use), a
word-vector table: 480,443 words mapped onto 20,000 rows of 300 float32 values. The words are
Sudachi normalized forms — the same strings ``Analyzer.terms`` stores (子ども → 子供) — and
words pruned onto one row are near neighbours (茶道, 華道 and 書道 share a row), so a row is a
small cluster of related words rather than one word.

Only two files of the wheel are read, never through spaCy:

- ``vocab/vectors``: a NumPy ``.npy`` array (20000 × 300, float32), memory-mapped read-only, so
  every worker process on a machine shares the same 24 MB of page cache;
- ``vocab/key2row``: a MessagePack map from spaCy's 64-bit word hash (MurmurHash64A of the
  UTF-8 bytes, seed 1) to a row, turned once into two sorted arrays (5.8 MB) searched with a
  binary search.

``default_vectors()`` loads the table once per process; it returns None when the package is
not installed, and the matcher then ranks on words alone.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1
_PACKAGE = "ja_ginza"


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy keys its vocabulary with (seed 1 for strings)."""
    h = (seed ^ (len(data) * _M)) & _MASK
    full = len(data) - len(data) % 8
    for i in range(0, full, 8):
        k = (int.from_bytes(data[i : i + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if full < len(data):
        h = ((h ^ int.from_bytes(data[full:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


class WordVectors:
    """A read-only word → vector table; ``row(term)`` is -1 for a word it does not know."""

    def __init__(self, keys: np.ndarray, rows: np.ndarray, vectors: np.ndarray) -> None:
        order = np.argsort(keys)
        self.keys = np.ascontiguousarray(keys[order], dtype=np.uint64)
        self.rows = np.ascontiguousarray(rows[order], dtype=np.int32)
        self.vectors = vectors
        norms = np.linalg.norm(np.asarray(vectors, dtype=np.float32), axis=1)
        self.inverse_norms = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0).astype(
            np.float32
        )
        self._cache: dict[str, int] = {}

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def row(self, term: str) -> int:
        """The row of a stored term (lower-cased ASCII is also tried upper-case: pc → PC)."""
        found = self._cache.get(term)
        if found is None:
            found = self._lookup(term)
            if found < 0 and term.isascii() and term != term.upper():
                found = self._lookup(term.upper())
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[term] = found
        return found

    def knows(self, word: str) -> bool:
        """Whether ``word`` has a vector, without keeping it in the look-up cache (for scans
        over the whole vocabulary)."""
        return self._lookup(word) >= 0

    def _lookup(self, word: str) -> int:
        key = np.uint64(murmurhash64a(word.encode("utf-8")))
        pos = int(np.searchsorted(self.keys, key))
        if pos < len(self.keys) and self.keys[pos] == key:
            return int(self.rows[pos])
        return -1

    def unit(self, rows: np.ndarray) -> np.ndarray:
        """Unit-length vectors of ``rows`` (float32, one per row)."""
        rows = np.asarray(rows, dtype=np.int64)
        return np.asarray(self.vectors[rows], dtype=np.float32) * self.inverse_norms[rows, None]

    def nbytes(self) -> int:
        """Memory owned by this process (the memory-mapped table itself is shared)."""
        return self.keys.nbytes + self.rows.nbytes + self.inverse_norms.nbytes

    @classmethod
    def from_directory(cls, vocab: Path) -> WordVectors:
        import msgpack

        with open(vocab / "key2row", "rb") as f:
            key2row = msgpack.unpackb(f.read(), strict_map_key=False)
        keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
        rows = np.fromiter(key2row.values(), dtype=np.int32, count=len(key2row))
        vectors = np.load(vocab / "vectors", mmap_mode="r", allow_pickle=False)
        return cls(keys, rows, vectors)


def ja_ginza_vocab_dir() -> Path | None:
    """Where the installed ja-ginza wheel keeps its vector table (without importing spaCy)."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        for candidate in sorted(Path(base).glob("ja_ginza-*/vocab")):
            if (candidate / "vectors").exists() and (candidate / "key2row").exists():
                return candidate
    return None


@functools.cache
def default_vectors() -> WordVectors | None:
    """The process's one vector table, or None when ja-ginza is not installed."""
    vocab = ja_ginza_vocab_dir()
    return WordVectors.from_directory(vocab) if vocab is not None else None
