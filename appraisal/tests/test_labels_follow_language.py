"""Labels come from one source (the choices) and are translated where they are shown: with
English chosen, pages say English; the Chinese controlled document stays Chinese (issue 13)."""

import subprocess

import pytest
from django.utils import timezone, translation

from policies.models import PolicyVersion
from workorders.bonus import services as bonus

pytestmark = pytest.mark.django_db


def test_the_kpi_grid_names_its_dimensions_in_the_chosen_language(client, bonus_people):
    client.force_login(bonus_people.hr)
    client.cookies["django_language"] = "en"
    page = client.get("/kpi/grid/").content.decode()
    for label in ("Work attitude", "Professional skill", "Efficiency", "Customer satisfaction", "Cost control"):
        assert label in page, label
    assert "工作态度" not in page
    client.cookies["django_language"] = "zh-hans"
    assert "工作态度" in client.get("/kpi/grid/").content.decode()


def test_eligibility_reasons_are_given_in_the_chosen_language(bonus_people, special_order):
    today = timezone.localdate()
    ask = dict(work_order=special_order, engineer=bonus_people.li, rate=None, rated_excellent=False, on=today)
    with translation.override("en"):
        english = bonus.individual_preview(**ask).reasons
    with translation.override("zh-hans"):
        chinese = bonus.individual_preview(**ask).reasons
    assert "not rated excellent by a supervisor or above" in english
    assert chinese and all("not rated" not in r for r in chinese)


def test_the_controlled_document_names_dimensions_sources_grades_and_honours_in_chinese(client, bonus_people, tmp_path):
    client.force_login(bonus_people.gm)
    client.cookies["django_language"] = "en"  # a controlled document is Chinese whatever the page language
    v = PolicyVersion.objects.get(version="A/2")
    path = tmp_path / "doc.pdf"
    path.write_bytes(client.get(f"/payroll/policies/{v.pk}/pdf/").content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for label in ("工作态度", "成本控制", "同事互评", "上级评价", "初级", "资深", "月度优秀个人", "创新团队"):
        assert label in text, label
