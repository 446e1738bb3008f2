"""The payroll workbook read back as finance opens it: the full-pay columns by section, every row adding up,
department subtotals and the grand total to the fen, and the facts sheet's totals (paid_month.py has the sums)."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from payroll.models import PayslipLine

from .paid_month import (
    AFTER_TAX_TOTAL,
    COMPANY_COST,
    CONTRIBUTIONS_TOTAL,
    EMPLOYER_TOTAL,
    GROSS_TOTAL,
    NET,
    NET_TOTAL,
    TAX_TOTAL,
    paid_month,
)

pytestmark = pytest.mark.django_db

EARNINGS = ["基本工资", "岗位工资", "计件工资", "年度安全、质量奖", "绩效工资", "午餐补贴", "加班工资"]
HEADER = [
    "部门",
    "工号",
    "姓名",
    *EARNINGS,
    "应发合计",
    "养老保险(个人)",
    "医疗保险(个人)",
    "失业保险(个人)",
    "住房公积金(个人)",
    "社保和公积金(个人)合计",
    "个人所得税",
    "年终奖个人所得税",
    "个人所得税合计",
    "税后扣款",
    "实发工资",
    "养老保险(单位)",
    "医疗保险(单位)",
    "失业保险(单位)",
    "工伤保险(单位)",
    "生育保险(单位)",
    "住房公积金(单位)",
    "单位缴纳社保和公积金合计",
    "人工成本合计",
]


@pytest.fixture
def period(bonus_people):
    return paid_month(bonus_people)


def workbook(client, user, period):
    client.force_login(user)
    response = client.get(f"/payroll/periods/{period.pk}/payroll.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def fen(value) -> D:
    return D(str(value)).quantize(D("0.01"))


def test_the_columns_run_as_the_payslip_does_and_only_what_the_period_paid(client, bonus_people, period):
    ws = workbook(client, bonus_people.finance, period).worksheets[0]
    header = [cell.value for cell in next(ws.iter_rows(max_row=1))]
    # Nobody earned individual incentives or honours this month: no empty columns for them. The employee paid no
    # work-injury or maternity insurance (0.00 lines): no columns either; the employer did, so they show there.
    assert header == HEADER
    assert "个人激励" not in header and "荣誉奖励" not in header and "工伤保险(个人)" not in header
    # Each group's header has its colour: earnings, what is withheld, net pay, company cost.
    colours = {header[n]: ws.cell(1, n + 1).fill.fgColor.rgb for n in range(3, len(header))}
    assert colours["基本工资"] == colours["应发合计"] != colours["养老保险(个人)"] == colours["税后扣款"]
    assert colours["实发工资"] not in (colours["应发合计"], colours["税后扣款"], colours["人工成本合计"])
    assert ws.freeze_panes == "D2"


def test_every_row_adds_up_and_the_totals_match_to_the_fen(client, bonus_people, period):
    ws = workbook(client, bonus_people.finance, period).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    col = {name: n for n, name in enumerate(rows[0])}
    people = {r[1]: r for r in rows[1:] if r[1]}
    assert set(people) == set(NET)
    zhang = people["E001"]
    assert [fen(zhang[col[k]]) for k in ("基本工资", "岗位工资", "计件工资", "加班工资", "应发合计")] == [
        D("3000.00"),
        D("1500.00"),
        D("1320.55"),
        D("275.86"),
        D("6096.41"),
    ]
    # What is withheld reads negative, as on the payslip; the net is what the bank pays.
    assert fen(zhang[col["住房公积金(个人)"]]) == D("-420.00")
    assert fen(zhang[col["社保和公积金(个人)合计"]]) == D("-892.50")
    assert fen(zhang[col["个人所得税合计"]]) == D("-45.21") and fen(zhang[col["税后扣款"]]) == D("-100.00")
    assert fen(zhang[col["实发工资"]]) == D("5058.70")
    assert fen(zhang[col["单位缴纳社保和公积金合计"]]) == D("1635.00")
    assert fen(zhang[col["人工成本合计"]]) == D("7731.41")
    li = people["E002"]
    assert (fen(li[col["个人所得税"]]), fen(li[col["年终奖个人所得税"]])) == (D("-30.00"), D("-360.00"))
    assert fen(li[col["个人所得税合计"]]) == D("-390.00")
    wang = people["E003"]
    assert (fen(wang[col["应发合计"]]), fen(wang[col["实发工资"]])) == (D("0.00"), D("-462.50"))

    def between(row, first, last):
        return sum((fen(v) for v in row[col[first] : col[last] + 1]), D("0"))

    for no, row in people.items():
        assert between(row, EARNINGS[0], EARNINGS[-1]) == fen(row[col["应发合计"]]), no
        assert between(row, "养老保险(个人)", "住房公积金(个人)") == fen(row[col["社保和公积金(个人)合计"]]), no
        assert between(row, "个人所得税", "年终奖个人所得税") == fen(row[col["个人所得税合计"]]), no
        withheld = sum(fen(row[col[k]]) for k in ("社保和公积金(个人)合计", "个人所得税合计", "税后扣款"))
        assert fen(row[col["应发合计"]]) + withheld == fen(row[col["实发工资"]]) == NET[no], no
        employer = between(row, "养老保险(单位)", "住房公积金(单位)")
        assert employer == fen(row[col["单位缴纳社保和公积金合计"]]), no
        assert fen(row[col["应发合计"]]) + employer == fen(row[col["人工成本合计"]]), no

    # The department subtotal and the grand total, for every money column.
    subtotal = next(r for r in rows if r[0] == "安装部 小计")
    repair = next(r for r in rows if r[0] == "维修部 小计")
    total = rows[-1]
    assert total[0] == "总计"
    for name, n in col.items():
        if n < 3:
            continue
        install = sum((fen(people[no][n]) for no in ("E001", "E002", "E004")), D("0"))
        assert fen(subtotal[n]) == install, name
        assert fen(repair[n]) == fen(people["E003"][n]), name
        assert fen(total[n]) == install + fen(people["E003"][n]), name
    expected = {
        "应发合计": GROSS_TOTAL,
        "社保和公积金(个人)合计": -CONTRIBUTIONS_TOTAL,
        "个人所得税合计": -TAX_TOTAL,
        "税后扣款": -AFTER_TAX_TOTAL,
        "实发工资": NET_TOTAL,
        "单位缴纳社保和公积金合计": EMPLOYER_TOTAL,
        "人工成本合计": COMPANY_COST,
    }
    assert {k: fen(total[col[k]]) for k in expected} == expected
    assert fen(subtotal[col["实发工资"]]) == D("23693.70")
    # Every money cell prints as yuan; bank account numbers are not in the workbook at all.
    assert ws.cell(2, col["实发工资"] + 1).number_format == '"¥"#,##0.00;-"¥"#,##0.00'
    assert ws.cell(len(rows), col["人工成本合计"] + 1).number_format == '"¥"#,##0.00;-"¥"#,##0.00'


def test_the_facts_sheet_gives_what_leaves_the_company_account(client, bonus_people, period):
    facts = dict(workbook(client, bonus_people.finance, period).worksheets[1].iter_rows(values_only=True))
    assert facts["工资期间"] == "2026-10" and facts["人数"] == 4 and facts["制度版本"] == "FS-MS-KF-13 A/2"
    # Positive amounts: what is withheld is paid on to the tax bureau and the social insurance fund.
    assert {
        k: fen(facts[k])
        for k in (
            "应发合计",
            "代扣社保和公积金(个人)",
            "代扣个人所得税",
            "税后扣款",
            "实发合计",
            "单位缴纳社保和公积金",
            "人工成本合计",
        )
    } == {
        "应发合计": GROSS_TOTAL,
        "代扣社保和公积金(个人)": CONTRIBUTIONS_TOTAL,
        "代扣个人所得税": TAX_TOTAL,
        "税后扣款": AFTER_TAX_TOTAL,
        "实发合计": NET_TOTAL,
        "单位缴纳社保和公积金": EMPLOYER_TOTAL,
        "人工成本合计": COMPANY_COST,
    }


def test_a_section_with_one_item_is_one_column_under_the_sections_name(client, bonus_people, period):
    PayslipLine.objects.filter(payslip__period=period, kind="bonus_tax").delete()
    header = next(workbook(client, bonus_people.finance, period).worksheets[0].iter_rows(values_only=True))
    assert "个人所得税" in header and "年终奖个人所得税" not in header and "个人所得税合计" not in header
    assert header.index("个人所得税") == header.index("社保和公积金(个人)合计") + 1


def test_the_workbook_in_english(client, bonus_people, period):
    client.cookies["django_language"] = "en"
    wb = workbook(client, bonus_people.finance, period)
    header = next(wb.worksheets[0].iter_rows(values_only=True))
    assert "Pension insurance (employee)" in header and "Housing fund (employer)" in header
    assert "Net pay" in header and header[-1] == "Total company cost"
    facts = dict(wb.worksheets[1].iter_rows(values_only=True))
    assert fen(facts["Net total"]) == NET_TOTAL and fen(facts["Income tax withheld"]) == TAX_TOTAL


def test_a_contribution_line_whose_rule_names_no_item_is_a_column_under_its_kind(client, bonus_people, period):
    PayslipLine.objects.filter(
        payslip__period=period, payslip__engineer=bonus_people.wang, rule__contains="pension"
    ).update(rule="contributions")
    rows = list(workbook(client, bonus_people.finance, period).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    assert "养老保险(个人)" in header and "养老保险(单位)" in header
    # Both of 王强's pension lines (−200.00 and 400.00) moved to their kind's column; the totals did not move.
    employee, employer = header.index("社保和公积金(个人)"), header.index("单位缴纳社保和公积金")
    assert employee < header.index("社保和公积金(个人)合计") and employer < header.index("单位缴纳社保和公积金合计")
    wang = next(r for r in rows if r[1] == "E003")
    assert (fen(wang[employee]), fen(wang[employer])) == (D("-200.00"), D("400.00"))
    assert fen(rows[-1][header.index("社保和公积金(个人)合计")]) == -CONTRIBUTIONS_TOTAL
