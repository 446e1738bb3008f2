"""The API's errors speak the session's language: a missing record and a form that does not validate."""

import pytest
from django.conf import settings

from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    client.force_login(make_user("hr1", "hr_clerk"))
    return client


@pytest.mark.parametrize(("language", "message"), [("zh-hans", "未找到。"), ("en", "Not found.")])
def test_a_missing_record_is_not_found_in_the_session_language_without_the_model_name(api, language, message):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/api/study-rewards/999999/", "/api/feedback/999999/", "/api/engineers/999999/"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"code": "not_found", "message": message, "fields": {}}, url


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "部分取值无效:请查看各字段的说明。"), ("en", "Some values are not valid: see each field's message.")],
)
def test_invalid_input_says_so_in_the_session_language(api, language, message):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = api.post("/api/feedback/", {"category": "suggestion"}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == message and {"document_no", "text"} <= set(body["fields"])
