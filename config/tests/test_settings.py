"""Configuration comes from the environment; DEBUG off means strict cookies and headers."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_under(env: dict) -> dict:
    code = (
        "import json, django; from django.conf import settings as s; django.setup();"
        "print(json.dumps({'secure': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE, "
        "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, "
        "'engine': s.DATABASES['default']['ENGINE'], "
        "'tz': s.TIME_ZONE, 'lang': s.LANGUAGE_CODE, 'hosts': s.ALLOWED_HOSTS, 'frame': s.X_FRAME_OPTIONS}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_default_is_sqlite_with_in_process_celery():
    s = settings_under({})
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["eager"] is True and s["broker"] == "memory://"
    assert (s["tz"], s["lang"]) == ("Asia/Shanghai", "zh-hans")


def test_production_settings_use_postgres_redis_and_secure_cookies():
    s = settings_under(
        {
            "DATABASE_URL": "postgres://u@db/x",
            "REDIS_URL": "redis://r:6379/0",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "pay.example.cn",
        }
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["eager"] is False and s["broker"] == "redis://r:6379/0"
    assert s["secure"] is True and s["csrf"] is True and s["frame"] == "DENY"
    assert s["hosts"] == ["pay.example.cn"]


def test_debug_relaxes_cookie_security_for_local_http():
    assert settings_under({"DEBUG": "true"})["secure"] is False


def test_the_web_entry_point_boots_with_pdf_rendering_warmed():
    import importlib

    import config.wsgi
    from core.pdf import _weasy

    _weasy.cache_clear()
    importlib.reload(config.wsgi)  # boot again, from a cold PDF cache
    assert callable(config.wsgi.application)
    assert _weasy.cache_info().currsize == 1  # fonts and stylesheet loaded at boot, not on a first download


def test_weak_passwords_are_refused_and_sessions_end_with_the_browser_or_after_eight_hours():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("Passw0rd!", "zhangsan88", "12345678901"):
        try:
            validate_password(weak)
        except ValidationError:
            continue
        raise AssertionError(f"{weak} was accepted")
    validate_password("Anzhuang-2026!")
    # Read in a fresh process: the test fixtures set the same flag for the browser journeys.
    code = (
        "import django; from django.conf import settings as s; django.setup();"
        "print(s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.SESSION_COOKIE_AGE)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", str(8 * 3600)]
