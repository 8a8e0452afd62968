"""An index saved to a folder and opened memory-mapped, so that worker processes share it.

The main segment's arrays (by column and by row) and its rows' attributes are written as
``.npy`` files and opened with ``numpy.load(mmap_mode="r")``: the operating system keeps one
copy of them in its page cache for every process that opens them, and a worker that starts
later reads only the small parts (vocabulary, codes, IDF) instead of rebuilding the index from
the stored terms. What changes per process stays per process: the delta segment, the mask of
rows changed since, the filter masks. A merge of the delta builds a new main segment in the
process's own memory (shared pages are read-only).

``save`` writes a temporary folder and renames it, so a reader never sees half a folder.
``load`` returns None — and the caller builds — when the folder is missing, incomplete, or was
written for anything but exactly this index: the fingerprint covers the format, the index's
fields and weights, the domain synonym list as compiled, and the source of the engine modules
that decide what a built index holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import fields
from pathlib import Path

import numpy as np

from lib.text.analysis import is_synonym_term

from . import vectorize
from .attributes import Attributes
from .index import Index
from .segment import Segment

FORMAT = 1
_COLUMNS = ("data", "indices", "indptr")
_ROWS = ("row_data", "row_indices", "row_indptr")
_META = "meta.json"
# The modules whose code decides what ``Index.build`` produces.
_SOURCES = (
    "attributes.py", "delta.py", "index.py", "persist.py", "segment.py", "synonyms.py",
    "vectorize.py",
)  # fmt: skip


def fingerprint(index: Index) -> str:
    """What a saved index must have been built with to stand in for building this one."""
    here = Path(__file__).parent
    parts = {
        "format": FORMAT,
        "fields": index.fields,
        "query_fields": index.query_fields,
        "shares": vectorize.SHARES,
        "synonyms": [(m.group, m.text, list(m.terms)) for m in index.synonyms.members],
        "code": [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in _SOURCES],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def save(index: Index, folder: Path, extra: dict | None = None) -> bool:
    """Write ``index`` (a freshly built one: no delta, no hidden rows) to ``folder``.

    ``extra`` is kept with it for the caller (say, the database snapshot it was built at).
    False when the index has changes since its build, or another process wrote the folder
    first; both leave the folder as it was.
    """
    folder = Path(folder)
    with index._lock:  # a friend module: reads the index's state as one consistent whole
        if len(index._delta) or index._alive is not None:
            return False
        main, codes, vocab = index._main, index._codes, index._vocab
        meta = {
            "format": FORMAT,
            "fingerprint": fingerprint(index),
            "shape": list(main.shape),
            "terms": list(vocab.terms),
            "links": [[syn, sorted(cols)] for syn, cols in index._links.items()],
            "fit_docs": index._fit_docs,
            "kinds": codes.kinds,
            "area_ids": codes.area_ids,
            "specificity": index._specificity,
            "extra": extra or {},
        }
        arrays = {name: getattr(main, name) for name in _COLUMNS + _ROWS}
        arrays.update({f"attrs_{f.name}": getattr(main.attrs, f.name) for f in fields(Attributes)})
        arrays["idf"] = index._idf
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, array in arrays.items():
            np.save(temporary / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        (temporary / _META).write_text(json.dumps(meta, ensure_ascii=False))
        os.rename(temporary, folder)
        return True
    except OSError:
        return False  # the folder exists: another process saved the same index first
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def load(index: Index, folder: Path) -> dict | None:
    """Fill ``index`` (new, unbuilt, made with the same parameters) from ``folder``, its big
    arrays memory-mapped; returns the ``extra`` saved with it, or None (and leaves ``index``
    untouched) when the folder cannot stand in for a build."""
    folder = Path(folder)
    try:
        meta = json.loads((folder / _META).read_text())
        if meta.get("format") != FORMAT or meta.get("fingerprint") != fingerprint(index):
            return None

        def array(name: str) -> np.ndarray:
            # A plain ndarray over the mapped file: numpy.memmap slices run Python code on
            # every operation (a third slower ranking), a base-class view does not.
            return np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False))

        shape = tuple(meta["shape"])
        attrs = Attributes(**{f.name: array(f"attrs_{f.name}") for f in fields(Attributes)})
        main = Segment.from_arrays(
            shape, [array(n) for n in _COLUMNS], [array(n) for n in _ROWS], attrs
        )
        idf = np.array(array("idf"))  # small, and extended in place of copies later
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(meta["terms"]) != shape[1] or len(idf) < shape[1] or len(attrs) != shape[0]:
        return None
    with index._lock:
        index._reset()
        vocab = index._vocab
        vocab.terms = list(meta["terms"])
        vocab.index = {term: i for i, term in enumerate(vocab.terms)}
        vocab.is_synonym = np.array([is_synonym_term(t) for t in vocab.terms], dtype=bool)
        vocab.is_domain = np.array([t in vocab.domain_words for t in vocab.terms], dtype=bool)
        index._links = {int(syn): set(cols) for syn, cols in meta["links"]}
        index._idf = idf
        index._fit_docs = int(meta["fit_docs"])
        codes = index._codes
        codes.kinds = {name: int(bit) for name, bit in meta["kinds"].items()}
        codes.area_ids = [int(a) for a in meta["area_ids"]]
        codes.area_bits = {area: bit for bit, area in enumerate(codes.area_ids)}
        index._specificity = {t: float(v) for t, v in meta["specificity"].items()}
        index._main = main
    return meta["extra"]
