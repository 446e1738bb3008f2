"""The yearly policy review: HR starts it (a revision draft opens), its page shows the year's feedback and what each
rule cost from the closed payslips, a general manager closes it with a conclusion that freezes those costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from feedback import selectors, services
from feedback.models import Feedback, PolicyReview
from ledger.models import PayPeriod
from payroll.models import Payslip, PayslipLine
from policies.models import PolicyVersion

pytestmark = pytest.mark.django_db


def _slip(period, engineer, *lines):
    slip = Payslip.objects.create(
        period=period, engineer=engineer, department_name="安装部", gross_amount=D("0"), policy_version="A/2"
    )
    for kind, rule, amount in lines:
        PayslipLine.objects.create(
            payslip=slip, kind=kind, description=kind, amount=D(amount), rule=rule, trace={}, policy_version="A/2"
        )


@pytest.fixture
def year_2026(bonus_people):
    """Two closed months of 2026, an open one (not counted) and a closed month of 2025 (another year)."""
    c = bonus_people
    sep = PayPeriod.objects.create(year=2026, month=9, status="closed", closed_at=timezone.now())
    octo = PayPeriod.objects.create(year=2026, month=10, status="closed", closed_at=timezone.now())
    nov = PayPeriod.objects.create(year=2026, month=11, status="open")
    dec25 = PayPeriod.objects.create(year=2025, month=12, status="closed", closed_at=timezone.now())
    _slip(sep, c.li, ("piece_rate", "piece_rate.share", "825.00"), ("kpi_pay", "kpi.performance_pay", "960.00"))
    _slip(sep, c.zhang, ("piece_rate", "piece_rate.share", "1100.50"), ("deduction", "penalty.deduction", "50.00"))
    _slip(octo, c.li, ("piece_rate", "piece_rate.share", "495.25"), ("kpi_pay", "kpi.performance_pay", "1080.00"))
    _slip(nov, c.li, ("piece_rate", "piece_rate.share", "9999.00"))
    _slip(dec25, c.li, ("piece_rate", "piece_rate.share", "7777.00"))
    return c


def test_the_cost_of_each_rule_is_the_years_closed_lines_in_one_query(year_2026, django_assert_num_queries):
    with django_assert_num_queries(1):
        costs = selectors.rule_costs(2026)
    got = [(c.kind, c.rule, c.total, c.lines, c.engineers) for c in costs]
    # piece rate: 825.00 + 1,100.50 + 495.25 = 2,420.75 (2 engineers, 3 lines); KPI 960 + 1,080 = 2,040.00 (李娜 only)
    assert got == [
        ("piece_rate", "piece_rate.share", D("2420.75"), 3, 2),
        ("kpi_pay", "kpi.performance_pay", D("2040.00"), 2, 1),
        ("deduction", "penalty.deduction", D("50.00"), 1, 1),
    ]
    assert selectors.section_totals(costs) == [("应发工资", D("4460.75")), ("税后扣款", D("50.00"))]
    assert [(c.rule, c.total) for c in selectors.rule_costs(2025)] == [("piece_rate.share", D("7777.00"))]


def test_hr_starts_a_review_which_opens_a_revision_draft(client, year_2026):
    c = year_2026
    for not_hr in (c.gm, c.supervisor, c.li_user):
        with pytest.raises(PermissionDeniedError):
            services.review_start(user=not_hr, year=2026)
    client.force_login(c.hr)
    response = client.post(reverse("feedback:reviews"), {"year": "2026"})
    review = PolicyReview.objects.get()
    assert response.status_code == 302 and review.year == 2026
    a2 = PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")
    draft = review.draft
    assert (draft.document_no, draft.version, draft.status, draft.compiled_by) == ("FS-MS-KF-13", "A/3", "draft", c.hr)
    assert draft.effective_from == date(2027, 1, 1)
    assert {k: v for k, v in draft.parameters.items() if k not in ("version",)} == {
        k: v for k, v in a2.parameters.items() if k not in ("version",)
    }
    assert "2026" in draft.revision_note
    with pytest.raises(ConflictError):
        services.review_start(user=c.hr, year=2026)
    with pytest.raises(DomainError):
        services.review_start(user=c.hr, year=2027)  # the future is not reviewed
    # A second year's draft takes the next free name.
    assert services.review_start(user=c.hr, year=2025).draft.version == "A/4"


def test_the_review_page_puts_the_years_feedback_beside_the_costs(client, year_2026):
    c = year_2026
    review = services.review_start(user=c.hr, year=2026)
    services.feedback_submit(user=c.li_user, category="suggestion", document_no="FS-MS-KF-13", text="计件单价偏低")
    old = services.feedback_submit(user=c.li_user, category="complaint", document_no="FS-MS-KF-13", text="去年的")
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.make_aware(timezone.datetime(2025, 6, 1, 9)))
    client.force_login(c.finance)
    page = client.get(reverse("feedback:review", args=[review.pk])).content.decode()
    assert "计件单价偏低" in page and "去年的" not in page
    assert "¥2,420.75" in page and "¥2,040.00" in page and "¥4,460.75" in page
    assert "9, 10" in page  # the closed months counted
    assert f'href="/payroll/policies/{review.draft.pk}/"' in page
    api = client.get(f"/api/policy-reviews/{review.pk}/").json()
    assert api["feedback"]["total"] == 1 and api["draft_version"] == "A/3"
    assert api["rule_costs"][0] == {
        "kind": "piece_rate",
        "rule": "piece_rate.share",
        "section": "earning",
        "total": "2420.75",
        "lines": 3,
        "engineers": 2,
    }


def test_who_reads_a_review(client, year_2026):
    c = year_2026
    review = services.review_start(user=c.hr, year=2026)
    url = reverse("feedback:review", args=[review.pk])
    for reader in (c.hr, c.gm, c.finance):
        client.force_login(reader)
        assert client.get(url).status_code == 200
    for outsider in (c.li_user, c.manager, c.supervisor):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(f"/api/policy-reviews/{review.pk}/").status_code == 404
        assert client.get(reverse("feedback:reviews")).status_code == 403
    services.member_add(user=c.hr, member=c.supervisor)  # a member of the supervision group reads it
    client.force_login(c.supervisor)
    assert client.get(url).status_code == 200


def test_a_general_manager_closes_it_with_a_conclusion_that_keeps_the_costs(client, year_2026):
    c = year_2026
    review = services.review_start(user=c.hr, year=2026)
    with pytest.raises(PermissionDeniedError):
        services.review_close(user=c.hr, review=review, conclusion="维持")
    client.force_login(c.gm)
    r = client.post(f"/api/policy-reviews/{review.pk}/close/", {"conclusion": " "}, content_type="application/json")
    assert r.status_code == 400
    r = client.post(
        f"/api/policy-reviews/{review.pk}/close/",
        {"conclusion": "计件单价上调 5%,其余维持"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    review.refresh_from_db()
    assert (review.closed_by, review.conclusion) == (c.gm, "计件单价上调 5%,其余维持")
    # A month closed later does not change what the review concluded on.
    dec = PayPeriod.objects.create(year=2026, month=12, status="closed", closed_at=timezone.now())
    _slip(dec, c.li, ("piece_rate", "piece_rate.share", "100.00"))
    assert selectors.rule_costs(2026)[0].total == D("2520.75")
    page = client.get(reverse("feedback:review", args=[review.pk])).content.decode()
    assert "¥2,420.75" in page and "¥2,520.75" not in page and "计件单价上调 5%" in page
    with pytest.raises(ConflictError):
        services.review_close(user=c.gm, review=review, conclusion="再次")
    assert review.history.count() == 2
