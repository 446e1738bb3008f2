"""A form's engineer field at a company's size: a select while there are few, the employee no. typed in
beyond FEW_ENGINEERS (a select of 50,000 engineers made each such page megabytes long)."""

from datetime import date

import pytest
from django.urls import reverse

from engineers.fields import FEW_ENGINEERS
from engineers.models import Engineer, EngineerSkill
from welfare.models import Grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_engineers(company):
    Engineer.objects.bulk_create(
        Engineer(employee_no=f"M{n:05d}", name=f"工程师{n}", department=company.d2, hire_date=date(2020, 1, 1))
        for n in range(FEW_ENGINEERS + 1)
    )


def certificate(engineer, number="HG-1"):
    return {
        "engineer": engineer,
        "skill": "welder",
        "level": "intermediate",
        "certificate_no": number,
        "issuer": "佛山市人社局",
        "issued_on": "2026-11-17",
        "expires_on": "2030-11-16",
    }


def test_few_engineers_are_chosen_from_a_select(client, company):
    client.force_login(company.hr)
    page = client.get(reverse("training:certificate_new")).content.decode()
    assert '<select name="engineer"' in page and "李娜" in page


def test_many_engineers_are_chosen_by_employee_no(client, company, many_engineers):
    client.force_login(company.hr)
    page = client.get(reverse("training:certificate_new")).content.decode()
    assert '<select name="engineer"' not in page and '<input type="text" name="engineer"' in page
    assert "工程师499" not in page  # no engineer is listed

    response = client.post(reverse("training:certificate_new"), certificate(company.li.employee_no))
    assert response.status_code == 302
    assert EngineerSkill.objects.get(certificate_no="HG-1").engineer == company.li

    refused = client.post(reverse("training:certificate_new"), certificate("E999", "HG-2"))
    assert refused.status_code == 400 and "没有可选的工号为 E999 的工程师" in refused.content.decode()
    assert not EngineerSkill.objects.filter(certificate_no="HG-2").exists()


def test_a_link_naming_the_engineer_fills_in_the_employee_no(client, company, many_engineers):
    client.force_login(company.hr)
    page = client.get(reverse("training:certificate_new") + f"?engineer={company.li.pk}").content.decode()
    assert f'name="engineer" value="{company.li.employee_no}"' in page


def test_the_welfare_record_takes_the_employee_no_too(client, company, many_engineers):
    client.force_login(company.hr)
    assert '<select name="engineer"' not in client.get("/welfare/record/").content.decode()
    body = {"engineer": "M00042", "kind": "trophy", "given_on": "2026-11-18", "reason": "年度技术能手"}
    response = client.post("/welfare/record/", body)
    assert response.status_code == 302
    assert Grant.objects.get(reason="年度技术能手").engineer.employee_no == "M00042"


def test_several_engineers_are_typed_in_one_box(company, many_engineers):
    from appraisal.awards.views import AwardForm

    def form(members):
        data = {"kind": "excellent_individual_month", "department": company.d1.pk, "members": members, "reason": "好"}
        return AwardForm(data)

    chosen = form(f"{company.li.employee_no}, {company.zhang.employee_no}\n")
    assert chosen.is_valid(), chosen.errors
    assert set(chosen.cleaned_data["members"]) == {company.li, company.zhang}
    assert "<textarea" in str(chosen["members"]) and "工程师7<" not in str(chosen["members"])

    unknown = form("E001 E999")
    assert not unknown.is_valid() and "没有可选的工号为 E999 的工程师" in str(unknown.errors["members"])
