"""The evaluation measures what is served: for every request of the city set, the HTTP
candidates call returns the same people in the same order as ``bench.evaluation.Service``.

The set is loaded the way a city would enter it (profiles and requests through the services,
the synonym list as the admin stores it), so the figures of ``evaluate_matching`` are those of
``GET /api/requests/{id}/candidates/``, not of a twin of the engine.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

from bench.evaluation import Service, city_items
from lib.text.vectors import default_vectors
from matching.management.commands.load_demo_city import load_synonyms
from tests import factories

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.mark.django_db
def test_every_city_request_ranks_through_the_api_as_in_the_evaluation(api, coordinator):
    data = json.loads((FIXTURES / "eval" / "city_eval.json").read_text(encoding="utf-8"))
    groups = json.loads((FIXTURES / "synonyms.json").read_text(encoding="utf-8"))
    load_synonyms(groups)
    names = sorted({a for p in data["profiles"] for a in p.get("areas") or ()})
    areas = {name: factories.area(name) for name in names}
    key_of = {}
    for p in data["profiles"]:  # in the set's order: ties go to the lower id on both sides
        profile = factories.profile(
            kind=p["kind"],
            display_name=p["display_name"],
            furigana=p.get("furigana") or "",
            skills=p["skills"],
            experience=p.get("experience") or "",
            bio=p.get("bio") or "",
            availability=p.get("availability") or [],
            areas=[areas[a] for a in p.get("areas") or ()],
        )
        key_of[profile.pk] = p["key"]
    organization = factories.organization("評価用の会", kind="community")  # no 地区
    stored = {}
    for r in data["requests"]:
        kinds = r.get("kinds_wanted") or ([r["kind_wanted"]] if r.get("kind_wanted") else [])
        stored[r["key"]] = factories.request(
            organization, title=r["title"], description=r["description"], dates=[],
            time_band="", kinds_wanted=kinds,
        )  # fmt: skip

    docs, queries = city_items(data)
    service = Service(docs, [g["terms"] for g in groups], queries, vectors=default_vectors())
    client = api.as_(coordinator)
    differ = []
    for q in queries:
        body = client.get(f"/api/requests/{stored[q.key].pk}/candidates/?limit=10").json()
        served = [key_of[r["profile_id"]] for r in body["results"]]
        if served != service.rank(q):
            differ.append(q.key)
    assert len(queries) == 196
    assert differ == []
