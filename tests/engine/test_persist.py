"""A saved index, opened memory-mapped, ranks exactly as the index it was saved from; a
folder saved for anything else is not opened."""

import json
from dataclasses import replace

import numpy as np
import pytest

from lib.engine import Doc, DomainSynonyms, Query, persist
from lib.engine.index import SERVICE_CUT_OFF, profile_index, request_index
from lib.engine.segment import mapped
from lib.engine.synonyms import Member

SKILLS = [
    "書道",
    "習字",
    "陶芸",
    "英会話",
    "会話",
    "プログラミング",
    "将棋",
    "囲碁",
    "茶道",
    "華道",
]
COMMON = ["教室", "講座", "子供", "地域", "体験", "先生"]


def synonyms():
    return DomainSynonyms([Member(0, "書道", ("書道",)), Member(0, "習字", ("習字",))])


def make_docs(seed, n=600):
    rng = np.random.default_rng(seed)
    return [
        Doc(
            i,
            {
                "skills": " ".join(rng.choice(SKILLS, size=int(rng.integers(1, 4)))),
                "bio": " ".join(rng.choice(COMMON, size=int(rng.integers(0, 6)))),
            },
            kind=("a", "b", "c")[i % 3],
            published=bool(i % 13),
            availability=int(rng.integers(0, 1 << 21)) if i % 5 else 0,
            areas=(int(rng.integers(1, 6)),),
            last_asked=None if i % 2 else float(i) * 3600.0,
        )
        for i in range(1, n + 1)
    ]


def queries():
    out = []
    for i, word in enumerate(SKILLS):
        out.append(
            Query(
                {"title": f"{word} {COMMON[i % len(COMMON)]}", "description": "子供 体験"},
                kinds=(("a",), ("b", "c"), ())[i % 3],
                kinds_strict=i % 2 == 0,
                required_slots=((1 << (i % 21)) | 1,) if i % 3 else (),
                areas=(i % 5 + 1,),
                exclude=(i + 1, i + 7),
                limit=(5, 20)[i % 2],
                now=1_000_000.0,
            )
        )
    return out


def answers(index):
    out = []
    for q in queries():
        for semantic in (False, True):
            result = index.rank(replace(q, semantic=semantic)).as_dict()
            result.pop("stats")
            out.append(result)
    return out


@pytest.fixture(scope="module")
def vectors():
    from lib.text.vectors import default_vectors

    return default_vectors()


def make(vectors):
    return profile_index(synonyms=synonyms(), vectors=vectors, cut_off=SERVICE_CUT_OFF)


def test_a_loaded_index_ranks_exactly_as_the_built_one(tmp_path, vectors):
    built = make(vectors)
    built.build(make_docs(1))
    built.learn_query_side([{"title": "書道 教室"}, {"title": "陶芸 教室"}, {"title": "囲碁"}])
    assert persist.save(built, tmp_path / "idx", {"horizon": 42})
    loaded = make(vectors)
    assert persist.load(loaded, tmp_path / "idx") == {"horizon": 42}
    assert answers(loaded) == answers(built)
    # Its big arrays are the files, shared by every process that opens them.
    assert mapped(loaded._main.data)
    stats = loaded.stats()
    assert 0 < stats["shared_bytes"] <= stats["bytes"] and built.stats()["shared_bytes"] == 0
    # Changes after loading go to the delta as in the built index, and a merge folds them in.
    changes = make_docs(2, n=40)
    for index in (built, loaded):
        index.upsert([replace(d, id=d.id * 7) for d in changes])
        index.remove([3, 5, 8])
    assert answers(loaded) == answers(built)
    for index in (built, loaded):
        index.merge()
    assert answers(loaded) == answers(built)


def test_the_requests_index_too(tmp_path, vectors):
    docs = [
        Doc(i, {"title": SKILLS[i % 10], "description": "子供 体験"}, kinds=(("a",), ())[i % 2],
            needs=((1 << (i % 21)),) if i % 3 else (), areas=(i % 4,))
        for i in range(1, 200)
    ]  # fmt: skip
    built = request_index(vectors=vectors)
    built.build(docs)
    assert persist.save(built, tmp_path / "req")
    loaded = request_index(vectors=vectors)
    assert persist.load(loaded, tmp_path / "req") == {}
    for word in SKILLS:
        q = Query({"skills": word}, kind="a", offered_slots=0b111, limit=10, now=0.0)
        assert loaded.rank(q).as_dict()["candidates"] == built.rank(q).as_dict()["candidates"]


def test_a_folder_saved_for_something_else_is_not_opened(tmp_path, vectors):
    built = make(vectors)
    built.build(make_docs(1))
    assert persist.save(built, tmp_path / "idx")
    # Another synonym list, other fields: the fingerprint differs.
    other_list = profile_index(synonyms=DomainSynonyms(), vectors=vectors)
    assert persist.load(other_list, tmp_path / "idx") is None
    assert persist.load(request_index(synonyms=synonyms()), tmp_path / "idx") is None
    # An empty index it was refused into is left as it was.
    assert len(other_list) == 0
    # Another format.
    meta = json.loads((tmp_path / "idx" / "meta.json").read_text())
    (tmp_path / "idx" / "meta.json").write_text(json.dumps({**meta, "format": 0}))
    assert persist.load(make(vectors), tmp_path / "idx") is None
    # Half a folder.
    (tmp_path / "idx" / "meta.json").write_text(json.dumps(meta))
    (tmp_path / "idx" / "indices.npy").unlink()
    assert persist.load(make(vectors), tmp_path / "idx") is None
    assert persist.load(make(vectors), tmp_path / "nothing-here") is None


def test_only_a_freshly_built_index_is_saved_and_never_over_another(tmp_path, vectors):
    index = make(vectors)
    index.build(make_docs(1))
    index.upsert(make_docs(3, n=1))
    assert not persist.save(index, tmp_path / "changed")  # its delta would be lost
    assert not (tmp_path / "changed").exists()
    first, second = make(vectors), make(vectors)
    first.build(make_docs(1))
    second.build(make_docs(4))
    assert persist.save(first, tmp_path / "idx", {"n": 1})
    assert not persist.save(second, tmp_path / "idx", {"n": 2})
    assert persist.load(make(vectors), tmp_path / "idx") == {"n": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]  # no temporary folder left
