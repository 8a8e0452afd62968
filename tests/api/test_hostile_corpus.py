"""A corpus of hostile inputs through every endpoint of the OpenAPI document, as every role.

The endpoints come from the schema itself, so an endpoint added later is covered without
touching this file. Each operation gets: hostile ids in the path, hostile values in each query
parameter, hostile whole bodies, and each hostile value in each body field. Every answer must
be below 500 and, when it is an error, the API's one JSON shape.
"""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests import factories

MIB = 1024 * 1024

# Values put into one field at a time (JSON bodies).
FIELD_VALUES = [
    "a\u0000",
    ["a\u0000"],
    {"\u0000": 1},
    "\ud800",
    ["\ud800x"],
    "x" * MIB,
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    {"a": {"b": [1, {"d": None}]}},
    1.5,
    -1,
    2**63,
    True,
    None,
    "2026-02-30",
]
# Raw bodies sent as application/json unless a content type is given.
RAW_BODIES = [
    (b"[" * 1000 + b"]" * 1000, "application/json"),
    (b"[" * 1000, "application/json"),
    (b'{"a":' * 1000 + b"1" + b"}" * 1000, "application/json"),
    (b'{"organization": 1e309, "request": 1e309, "profile": 1e309}', "application/json"),
    (b'{"organization": 1.5, "request": 1.5, "profile": 1.5, "id": 1.5}', "application/json"),
    (b'{"organization": NaN, "headcount": Infinity}', "application/json"),
    (b'{"kind": "\\ud800", "status": "\\udfff", "areas": "\\u0000"}', "application/json"),
    (b'{"title": "\xff\xfe\xfa"}', "application/json"),
    (b"\x00\x00\x00", "application/json"),
    (b"not json at all", "application/json"),
    (b"", "application/json"),
    (b"null", "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b'"just a string"', "application/json"),
    (b"12345678901234567890123456789012345678901234567890", "application/json"),
    (b'{"a": "' + b"x" * (3 * MIB) + b'"}', "application/json"),
    (b"title=%00&areas=%00&kind=%00&organization=1.5", "application/x-www-form-urlencoded"),
    (b"title=%ED%A0%80&status=%ff", "application/x-www-form-urlencoded"),
    (b"<xml/>", "application/xml"),
    (b"--x\r\nbroken multipart", "multipart/form-data; boundary=x"),
]
QUERY_VALUES = [
    "%00",
    "a%00b",
    "%ED%A0%80",
    "%ff%fe",
    "1.5",
    "1e309",
    "99999999999999999999999",
    "-1",
    "x" * 5000,
    "[]",
]
PATH_IDS = ["1.5", "1e309", "99999999999999999999999", "0", "-1", "%00", "%ED%A0%80", "abc"]


@pytest.fixture
def world(coordinator, volunteer, other_volunteer, teacher_a, school_a):
    """One of everything, so that paths with an id reach a real object."""
    request = factories.request(school_a)
    profile = volunteer.profile
    match = factories.match(request=request, profile=profile)
    return {
        "profile": profile.pk,
        "request": request.pk,
        "match": match.pk,
        "organization": school_a.pk,
        "activity": None,
    }


def _operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            fields = []
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                ref = content["schema"]["$ref"].rsplit("/", 1)[-1]
                fields = list(components[ref].get("properties", {}))
            query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
            yield path, method, fields, query


def _path_for(path: str, world: dict, pk=None) -> str:
    if "{id}" not in path:
        return path
    resource = path.split("/")[2].rstrip("s").replace("activitie", "activity")
    value = pk if pk is not None else (world.get(resource) or 1)
    return path.replace("{id}", str(value))


def _check(failures, label, response):
    if response.status_code >= 500:
        failures.append((label, response.status_code, ""))
        return
    if response.status_code >= 400:
        try:
            body = json.loads(response.content)
        except ValueError:
            failures.append((label, response.status_code, "not JSON"))
            return
        if not (isinstance(body, dict) and {"detail", "code", "errors"} <= set(body)):
            failures.append((label, response.status_code, f"shape {body!r:.80}"))


@pytest.mark.parametrize("role", ["anonymous", "volunteer", "requester", "coordinator"])
def test_no_hostile_input_gets_a_server_error_or_a_non_json_error(
    role, world, api, coordinator, volunteer, teacher_a
):
    user = {"anonymous": None, "volunteer": volunteer, "requester": teacher_a}.get(
        role, coordinator
    )
    client = api.as_(user)
    failures: list = []
    count = 0
    for path, method, fields, query in _operations():
        send = getattr(client, method)
        if "{id}" in path:
            for pk in PATH_IDS:
                url = _path_for(path, world, pk)
                _check(failures, f"{method} {url}", send(url))
                count += 1
        url = _path_for(path, world)
        for name in query:
            for value in QUERY_VALUES:
                _check(
                    failures, f"{method} {url}?{name}={value[:20]}", send(f"{url}?{name}={value}")
                )
                count += 1
        if method in ("post", "patch", "put"):
            for raw, content_type in RAW_BODIES:
                label = f"{method} {url} raw {raw[:30]!r}"
                _check(failures, label, send(url, data=raw, content_type=content_type))
                count += 1
            for field in fields:
                for value in FIELD_VALUES:
                    label = f"{method} {url} {field}={json.dumps(value)[:30]}"
                    body = json.dumps(
                        {field: value}
                    )  # \ud800 stays an escape, as a client sends it
                    _check(failures, label, send(url, data=body, content_type="application/json"))
                    count += 1
    assert count > 1000  # the corpus really went through
    assert failures == []
