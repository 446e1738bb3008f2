import pytest
from django.contrib.auth.models import User

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def login(client, password):
    return client.post("/accounts/login/", {"username": "li", "password": password}, REMOTE_ADDR="10.0.0.7")


def test_correct_password_logs_in_and_lands_on_home(client):
    make_user("li", "engineer")
    response = login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client):
    make_user("li", "engineer")
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429  # the fifth failure locks
    locked = login(client, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode() or "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_then_success_still_logs_in(client):
    make_user("li", "engineer")
    for _ in range(4):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302


def test_password_change_requires_the_old_password(client):
    user = make_user("li", "engineer")
    client.force_login(user)
    bad = client.post(
        "/accounts/password_change/",
        {"old_password": "nope", "new_password1": "Fresh-Pass-2026!", "new_password2": "Fresh-Pass-2026!"},
    )
    assert bad.status_code == 200
    good = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "Fresh-Pass-2026!", "new_password2": "Fresh-Pass-2026!"},
    )
    assert good.status_code == 302
    assert User.objects.get(username="li").check_password("Fresh-Pass-2026!")


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(make_user("li", "engineer"))
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
