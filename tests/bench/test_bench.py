"""The benchmark helpers: timing summaries, the seeded generator, the sentence cache."""

import pytest

from bench.engine import SentenceCache, percentile, profile_doc, summary
from bench.synthetic import KINDS, make_profile, make_request


def test_summary_of_known_timings():
    result = summary([5.0, 1.0, 4.0, 2.0, 3.0])
    assert result == {
        "median": 3.0,
        "min": 1.0,
        "max": 5.0,
        "p50": 3.0,
        "p95": pytest.approx(4.8),
        "n": 5,
    }
    assert summary([])["n"] == 0


def test_percentiles_interpolate_between_samples():
    values = list(range(1, 101))
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)


def test_the_generator_is_a_function_of_seed_and_row():
    assert make_profile(3, 10) == make_profile(3, 10)
    assert make_profile(3, 10) != make_profile(4, 10)
    assert make_request(3, 1) == make_request(3, 1)
    profile = make_profile(3, 10)
    assert profile.id == 11 and profile.kind in KINDS
    assert profile.skills and profile.experience and profile.bio
    assert 0 < profile.availability < 1 << 21


def test_generated_profiles_vary_like_real_ones(analyzer):
    profiles = [make_profile(1, i) for i in range(300)]
    assert len({p.skills for p in profiles}) > 280
    documents = [set(analyzer.terms(p.skills + p.experience + p.bio)) for p in profiles]
    counts: dict[str, int] = {}
    for terms in documents:
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    # A long tail of words and no word in nearly every profile (a real registration list has
    # its most common content word in about one profile in six).
    assert len(counts) > 500
    assert max(counts.values()) < 0.5 * len(profiles)


def test_sentence_cache_gives_the_terms_of_the_whole_text(analyzer):
    cache = SentenceCache(analyzer)
    for i in range(100):
        p = make_profile(5, i)
        for text in (p.skills, p.experience, p.bio):
            assert cache.terms_string(text) == analyzer.terms_string(text)


def test_profile_doc_carries_the_attributes(analyzer):
    p = make_profile(2, 0)
    doc = profile_doc(p, analyzer.terms_string)
    assert doc.id == p.id and doc.kind == p.kind and doc.areas == p.areas
    assert doc.fields["skills"] == analyzer.terms_string(p.skills)
