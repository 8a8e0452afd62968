"""schemathesis over /api/schema/, for each role, in-process against the WSGI application.

Bounded: a fixed number of generated cases per operation (derandomized, so every run sends
the same cases), which keeps the four roles together well under two minutes. The checks: no
server error, and every answer as documented — status code, content type, headers and body
schema. A failing case is printed by schemathesis with a curl line to replay it.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_test_transaction():
    """Requests go straight to the WSGI app in this thread, on the test's connection and
    inside its transaction; Django would close that connection at the end of each request
    (as its own test client also prevents)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _run_operation(operation, headers, path_parameters=None):
    strategy = operation.as_strategy(path_parameters=path_parameters)

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=["explicit", "generate"],
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("role", ["anonymous", "volunteer", "requester", "coordinator"])
def test_every_answer_is_documented_and_none_is_a_server_error(
    role, in_test_transaction, api, coordinator, volunteer, teacher_a, school_a
):
    user = {"anonymous": None, "volunteer": volunteer, "requester": teacher_a}.get(
        role, coordinator
    )
    request = factories.request(school_a)
    match = factories.match(request=request, profile=volunteer.profile)
    existing = {
        "profiles": volunteer.profile.pk,
        "requests": request.pk,
        "matches": match.pk,
        "organizations": school_a.pk,
    }
    headers = {}
    if user is not None:
        client = api.as_(user)
        headers["Authorization"] = client._credentials["HTTP_AUTHORIZATION"]
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        _run_operation(operation, headers)
        resource = operation.path.split("/")[2]
        if "{id}" in operation.path and resource in existing:
            _run_operation(operation, headers, {"id": existing[resource]})
