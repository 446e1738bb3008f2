"""The KPI grid's rows are written in Python (grid_html.py), not by the template: what they show and escape."""

import re
from decimal import Decimal as D

import pytest
from django.utils import timezone

from appraisal.models import Scorecard
from appraisal.scorecards import services
from appraisal.scorecards.grid_html import score_text
from appraisal.scorecards.services import Month

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), (D("90"), "90"), (D("90.00"), "90"), (D("85.5"), "85.50"), (D("77.25"), "77.25"), (D("0"), "0")],
)
def test_a_score_shows_as_the_grid_always_showed_it(value, shown):
    assert score_text(value) == shown


def test_rows_escape_names_and_show_saved_scores_and_the_cards_figures(client, company):
    today = timezone.localdate()
    month = Month(today.year, today.month)
    company.li.name = '<script>alert("x")</script>&李'
    company.li.performance_pay_base_amount = D("1200.00")
    company.li.save()
    scores = {"attitude": D(90), "skill": D("85.5"), "efficiency": D(80), "customer": D(95), "cost": D(70)}
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: scores}
    )
    card = Scorecard.objects.get(engineer=company.li)
    client.force_login(company.hr)

    page = client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}").content.decode()

    assert "<script>alert" not in page
    row = re.search(rf'<tr data-engineer="{company.li.pk}">.*?</tr>', page, re.S).group(0)
    assert f'<a href="/kpi/scorecards/{card.pk}/">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;李</a>' in row
    values = dict(re.findall(r'name="s-\d+-(\w+)" data-dim="\w+" aria-label="[^"]*" value="([^"]*)"', row))
    assert values == {"attitude": "90", "skill": "85.50", "efficiency": "80", "customer": "95", "cost": "70"}
    assert f'data-out="score">{card.score}</td>' in row and f'data-out="band">{card.band}</td>' in row
    assert f'data-out="pay">¥{card.performance_pay_amount:,.2f}</td>' in row
    # The department's other engineers have inputs too, empty until scored.
    assert re.search(
        rf'name="s-{company.zhang.pk}-attitude" data-dim="attitude" aria-label="张伟 [^"]+" value=""', page
    )


def test_the_department_select_lists_every_department_escaped_with_the_chosen_one_selected(client, company):
    from engineers.models import Department

    odd = Department.objects.create(code="D09", name="<b>维修&安装</b>")
    client.force_login(company.hr)
    page = client.get("/kpi/grid/", {"department": company.d2.pk}).content.decode()
    select = re.search(r'<select id="g-dept"[^>]*>(.*?)</select>', page).group(1)
    options = re.findall(r'<option value="(\d+)"( selected)?>(.*?)</option>', select)
    assert [(int(pk), bool(chosen)) for pk, chosen, _label in options] == [
        (d.pk, d == company.d2) for d in Department.objects.all()
    ]
    assert f'<option value="{odd.pk}">&lt;b&gt;维修&amp;安装&lt;/b&gt;</option>' in select


def test_a_grid_posted_without_javascript_marks_the_bad_cell_and_keeps_what_was_typed(client, company):
    """The whole grid posted with one cell that is not a number: nothing saved, that cell's input marked
    invalid with its message under it, every other typed value back in its input."""
    today = timezone.localdate()
    month = Month(today.year, today.month)
    client.force_login(company.hr)
    li, zhang = company.li.pk, company.zhang.pk
    response = client.post(
        "/kpi/grid/",
        {"department": company.d1.pk, "month": str(month), "source": "supervisor"}
        | {f"s-{li}-attitude": "88", f"s-{li}-skill": "八十", f"s-{zhang}-cost": "71.5"},
    )

    page = response.content.decode()
    assert not Scorecard.objects.filter(engineer__in=[li, zhang]).exists()
    row = re.search(rf'<tr data-engineer="{li}">.*?</tr>', page, re.S).group(0)
    bad = re.search(rf'<input [^>]*name="s-{li}-skill"[^>]*>(<div class="invalid-feedback">[^<]*</div>)?', row)
    assert 'class="form-control form-control-sm text-end kpi-cell is-invalid"' in bad.group(0)
    assert bad.group(1) and "<" not in bad.group(1)[len('<div class="invalid-feedback">') : -len("</div>")]
    assert re.search(rf'class="[^"]*kpi-cell" name="s-{li}-attitude"[^>]*value="88"></td>', row)
    assert re.search(rf'name="s-{zhang}-cost"[^>]*value="71.50"></td>', page)
    assert page.count("is-invalid") == 1 and page.count('class="invalid-feedback"') == 1


