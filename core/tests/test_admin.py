"""Every model of the product is in the Django admin, and each list page opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db
APPS = ("engineers", "workorders", "payroll")
# Rows edited only as part of their parent (inline there) need no page of their own.
INLINE_ONLY = {
    "PeerAssignment",
    "ScoreEntry",
    "DistributionLine",
    "RequestTransition",
    "GradeApplication",
    "PayslipLine",
    "PeriodEvent",
}


def product_models():
    return [
        m
        for label in APPS
        for m in apps.get_app_config(label).get_models()
        if not m.__name__.startswith("Historical") and m.__name__ not in INLINE_ONLY
    ]


def test_every_product_model_is_registered():
    assert [m.__name__ for m in product_models() if not admin.site.is_registered(m)] == []


def test_every_admin_list_page_opens(client, company):
    client.force_login(User.objects.create_superuser("root", "root@example.cn", "x"))
    for model in product_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/scorecards/null,null/"),
        ("put", "/api/scorecards/x/scores/"),
        ("get", "/api/work-orders/1.5/"),
        ("delete", "/api/engineers/abc/"),
    ],
)
def test_an_object_id_that_is_not_a_number_is_a_404_not_a_500(admin_client, method, url):
    assert getattr(admin_client, method)(url).status_code == 404
