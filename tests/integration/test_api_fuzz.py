"""Schemathesis against the OpenAPI schema, on a small budget: no request of any shape gives a 5xx on any route.

Each operation gets a few generated requests as an administrator (who may reach every write) and as the public;
the budget is small so the suite stays quick, and fixed (derandomised) so a failure reproduces.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 2


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def _server_errors(operation, headers: dict) -> list[str]:
    found = []

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def probe(case):
        try:
            response = case.call(headers=headers)
        except Exception as exc:  # noqa: BLE001 - the app raised: a 500 for a real client
            found.append(f"{case.method} {case.formatted_path}: {type(exc).__name__}: {exc}")
            return
        if response.status_code >= 500:
            found.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}")

    probe()
    return found


def test_no_route_answers_with_a_server_error(api_schema, db):
    admin = {"Authorization": f"Bearer {db.tokens['admin']}"}
    errors, operations = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        errors += _server_errors(operation, admin)
        if operation.method.upper() == "GET":
            errors += _server_errors(operation, {})
    assert operations > 50
    assert errors == []
