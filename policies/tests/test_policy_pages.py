"""The revision form in words, exact rates, and the review workflow as each role sees it on the page."""

from datetime import date
from pathlib import Path

import pytest

from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from policies.forms import PolicyRevisionForm
from policies.models import PolicyVersion
from policies.parameters import parameters
from policies.services import policy_approve, policy_draft_save, policy_review, policy_withdraw

pytestmark = pytest.mark.django_db


def revision_form(**changes) -> dict:
    """The revision form as the page fills it (copied from A/2), with `changes` typed over it."""
    base = PolicyVersion.objects.get(version="A/2").parameters
    form = PolicyRevisionForm(base_parameters=base)
    data = {name: value for name, value in form.initial.items() if value != ""}
    data.update(version="A/3", effective_from="2027-01-01", revision_note="修订")
    data.update(changes)
    return data


@pytest.fixture
def people(db):
    return {
        "hr": make_user("hr", "hr_clerk"),
        "manager": make_user("manager", "dept_manager"),
        "manager2": make_user("manager2", "dept_manager"),
        "gm": make_user("gm", "general_manager"),
        "engineer": make_user("eng", "engineer"),
    }


def draft_by(user, version="A/3"):
    params = PolicyVersion.objects.get(version="A/2").parameters
    return policy_draft_save(
        user=user, version=version, title="修订", effective_from=date(2027, 1, 1), parameters=params
    )


# ---- item 1: labelled fields, exact rates, errors in words -------------------------------------------------


def test_every_parameter_has_words_and_a_unit_on_the_revision_page(client, people):
    client.force_login(people["hr"])
    page = client.get("/payroll/policies/revise/").content.decode()
    base = PolicyVersion.objects.get(version="A/2").parameters
    for p in parameters(PolicyRevisionForm(base_parameters=base).base):
        assert f'name="{p.name}"' in page, p.name
        assert f">{p.name}<" not in page  # never labelled by its raw name
    for words in (
        "个人激励比例(最低)",
        "每人每月上限",
        "元",
        "带薪培训每天",
        "天",
        "工作态度 权重",
        "上级评价 权重",
        "月度优秀个人",
        "A 档起点分",
        "A 档系数",
        "高级:工龄至少",
        "扣款上限(占当月工资)",
        "施工组个人百分比上限",
    ):
        assert words in page, words
    assert 'value="3"' in page and 'value="500.00"' in page  # 0.03 shown as 3 (%), money with two places


def test_a_rate_is_stored_and_shown_exactly(client, people):
    client.force_login(people["hr"])
    response = client.post(
        "/payroll/policies/revise/", revision_form(individual_rate_low="3.5", individual_rate_high="4.5")
    )
    draft = PolicyVersion.objects.get(version="A/3")
    assert response.status_code == 302
    assert draft.parameters["individual"]["rate_range"] == ["0.035", "0.045"]
    page = client.get(f"/payroll/policies/{draft.pk}/").content.decode()
    assert "3.5 %" in page and "4.5 %" in page and "4 %" not in page


def test_weights_that_do_not_add_up_are_refused_in_words_and_nothing_is_saved(client, people):
    client.force_login(people["hr"])
    response = client.post("/payroll/policies/revise/", revision_form(kpi_dimension_attitude="15"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "KPI 维度权重合计 95 %,必须合计 100 %。" in page
    assert "工作态度 权重" in page
    assert not PolicyVersion.objects.filter(version="A/3").exists()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"monthly_cap": "abc"}, "每人每月上限"),
        ({"individual_rate_low": "6"}, "个人激励比例(最低)高于个人激励比例(最高)"),
        ({"kpi_band_B_min": "95"}, "B 档起点分必须低于A 档起点分"),
        ({"monthly_cap": "500.005"}, "每人每月上限"),
        ({"penalty_max_rate": "120"}, "扣款上限(占当月工资)"),
        ({"annual_pay_month": "13"}, "年度奖发放月份"),
    ],
)
def test_bad_numbers_name_the_field(client, people, changes, words):
    client.force_login(people["hr"])
    response = client.post("/payroll/policies/revise/", revision_form(**changes))
    assert response.status_code == 400
    errors = response.content.decode().split('data-testid="revision-errors"')[1].split("</div>")[0]
    assert words in errors  # the box above the form names the field in words, not by its parameter name
    assert not PolicyVersion.objects.filter(version="A/3").exists()


def test_a_taken_version_number_is_refused_on_the_version_field(client, people):
    client.force_login(people["hr"])
    response = client.post("/payroll/policies/revise/", revision_form(version="A/2"))
    assert response.status_code == 400
    assert "版本 A/2 已存在" in response.content.decode()


# ---- item 2: workflow: four-eyes, withdraw, who sees which button --------------------------------------------


def test_the_author_never_reviews_any_other_department_manager_does(people):
    draft = draft_by(people["manager"])
    with pytest.raises(PermissionDeniedError) as err:
        policy_review(user=people["manager"], version=draft)
    assert err.value.code == "policy.four_eyes"
    assert policy_review(user=people["manager2"], version=draft).status == "reviewed"


def test_the_reviewer_cannot_also_approve(people):
    both = make_user("both", "dept_manager", "general_manager")
    draft = policy_review(user=both, version=draft_by(people["hr"]))
    with pytest.raises(PermissionDeniedError) as err:
        policy_approve(user=both, version=draft)
    assert err.value.code == "policy.four_eyes"
    assert policy_approve(user=people["gm"], version=draft).status == "approved"


