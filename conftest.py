"""Shared fixtures: a small company built through the real services."""

import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Playwright drives the browser from an event loop; the ORM calls in live-server
# tests are synchronous by design.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Test@pass-2026"


# Property tests judge results, never speed: a loaded CI machine must not fail them for generating slowly.
hypothesis_settings.register_profile(
    "incdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
hypothesis_settings.load_profile("incdesk")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """No collectstatic manifest in tests: serve static files as they are; a fast
    password hasher, since every fixture creates several users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def frozen_today() -> date:
    """The day every test runs on, whatever the calendar says. A test that needs another
    (December's annual awards, a month's last day) parametrizes this fixture."""
    return date(2026, 11, 18)


@pytest.fixture(autouse=True)
def _today_is_fixed(frozen_today, settings):
    """Time starts at 10:00 Shanghai on `frozen_today` and ticks on from there. Cookies are
    browser-session cookies, so a browser running on the real clock never finds them expired."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    start = datetime.combine(frozen_today, time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English leaves English active on the thread,
    and a service called after it (outside any request) then wrote its reasons in English."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Each test prints its PDFs into its own folder (parallel workers' period 1 would share one)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Parallel test workers share CI's Redis: each keeps its own keys (a period 1 in each database)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker:
        settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{worker}"}}


@pytest.fixture(autouse=True)
def _payslip_pages_read_afresh(settings):
    """Tests read every payslip page afresh: with a frozen clock, SQLite's reused ids could make one
    test's closed month look like another's. payroll/tests/test_kept_pages.py keeps them. Live pages
    too: a test's transaction never commits, so the write version (core/write_version.py) never moves
    inside it; core/tests/test_live_pages.py keeps them in transactions that commit."""
    settings.PAYSLIP_PAGES_KEPT_SECONDS = 0
    settings.LIVE_PAGES_KEPT_SECONDS = 0


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Tasks run in the test's process even when REDIS_URL points at a broker (as in CI):
    no worker runs beside the tests, and eager mode is the embedded default's path."""
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def http_cookies(settings):
    """The live server speaks plain HTTP: secure cookies would never come back to it."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; Playwright's own browser download is not available here."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => console.error(
  `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.fixture
def csp_violations():
    """What the browser refused under the Content-Security-Policy during the test."""
    return []


@pytest.fixture
def page(page, csp_violations):
    """Every browser journey fails if a page breaks the Content-Security-Policy: Chromium reports
    each refusal on the console ("Refused to … because it violates the following Content Security
    Policy directive") and as a securitypolicyviolation event, logged here too."""

    def listen(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", listen)
    page.add_init_script(CSP_LISTENER)
    yield page
    assert not csp_violations, "\n".join(csp_violations)


def aware(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def submitted_request(c, work_order, engineer, rate: str = "0.03"):
    """An individual incentive the QS officer proposes for `engineer` and the supervisor submits: what
    waits in the department manager's inbox."""
    from workorders.bonus import services

    proposed = services.bonus_request_propose(
        user=c.qs, kind="individual", work_order=work_order, engineer=engineer, rate=Decimal(rate), rated_excellent=True
    )
    return services.bonus_request_transition(user=c.supervisor, request=proposed, action="submit")


def make_user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    for role in roles:
        # get_or_create: transactional (browser) tests flush the groups the migration made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def company(db):
    """Two departments, a crew, four engineers, users per role, and two piece-rate
    versions: 2026-A from 2026-01-01 and 2026-B from 2026-03-16 (mid-month)."""
    from engineers.models import Crew, CrewMembership, Department, Engineer
    from workorders.models import PieceRateItem, PieceRateTable

    class Company:
        pass

    c = Company()
    c.d1 = Department.objects.create(code="D01", name="安装部")
    c.d2 = Department.objects.create(code="D02", name="维修部")
    c.crew = Crew.objects.create(code="C01", name="安装一组", department=c.d1)
    c.other_crew = Crew.objects.create(code="C02", name="维修一组", department=c.d2)

    def engineer(no, name, dept, **kw):
        return Engineer.objects.create(
            employee_no=no, name=name, department=dept, hire_date=kw.pop("hire_date", date(2020, 1, 1)), **kw
        )

    c.zhang = engineer("E001", "张伟", c.d1)
    c.li = engineer("E002", "李娜", c.d1)
    c.wang = engineer("E003", "王强", c.d2)
    c.zhao = engineer("E004", "赵敏", c.d1)
    for e, crew in ((c.zhang, c.crew), (c.li, c.crew), (c.zhao, c.crew), (c.wang, c.other_crew)):
        CrewMembership.objects.create(crew=crew, engineer=e, start_date=date(2020, 1, 1))
    c.crew.leader = c.zhang
    c.crew.save()

    c.hr = make_user("hr", "hr_clerk")
    c.manager = make_user("manager", "dept_manager")
    c.d1.manager = c.manager
    c.d1.save()
    c.gm = make_user("gm", "general_manager")
    c.finance = make_user("finance", "finance")
    c.supervisor = make_user("supervisor", "supervisor")
    c.leader_user = make_user("leader", "crew_leader", "engineer")
    c.zhang.user = c.leader_user
    c.zhang.save()
    c.li_user = make_user("li", "engineer")
    c.li.user = c.li_user
    c.li.save()
    c.wang_user = make_user("wang", "engineer")
    c.wang.user = c.wang_user
    c.wang.save()

    c.table_a = PieceRateTable.objects.create(
        code="2026-A", name="计件标准", effective_from=date(2026, 1, 1), status="active"
    )
    c.table_b = PieceRateTable.objects.create(
        code="2026-B", name="计件标准(调价)", effective_from=date(2026, 3, 16), status="active"
    )
    for table, heater, pipe in ((c.table_a, "120.00", "6.50"), (c.table_b, "130.00", "7.00")):
        PieceRateItem.objects.create(
            table=table, code="AZ-101", description="太阳能热水器安装", unit="台", unit_rate=Decimal(heater)
        )
        PieceRateItem.objects.create(
            table=table, code="AZ-105", description="上下水管路铺设", unit="米", unit_rate=Decimal(pipe)
        )
    return c


@pytest.fixture
def make_work_order(company):
    """Create a work order through the service: lines as (code, qty), people as (engineer, days)."""
    from workorders import services
    from workorders.models import WorkOrder

    counter = iter(range(1, 10_000))

    def make(*, reported: date, resolved: date | None = None, lines=(("AZ-101", "1"),), people=(), **fields):
        wo = WorkOrder(
            number=fields.pop("number", f"WO-T-{next(counter):04d}"),
            order_type=fields.pop("order_type", "installation"),
            department=fields.pop("department", company.d1),
            crew=fields.pop("crew", company.crew),
            customer_name="陈先生",
            site_address="佛山市南海区桂城街道1号",
            reported_at=aware(reported),
            resolved_at=aware(resolved, 17) if resolved else None,
            **fields,
        )
        return services.work_order_save(
            user=company.hr,
            work_order=wo,
            lines=[services.LineInput(code, Decimal(q)) for code, q in lines],
            participants=[services.ParticipantInput(e, Decimal(d), None) for e, d in people],
        )

    return make


def ensure_policy_a2():
    """Transactional tests flush the A/2 version the migration seeded; put it back."""
    import json
    from datetime import date

    from django.utils import timezone

    from incentives.policy import DEFAULTS_DIR
    from policies.models import PolicyVersion

    params = json.loads((DEFAULTS_DIR / "FS-MS-KF-13_A2.json").read_text(encoding="utf-8"))
    PolicyVersion.objects.get_or_create(
        document_no="FS-MS-KF-13",
        version="A/2",
        defaults={
            "title": params["title"],
            "effective_from": date(2009, 4, 1),
            "status": "approved",
            "parameters": params,
            "approved_at": timezone.now(),
        },
    )
    from policies.defaults import seed_pay_documents

    seed_pay_documents(PolicyVersion, timezone.now())


@pytest.fixture
def bonus_people(company):
    """Everyone the FS-MS-KF-13 workflows involve, plus the edge cases four-eyes needs."""
    ensure_policy_a2()
    company.qs = make_user("qs", "qs_officer")
    company.supervisor2 = make_user("supervisor2", "supervisor")
    company.gm2 = make_user("gm2", "general_manager")
    company.other_manager = make_user("other_manager", "dept_manager")
    from engineers.models import Department

    Department.objects.filter(pk=company.d2.pk).update(manager=company.other_manager)
    for user in (
        company.qs,
        company.supervisor,
        company.supervisor2,
        company.manager,
        company.gm,
        company.gm2,
        company.li_user,
    ):
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return company


@pytest.fixture
def special_order(bonus_people, make_work_order):
    """A completed special project this month: 3 × AZ-101 + 20 m AZ-105 under table 2026-B."""
    today = timezone.localdate()
    return make_work_order(
        reported=today - timedelta(days=1) if today.day > 1 else today,
        resolved=today,
        is_special=True,
        lines=(("AZ-101", "3"), ("AZ-105", "20")),
        people=((bonus_people.zhang, "10"), (bonus_people.li, "8"), (bonus_people.zhao, "6")),
    )
