"""Controlled documents and the FS-MS-KF-13 forms, read back from the PDFs."""

import subprocess

import pytest

from policies.models import PolicyVersion

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_policy_as_a_controlled_document(client, company, tmp_path):
    client.force_login(company.gm)
    v = PolicyVersion.objects.get(version="A/2")
    response = client.get(f"/payroll/policies/{v.pk}/pdf/")
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "广东五星太阳能 XX 公司",
        "文件编号 FS-MS-KF-13",
        "版本 A/2",
        "生效日期 2009-04-01",
        "修订履历",
        "请只使用盖红色印章之受控文件,严禁复印受控制文件",
        "页码 1 /",
        "3% – 5%",
        "¥500.00",
        "10% – 20%",
    ):
        assert expected in text, expected
    pages = subprocess.run(["pdfinfo", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Pages:" in pages


def test_a_revision_is_proposed_reviewed_and_approved_from_the_pages(client, company):
    from conftest import make_user
    from policies.tests.test_policy_pages import revision_form

    client.force_login(company.hr)
    form = revision_form(monthly_cap="600.00", revision_note="上调月度上限")
    response = client.post("/payroll/policies/revise/", form)
    draft = PolicyVersion.objects.get(version="A/3")
    assert response["Location"] == f"/payroll/policies/{draft.pk}/"
    assert draft.parameters["individual"]["monthly_cap"] == "600.00" and draft.parameters["individual"][
        "rate_range"
    ] == ["0.03", "0.05"]
    client.force_login(company.gm)
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "approve"})
    assert PolicyVersion.objects.get(pk=draft.pk).status == "draft"  # not reviewed yet
    client.force_login(company.manager)
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "review"})
    client.force_login(make_user("gm3", "general_manager"))
    client.post(f"/payroll/policies/{draft.pk}/", {"action": "approve"})
    assert PolicyVersion.objects.get(pk=draft.pk).status == "approved"


def test_the_five_forms_of_a_work_order(client, bonus_people, month, tmp_path):
    from workorders.models import WorkOrder

    wo = WorkOrder.objects.filter(is_special=True).order_by("id").first()
    client.force_login(bonus_people.hr)
    text = pdf_text(client.get(f"/workorders/{wo.pk}/forms.pdf").content, tmp_path)
    for title in (
        "工程施工质量自评方案",
        "工程施工计件工资结算单",
        "工程施工安全检查记录表",
        "工程施工质量检查记录表",
        "工程施工评价单",
    ):
        assert title in text, title
    assert wo.number in text and "¥1,650.00" in text and "张伟" in text
    client.force_login(bonus_people.wang_user)
    assert client.get(f"/workorders/{wo.pk}/forms.pdf").status_code == 404