@pytest.mark.parametrize(("who", "allowed"), [("manager", True), ("hr", True), ("manager2", False), ("gm", False)])
def test_the_author_or_hr_withdraws_and_it_is_audited(people, who, allowed):
    draft = draft_by(people["manager"])
    if not allowed:
        with pytest.raises(PermissionDeniedError) as err:
            policy_withdraw(user=people[who], version=draft)
        assert err.value.code == "policy.withdraw_role"
        assert PolicyVersion.objects.get(pk=draft.pk).status == "draft"
        return
    policy_withdraw(user=people[who], version=draft)
    last = PolicyVersion.history.filter(id=draft.pk).order_by("history_id").last()
    assert (last.status, last.history_user) == ("withdrawn", people[who])
    draft_by(people["hr"])  # the version number is free again


def test_an_approved_version_cannot_be_withdrawn(people):
    draft = policy_review(user=people["manager2"], version=draft_by(people["manager"]))
    policy_approve(user=people["gm"], version=draft)
    with pytest.raises(DomainError) as err:
        policy_withdraw(user=people["manager"], version=draft)
    assert err.value.code == "policy.not_withdrawable"


def buttons(client, user, draft) -> tuple[set[str], str]:
    client.force_login(user)
    page = client.get(f"/payroll/policies/{draft.pk}/").content.decode()
    shown = {a for a in ("review", "approve", "withdraw") if f'value="{a}"' in page}
    if 'data-testid="policy-approve-whatif"' in page:  # FS-MS-KF-13 is approved from its what-if page
        shown.add("approve")
    return shown, page


def test_each_role_sees_only_the_buttons_it_may_press(client, people):
    draft = draft_by(people["manager"])
    shown, page = buttons(client, people["manager"], draft)
    assert shown == {"withdraw"} and "您编制了此版本" in page
    assert buttons(client, people["manager2"], draft)[0] == {"review"}
    assert buttons(client, people["hr"], draft)[0] == {"withdraw"}
    shown, page = buttons(client, people["gm"], draft)
    assert shown == set()
    assert "草稿" in page and "manager2" in page  # the state, and who may review next
    policy_review(user=people["manager2"], version=draft)
    shown, page = buttons(client, people["gm"], draft)
    assert shown == {"approve"}
    assert buttons(client, people["manager2"], draft)[0] == set()


def test_a_draft_nobody_may_review_says_so(client, people):
    people["manager2"].groups.clear()
    draft = draft_by(people["manager"])
    _shown, page = buttons(client, people["hr"], draft)
    assert 'data-testid="policy-blocked"' in page and "除编制人外没有部门经理" in page


def test_a_forged_review_by_the_author_is_refused_and_changes_nothing(client, people):
    draft = draft_by(people["manager"])
    client.force_login(people["manager"])
    response = client.post(f"/payroll/policies/{draft.pk}/", {"action": "review"})
    assert response.status_code == 403
    assert PolicyVersion.objects.get(pk=draft.pk).status == "draft"


def test_withdrawing_from_the_page(client, people):
    draft = draft_by(people["manager"])
    client.force_login(people["manager"])
    response = client.post(f"/payroll/policies/{draft.pk}/", {"action": "withdraw"}, follow=True)
    assert PolicyVersion.objects.get(pk=draft.pk).status == "withdrawn"
    assert "已撤回" in response.content.decode()


# ---- item 4: the controlled document names who compiled, reviewed and approved it --------------------------


def pdf_text(content: bytes, tmp_path, name="doc") -> str:
    import os
    import subprocess

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    if os.environ.get("INCDESK_KEEP_PDF"):  # to look at it: pdftoppm -png -r 80 <file> <prefix>
        (Path(os.environ["INCDESK_KEEP_PDF"]) / f"{name}.pdf").write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_controlled_document_names_its_compiler_reviewer_and_approver(client, people, tmp_path):
    for who, name in (("manager", "张伟"), ("manager2", "李芳"), ("gm", "王强")):  # as the demo keeps names
        people[who].first_name = name
        people[who].save()
    draft = draft_by(people["manager"])
    client.force_login(people["gm"])
    text = pdf_text(client.get(f"/payroll/policies/{draft.pk}/pdf/").content, tmp_path, "policy-draft")
    assert "编制 张伟 2026-11-18" in text and "审核 (待定)" in text and "编制 —" not in text
    policy_approve(user=people["gm"], version=policy_review(user=people["manager2"], version=draft))
    text = pdf_text(client.get(f"/payroll/policies/{draft.pk}/pdf/").content, tmp_path, "policy-a3")
    assert "编制 张伟 2026-11-18" in text and "审核 李芳 2026-11-18" in text and "批准 王强 2026-11-18" in text
    assert "修订日期 2026-11-18" in text
    a2 = PolicyVersion.objects.get(version="A/2")
    text = pdf_text(client.get(f"/payroll/policies/{a2.pk}/pdf/").content, tmp_path, "policy-a2")
    assert "编制 纸质文件签批" in text and "—" not in text.split("修订履历")[0]
    assert "工作态度 20%" in text and "月度优秀个人" in text  # labels from policies.choices, in Chinese
