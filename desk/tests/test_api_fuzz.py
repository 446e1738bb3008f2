"""Property test of the whole API against its own OpenAPI schema (schemathesis): every
operation, as HR and as an engineer, with generated valid and invalid input, never answers
with a server error, and answers in the shape the schema documents.

Bounded for the suite (API_FUZZ_EXAMPLES examples per operation, 5 by default: about a minute per role).
A longer run: API_FUZZ_EXAMPLES=100 pytest desk/tests/test_api_fuzz.py, or the CLI against
a running server: st run http://…/api/schema/?format=json -H "Authorization: Token …"."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "5"))


@pytest.fixture
def api_schema(client, company):
    client.force_login(company.hr)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return schemathesis.openapi.from_dict(json.loads(response.content))


@pytest.fixture
def wsgi(settings):
    """The real WSGI application on the test's database connection: like Django's test client, it must
    not close the connection after each request (on PostgreSQL that would end the test's transaction)."""
    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _first_line(exc: BaseException) -> str:
    text = str(exc).replace("Schemathesis found 1 distinct failure", "").strip()
    lines = [line.strip(" -") for line in text.splitlines() if line.strip(" -")]
    return " / ".join(lines[:2])


def _fuzz(api_schema, wsgi, user) -> list[str]:
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
    problems = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers, app=wsgi)
            try:
                case.validate_response(
                    response,
                    checks=[not_a_server_error, content_type_conformance, response_schema_conformance],
                    headers=headers,
                )
            except BaseException as exc:  # schemathesis raises a group of the checks that failed
                problems.append(f"{case.operation.label} → {response.status_code}: {_first_line(exc)}")
                raise

        try:
            check()
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
    return problems


def test_every_operation_as_hr_answers_without_server_error(api_schema, wsgi, company):
    assert _fuzz(api_schema, wsgi, company.hr) == []


def test_every_operation_as_an_engineer_answers_without_server_error(api_schema, wsgi, company):
    assert _fuzz(api_schema, wsgi, company.li_user) == []
