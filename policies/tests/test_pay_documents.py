"""The pay documents (KF-PAY wage standard, IIT tax rules, SI-<city> contributions) on the policy pages as FS-MS-KF-13
is: grouped on the list with the version in force, each kind's sections on its page and in its PDF, revised
through a form per kind with errors in words, reviewed and approved four-eyes, and a new city added."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import make_user
from core.errors import DomainError
from policies.models import PolicyVersion
from policies.pay_forms import ContributionRevisionForm, NewCityForm, TaxRevisionForm, WageRevisionForm
from policies.selectors import contribution_cities, pay_rules_in_force
from policies.services import policy_approve, policy_draft_save, policy_review
from policies.tests.test_policy_pages import pdf_text

pytestmark = pytest.mark.django_db

FORMS = {"KF-PAY": WageRevisionForm, "IIT": TaxRevisionForm, "SI-FS": ContributionRevisionForm}
BASES = {"KF-PAY": "2019", "IIT": "2023", "SI-FS": "2025"}


@pytest.fixture
def people(db):
    return {
        "hr": make_user("hr", "hr_clerk"),
        "manager": make_user("manager", "dept_manager"),
        "manager2": make_user("manager2", "dept_manager"),
        "gm": make_user("gm", "general_manager"),
        "finance": make_user("finance", "finance"),
        "engineer": make_user("eng", "engineer"),
    }


def version(document_no: str, number: str | None = None) -> PolicyVersion:
    return PolicyVersion.objects.get(document_no=document_no, version=number or BASES[document_no])


def form_data(document_no: str, form_class=None, **changes) -> dict:
    """The revision form as the page fills it (copied from the version in force), with `changes` typed over it."""
    base = version(document_no)
    form = (form_class or FORMS[document_no])(document_no=document_no, base_parameters=base.parameters)
    data = {name: value for name, value in form.initial.items() if value not in ("", None)}
    data.update(version="2027", effective_from="2027-01-01", revision_note="按新通知修订")
    data.update(changes)
    return data


def errors_box(response) -> str:
    return response.content.decode().split('data-testid="revision-errors"')[1].split("</div>")[0]


# ---- the list: documents grouped, the version in force today ------------------------------------------------


def test_the_list_groups_versions_by_document_and_marks_each_one_in_force(client, people):
    client.force_login(people["finance"])
    page = client.get("/payroll/policies/").content.decode()
    order = [page.index(f'data-testid="document-{doc}"') for doc in ("FS-MS-KF-13", "KF-PAY", "IIT", "SI-FS", "SI-GZ")]
    assert order == sorted(order)
    tax = page.split('data-testid="document-IIT"')[1].split("</section>")[0]
    assert "个人所得税规则" in tax and "今日(2026-11-18)生效:2023" in tax
    assert tax.count("现行") == 1 and all(v in tax for v in (">2019<", ">2022<", ">2023<"))
    city = page.split('data-testid="document-SI-GZ"')[1].split("</section>")[0]
    assert "社会保险和住房公积金 · 广州市" in city and "今日(2026-11-18)生效:2025" in city
    assert "薪资标准" in page and "综合激励方案" in page
    assert "提出修订" not in page  # finance reads, HR and managers propose


def test_the_list_filters_to_one_document(client, people):
    client.force_login(people["hr"])
    page = client.get("/payroll/policies/?document=SI-SZ").content.decode()
    assert 'data-testid="document-SI-SZ"' in page and 'data-testid="document-IIT"' not in page
    assert "/payroll/policies/revise/SI-SZ/" in page and "/payroll/policies/cities/new/" in page


# ---- each kind's page and PDF -------------------------------------------------------------------------------


def test_the_wage_standard_page_shows_its_numbers_in_words(client, people):
    client.force_login(people["engineer"])  # approved: anyone paid under it may read it
    page = client.get(f"/payroll/policies/{version('KF-PAY').pk}/").content.decode()
    for words in (
        "薪资标准",
        "月计薪天数",
        "21.75 天",
        "每日工作小时数",
        "8 小时",
        "午餐补贴(每出勤日)",
        "¥15.00",
        "病假工资(占日工资)",
        "80 %",
        "工作日加班(小时工资的)",
        "150 %",
        "休息日加班(小时工资的)",
        "200 %",
        "法定节假日加班(小时工资的)",
        "300 %",
    ):
        assert words in page, words


def test_the_tax_rules_page_shows_both_tables_the_deadline_and_the_deductions(client, people):
    client.force_login(people["hr"])
    page = client.get(f"/payroll/policies/{version('IIT').pk}/").content.decode()
    annual = page.split('data-testid="table-annual_brackets"')[1].split("</table>")[0]
    assert annual.count("<tr>") == 8  # the header and seven brackets
    assert "第 7 级" in annual and "¥960,000.00" in annual and "45 %" in annual and "¥181,920.00" in annual
    monthly = page.split('data-testid="table-monthly_brackets"')[1].split("</table>")[0]
    assert "¥3,000.00" in monthly and "10 %" in monthly and "¥210.00" in monthly and "¥15,160.00" in monthly
    deadline = ("全年一次性奖金可单独计税至", "2027-12-31")
    for words in ("基本减除费用(每月)", "¥5,000.00", *deadline, "婴幼儿照护", "赡养老人"):
        assert words in page, words
    assert "¥3,000.00" in page.split("赡养老人")[1]
    old = client.get(f"/payroll/policies/{version('IIT', '2019').pk}/").content.decode()
    assert "婴幼儿照护" not in old and "2021-12-31" in old  # 2019 had no infant-care deduction yet
    in_force = old.split('data-testid="policy-in-force"')[1].split("</p>")[0]
    assert "今日生效" in in_force and ">2023</a>" in in_force  # the page says which version applies instead


def test_a_city_page_shows_each_item_with_its_limits_and_exact_rates(client, people):
    client.force_login(people["hr"])
    page = client.get(f"/payroll/policies/{version('SI-FS').pk}/").content.decode()
    items = page.split('data-testid="table-items"')[1].split("</table>")[0]
    pension = items.split("养老保险")[1].split("</tr>")[0]
    assert ["¥4,588.00", "¥26,421.00", "8 %", "15 %"] == [
        cell.split("<")[0].strip() for cell in pension.split('text-nowrap">')[1:]
    ]
    unemployment = items.split("失业保险")[1].split("</tr>")[0]
    assert "0.2 %" in unemployment and "0.8 %" in unemployment  # 0.002 and 0.008, exactly
    assert "5.5 %" in items.split("医疗保险")[1].split("</tr>")[0]
    assert "住房公积金" in items and "¥28,000.00" in items
    assert "城市名称" in page and "佛山市" in page


@pytest.mark.parametrize(
    ("document_no", "expected"),
    [
        (
            "KF-PAY",
            [
                "文件编号 KF-PAY",
                "版本 2019",
                "月计薪天数",
                "21.75 天",
                "午餐补贴",
                "¥15.00",
                "80%",
                "工作日加班",
                "150%",
                "300%",
            ],
        ),
        (
            "IIT",
            [
                "文件编号 IIT",
                "基本减除费用",
                "¥5,000.00",
                "个人所得税预扣率表",
                "超过 ¥960,000.00 的部分",
                "45%",
                "¥181,920.00",
                "按月换算后的综合所得税率表",
                "¥15,160.00",
                "2027-12-31",
                "婴幼儿照护",
                "¥2,000.00",
                "赡养老人",
                "¥3,000.00",
            ],
        ),
        (
            "SI-FS",
            [
                "文件编号 SI-FS",
                "佛山市",
                "养老保险",
                "¥4,588.00",
                "¥26,421.00",
                "8%",
                "15%",
                "0.2%",
                "5.5%",
                "住房公积金",
            ],
        ),
    ],
)
def test_each_pay_document_prints_as_a_controlled_document_in_chinese(client, people, tmp_path, document_no, expected):
    client.force_login(people["gm"])
    response = client.get(f"/payroll/policies/{version(document_no).pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path, f"policy-{document_no}")
    flat = " ".join(text.split())
    for words in expected:
        assert words in flat, words
    assert "修订履历" in flat and "编制 纸质文件签批" in flat


# ---- revision, per kind: happy ------------------------------------------------------------------------------


def test_a_wage_revision_is_saved_exactly_as_entered(client, people):
    client.force_login(people["hr"])
    data = form_data("KF-PAY", meal_allowance_per_day="18.50", sick_leave_pay_rate="62.5", overtime_weekday="150")
    response = client.post("/payroll/policies/revise/KF-PAY/", data)
    assert response.status_code == 302, errors_box(response)
    draft = PolicyVersion.objects.get(document_no="KF-PAY", version="2027")
    assert (draft.status, draft.compiled_by, draft.effective_from) == ("draft", people["hr"], date(2027, 1, 1))
    p = draft.parameters
    assert (p["meal_allowance_per_day"], p["sick_leave_pay_rate"], p["overtime"]) == (
        "18.50",
        "0.625",
        {"weekday": "1.5", "rest_day": "2", "holiday": "3"},
    )
    assert p["standard_paid_days"] == "21.75" and draft.revision_note == "按新通知修订"
    page = client.get(f"/payroll/policies/{draft.pk}/").content.decode()
    assert "62.5 %" in page and "¥18.50" in page


def test_a_tax_revision_changes_a_bracket_adds_one_and_drops_a_deduction(client, people):
    client.force_login(people["manager"])
    data = form_data(
        "IIT",
        annual_brackets_7_rate="40",  # 45 % → 40 %
        annual_brackets_8_above="2000000",  # a new eighth bracket in the first blank row
        annual_brackets_8_rate="45",
        annual_brackets_8_quick_deduction="281920",
        cap_housing_rent="",  # no longer deductible under this version
        annual_bonus_separate_until="",
        title="个人所得税(测试修订)",
    )
    response = client.post("/payroll/policies/revise/IIT/", data)
    assert response.status_code == 302, errors_box(response)
    p = PolicyVersion.objects.get(document_no="IIT", version="2027").parameters
    assert p["title"] == "个人所得税(测试修订)"
    assert [b["rate"] for b in p["annual_brackets"]] == ["0.03", "0.1", "0.2", "0.25", "0.3", "0.35", "0.4", "0.45"]
    assert p["annual_brackets"][7] == {"above": "2000000.00", "rate": "0.45", "quick_deduction": "281920.00"}
    assert len(p["monthly_brackets"]) == 7 and "housing_rent" not in p["additional_caps"]
    assert p["annual_bonus_separate_until"] is None


def test_a_city_revision_takes_rates_to_four_places_of_a_percent_and_drops_an_item(client, people):
    client.force_login(people["hr"])
    blank = {f"items_maternity_{c}": "" for c in ("base_low", "base_high", "employee_rate", "employer_rate")}
    data = form_data("SI-FS", items_work_injury_employer_rate="0.1625", items_pension_base_low="4800", **blank)
    response = client.post("/payroll/policies/revise/SI-FS/", data)
    assert response.status_code == 302, errors_box(response)
    p = PolicyVersion.objects.get(document_no="SI-FS", version="2027").parameters
    items = {i["code"]: i for i in p["items"]}
    assert items["work_injury"]["employer_rate"] == "0.001625"
    assert items["pension"]["base_range"] == ["4800.00", "26421.00"]
    assert "maternity" not in items and next(iter(items)) == "pension"
    assert p["city_code"] == "FS" and p["city_name"] == "佛山市"


def test_the_revision_page_of_each_document_has_its_fields_in_words(client, people):
    client.force_login(people["hr"])
    wage = client.get("/payroll/policies/revise/KF-PAY/").content.decode()
    assert "月计薪天数" in wage and 'value="21.75"' in wage and 'value="150"' in wage and 'value="80"' in wage
    tax = client.get("/payroll/policies/revise/IIT/").content.decode()
    assert 'name="annual_brackets_7_quick_deduction"' in tax and 'value="181920.00"' in tax
    assert 'name="annual_brackets_9_rate"' in tax and 'name="annual_brackets_10_rate"' not in tax  # two blank rows
    assert 'aria-label="综合所得税率表(年度,累计预扣),第 2 级:税率"' in tax
    city = client.get("/payroll/policies/revise/SI-GZ/").content.decode()
    assert 'aria-label="失业保险:个人比例"' in city and 'value="0.2"' in city and "广州市" in city


# ---- revision, per kind: unhappy, the field named in words, nothing saved -----------------------------------


@pytest.mark.parametrize(
    ("document_no", "changes", "words"),
    [
        ("KF-PAY", {"hours_per_day": "0"}, "每日工作小时数: 必须大于零"),
        ("KF-PAY", {"overtime_holiday": "90"}, "法定节假日加班(小时工资的): 倍率至少为 100 %"),
        ("KF-PAY", {"sick_leave_pay_rate": "120"}, "病假工资(占日工资): 比例最高为 100 %"),
        ("KF-PAY", {"meal_allowance_per_day": "15.005"}, "午餐补贴(每出勤日)"),
        ("IIT", {"annual_brackets_3_above": "30000"}, "综合所得税率表(年度,累计预扣),第 3 级:应纳税所得额超过"),
        ("IIT", {"monthly_brackets_1_above": "100"}, "第 1 级:应纳税所得额超过: 第一级从 0 开始"),
        ("IIT", {"annual_brackets_8_rate": "50"}, "第 8 级:应纳税所得额超过: 请填写本行所有栏目"),
        ("IIT", {"cap_elderly_support": "-1"}, "赡养老人"),
        ("SI-FS", {"items_pension_base_low": "30000"}, "养老保险:缴费基数下限高于养老保险:缴费基数上限"),
        ("SI-FS", {"items_medical_employee_rate": "101"}, "医疗保险:个人比例"),
        ("SI-FS", {"city_name": ""}, "城市名称"),
        ("SI-FS", {"city_name": "广州市"}, "城市名称: 广州市已有社保和公积金规则(SI-GZ)"),
    ],
)
def test_bad_numbers_name_the_field_and_nothing_is_saved(client, people, document_no, changes, words):
    client.force_login(people["hr"])
    response = client.post(f"/payroll/policies/revise/{document_no}/", form_data(document_no, **changes))
    assert response.status_code == 400
    box = errors_box(response)
    assert words in box, box
    assert not PolicyVersion.objects.filter(document_no=document_no, version="2027").exists()


def test_every_item_cleared_is_refused(client, people):
    client.force_login(people["hr"])
    data = form_data("SI-SZ".replace("SZ", "FS"))
    data = {k: v for k, v in data.items() if not k.startswith("items_")}
    response = client.post("/payroll/policies/revise/SI-FS/", data)
    assert response.status_code == 400 and "社会保险和住房公积金:请至少填写一行" in errors_box(response)


def test_the_service_names_the_field_in_words_for_parameters_from_elsewhere(people):
    params = version("IIT").parameters
    params["annual_brackets"][2]["rate"] = "1.2"
    with pytest.raises(DomainError) as err:
        policy_draft_save(user=people["hr"], version="X", title="x", effective_from=date(2027, 1, 1), parameters=params)
    assert err.value.code == "policy.invalid"
    assert "综合所得税率表(年度,累计预扣),第 3 级:税率" in err.value.message
    assert "annual_brackets[2].rate" in err.value.message
    with pytest.raises(DomainError) as err:
        policy_draft_save(
            user=people["hr"],
            version="X",
            title="x",
            effective_from=date(2027, 1, 1),
            parameters={**version("SI-FS").parameters, "document_no": "SI-GZ"},
        )
    assert err.value.code == "policy.invalid" and "城市代码" in err.value.message
    assert not PolicyVersion.objects.filter(version="X").exists()


# ---- the four-eyes flow for a tax version -------------------------------------------------------------------


def test_a_tax_version_is_reviewed_approved_and_then_taxes_from_its_date(client, people):
    client.force_login(people["hr"])
    data = form_data("IIT", basic_deduction_per_month="6000.00", effective_from="2027-01-01")
    response = client.post("/payroll/policies/revise/IIT/", data)
    draft = PolicyVersion.objects.get(document_no="IIT", version="2027")
    assert response["Location"] == f"/payroll/policies/{draft.pk}/"
    client.force_login(people["gm"])
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "approve"})
    assert PolicyVersion.objects.get(pk=draft.pk).status == "draft"  # not reviewed yet
    client.force_login(people["hr"])
    assert client.post(f"/payroll/policies/{draft.pk}/", {"action": "review"}).status_code == 403
    client.force_login(people["manager"])
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "review"})
    client.force_login(people["gm"])
    page = client.get(f"/payroll/policies/{draft.pk}/").content.decode()
    assert 'value="approve"' in page
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "approve"})
    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by, draft.approved_by) == ("approved", people["manager"], people["gm"])
    history = [(h.status, h.history_user) for h in PolicyVersion.history.filter(id=draft.pk).order_by("history_id")]
    assert history == [("draft", people["hr"]), ("reviewed", people["manager"]), ("approved", people["gm"])]
    assert pay_rules_in_force(date(2026, 12, 31)).tax.basic_deduction_per_month == Decimal("5000")
    assert pay_rules_in_force(date(2027, 1, 1)).tax.basic_deduction_per_month == Decimal("6000.00")
    assert version("IIT").status == "approved"  # 2023 stays readable, in force until 2027


# ---- a new city ---------------------------------------------------------------------------------------------


def new_city(**changes) -> dict:
    data = form_data("SI-FS", NewCityForm, city_code="DG", city_name="东莞市", title="东莞市社保和公积金 2026")
    data.update(version="2026", effective_from="2026-12-01")
    data.update(changes)
    return data


def test_a_new_city_is_copied_from_another_reviewed_approved_and_offered_to_pay_schemes(client, people):
    client.force_login(people["hr"])
    page = client.get("/payroll/policies/cities/new/?from=SI-GZ").content.decode()
    assert 'value="27501.00"' in page and 'name="city_code"' in page  # Guangzhou's upper limit, copied
    response = client.post(
        "/payroll/policies/cities/new/?from=SI-FS", new_city(items_housing_fund_base_low="2100", copy_from="SI-FS")
    )
    assert response.status_code == 302, errors_box(response)
    draft = PolicyVersion.objects.get(document_no="SI-DG")
    p = draft.parameters
    assert (p["city_code"], p["city_name"], p["title"]) == ("DG", "东莞市", "东莞市社保和公积金 2026")
    assert {i["code"]: i["base_range"] for i in p["items"]}["housing_fund"] == ["2100.00", "28000.00"]
    assert ("DG", "东莞市") not in contribution_cities(date(2026, 12, 1))
    policy_approve(user=people["gm"], version=policy_review(user=people["manager"], version=draft))
    assert ("DG", "东莞市") in contribution_cities(date(2026, 12, 1))
    assert ("DG", "东莞市") not in contribution_cities(date(2026, 11, 30))
    client.force_login(people["finance"])
    listing = client.get("/payroll/policies/").content.decode()
    assert "社会保险和住房公积金 · 东莞市" in listing.split('data-testid="document-SI-DG"')[1]
    client.force_login(people["hr"])  # in force from next month: a revision starts from it already
    assert client.get("/payroll/policies/revise/SI-DG/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"city_code": "FS"}, "城市代码: 文件 SI-FS 已存在"),
        ({"city_code": "1DG"}, "城市代码: 请使用 2 至 10 位大写字母或数字"),
        ({"city_name": "广州市"}, "城市名称: 广州市已有社保和公积金规则(SI-GZ)"),
        ({"items_pension_employee_rate": "abc"}, "养老保险:个人比例"),
    ],
)
def test_a_new_city_is_refused_in_words(client, people, changes, words):
    client.force_login(people["manager"])
    response = client.post("/payroll/policies/cities/new/", new_city(**changes))
    assert response.status_code == 400
    assert words in errors_box(response)
    assert not PolicyVersion.objects.filter(document_no__in=["SI-DG", "SI-1DG"]).exists()
    assert PolicyVersion.objects.filter(document_no="SI-FS").count() == 1


def test_a_lowercase_city_code_is_taken_in_capitals(client, people):
    client.force_login(people["hr"])
    assert client.post("/payroll/policies/cities/new/", new_city(city_code="zs", city_name="中山市")).status_code == 302
    assert PolicyVersion.objects.get(document_no="SI-ZS").parameters["city_code"] == "ZS"


# ---- who may do what ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "reads", "proposes"),
    [
        ("hr", True, True),
        ("manager", True, True),
        ("gm", True, False),
        ("finance", True, False),
        ("engineer", False, False),
    ],
)
def test_who_reads_and_who_proposes_each_pay_document(client, people, who, reads, proposes):
    client.force_login(people[who])
    assert (client.get("/payroll/policies/").status_code == 200) is reads
    for url in ("/payroll/policies/revise/KF-PAY/", "/payroll/policies/revise/IIT/", "/payroll/policies/revise/SI-SZ/"):
        assert (client.get(url).status_code == 200) is proposes, url
    assert (client.get("/payroll/policies/cities/new/").status_code == 200) is proposes
    if not proposes:
        assert client.post("/payroll/policies/revise/IIT/", form_data("IIT")).status_code == 403
        assert client.post("/payroll/policies/cities/new/", new_city()).status_code == 403
        assert not PolicyVersion.objects.filter(version__in=["2026", "2027"]).exists()


def test_a_pay_draft_stays_with_the_roles_that_prepare_it(client, people):
    params = version("KF-PAY").parameters
    draft = policy_draft_save(
        user=people["hr"], version="2027", title="薪资标准", effective_from=date(2027, 1, 1), parameters=params
    )
    client.force_login(people["engineer"])
    assert client.get(f"/payroll/policies/{draft.pk}/").status_code == 404
    assert client.get(f"/payroll/policies/{draft.pk}/pdf/").status_code == 404
    assert client.get(f"/payroll/policies/{version('KF-PAY').pk}/pdf/").status_code == 200


def test_an_unknown_document_has_no_revision_page(client, people):
    client.force_login(people["hr"])
    assert client.get("/payroll/policies/revise/XX-1/").status_code == 404
    assert client.get("/payroll/policies/revise/SI-QQ/").status_code == 404  # no such city yet: add it instead