def test_a_submitted_month_shows_values_not_inputs(client, company):
    today = timezone.localdate()
    month = Month(today.year, today.month)
    scores = {"attitude": D(90), "skill": D("85.5"), "efficiency": D(80), "customer": D(95), "cost": D(70)}
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: scores}
    )
    Scorecard.objects.filter(engineer=company.li).update(status="submitted")
    client.force_login(company.hr)

    page = client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}").content.decode()

    row = re.search(rf'<tr data-engineer="{company.li.pk}">.*?</tr>', page, re.S).group(0)
    assert "<input" not in page.split("<tbody>")[1].split("</tbody>")[0]
    shown = dict(re.findall(r'<span class="kpi-value" data-dim="(\w+)">([^<]*)</span>', row))
    assert shown == {"attitude": "90", "skill": "85.50", "efficiency": "80", "customer": "95", "cost": "70"}


def test_rows_written_by_hand_are_exactly_this_markup():
    """grid_rows_html without the page: every kind of row (a card, no card, outside), a cell's error and
    every text with markup in it, in English; each value escaped once."""
    from django.utils import translation

    from appraisal.scorecards.grid_html import grid_rows_html
    from appraisal.scorecards.selectors import GridRow

    card = Scorecard(
        pk=7,
        status="submitted",
        metrics={"orders": 12, "csat_average": "4.8", "on_time_rate": "95.0"},
        score=D("88.50"),
        band="B",
        coefficient=D("1.00"),
        performance_pay_amount=D("1200.00"),
    )
    rows = [
        GridRow(1, "E<1>", 'A"&B', True, [], {"attitude": D("90.00"), "skill": None}, card),
        GridRow(2, "E2", "C", True, [], {}, None),
        GridRow(3, "E3", "<i>D</i>", False, ["离职", "<b>x</b>"]),
    ]
    dims = [("attitude", "态度", D("0.3")), ("skill", "技能<>", D("0.7"))]
    cell = (
        '<td class="num"><input type="text" inputmode="decimal" autocomplete="off" '
        'class="form-control form-control-sm text-end kpi-cell'
    )
    figures = (
        '<td class="small text-secondary text-nowrap" data-testid="metrics">orders 12 · CSAT 4.8<br>on time 95.0%</td>'
        '<td class="num" data-out="score">88.50</td><td data-out="band">B</td>'
        '<td class="num" data-out="coefficient">1.00</td><td class="num" data-out="pay">¥1,200.00</td>'
    )
    first = (
        '<tr data-engineer="1"><td>E&lt;1&gt;</td>'
        '<td class="text-nowrap"><a href="/kpi/scorecards/7/">A&quot;&amp;B</a></td>'
    )
    expected = (
        f'{first}{cell}" name="s-1-attitude" data-dim="attitude" aria-label="A&quot;&amp;B 态度" value="90" '
        "readonly></td>"
        f'{cell}" name="s-1-skill" data-dim="skill" aria-label="A&quot;&amp;B 技能&lt;&gt;" value="" readonly></td>'
        f"{figures}</tr>"
        '<tr data-engineer="2"><td>E2</td><td class="text-nowrap">C</td>'
        f'{cell}" name="s-2-attitude" data-dim="attitude" aria-label="C 态度" value=""></td>'
        f'{cell} is-invalid" name="s-2-skill" data-dim="skill" aria-label="C 技能&lt;&gt;" value="">'
        '<div class="invalid-feedback">not a &quot;number&quot; &lt;b&gt;</div></td>'
        '<td class="small text-secondary text-nowrap" data-testid="metrics">orders 0</td>'
        '<td class="num" data-out="score"></td><td data-out="band"></td>'
        '<td class="num" data-out="coefficient"></td><td class="num" data-out="pay"></td></tr>'
        '<tr class="table-secondary text-secondary" data-outside="3"><td>E3</td><td>&lt;i&gt;D&lt;/i&gt;</td>'
        '<td colspan="7">Outside assessment: 离职、&lt;b&gt;x&lt;/b&gt;</td></tr>'
    )
    read_only = (
        f'{first}<td class="num"><span class="kpi-value" data-dim="attitude">90</span></td>'
        f'<td class="num"><span class="kpi-value" data-dim="skill"></span></td>{figures}</tr>'
    )

    with translation.override("en"):
        assert grid_rows_html(rows, dims, {"2-skill": 'not a "number" <b>'}, False) == expected
        assert grid_rows_html(rows[:1], dims, {}, True) == read_only
