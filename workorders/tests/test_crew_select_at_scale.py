"""Filter forms list crews a department at a time once a company has many (50,000 engineers have thousands
of crews: one select of them all made every work-order and engineer list page megabytes long)."""

import re
from datetime import date

import pytest

from engineers.fields import FEW_CREWS
from engineers.models import Crew

pytestmark = pytest.mark.django_db


def crew_options(page: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="crew".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)


@pytest.fixture
def many_crews(company):
    Crew.objects.bulk_create(
        Crew(code=f"X{n:04d}", name=f"维修{n}组", department=company.d2) for n in range(FEW_CREWS + 1)
    )
    return Crew.objects.get(code="X0007")


@pytest.mark.parametrize("path", ["/workorders/", "/engineers/"])
def test_a_few_crews_are_all_listed(client, company, path):
    client.force_login(company.hr)
    shown = [code for pk, code in crew_options(client.get(path).content.decode()) if pk]
    assert len(shown) == 2  # C01 and C02, as before


@pytest.mark.parametrize("path", ["/workorders/", "/engineers/"])
def test_many_crews_are_listed_a_department_at_a_time(client, company, many_crews, path):
    client.force_login(company.hr)

    unfiltered = crew_options(client.get(path).content.decode())
    assert unfiltered == [("", "全部(先选部门以列出其班组)")]

    of_d1 = crew_options(client.get(f"{path}?department={company.d1.pk}").content.decode())
    assert [pk for pk, _ in of_d1 if pk] == [str(company.crew.pk)]

    chosen = crew_options(client.get(f"{path}?crew={many_crews.pk}").content.decode())
    assert [pk for pk, _ in chosen if pk] == [str(many_crews.pk)]


def test_any_crew_still_filters_the_list_and_the_api(client, company, many_crews, make_work_order):
    make_work_order(reported=date(2026, 11, 2), number="WO-X7", crew=many_crews, department=company.d2)
    make_work_order(reported=date(2026, 11, 3), number="WO-C01")
    client.force_login(company.hr)

    page = client.get(f"/workorders/?crew={many_crews.pk}").content.decode()
    assert "WO-X7" in page and "WO-C01" not in page
    api = client.get(f"/api/work-orders/?crew={many_crews.pk}").json()
    assert [row["number"] for row in api["results"]] == ["WO-X7"]
