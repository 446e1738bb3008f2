"""Opening tax figures (the earlier payroll's January…N) are entered in the admin: a negative figure
would lower the year's cumulative taxable income and so the tax withheld, and is refused by name."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from engineers.models import TaxYearOpening

pytestmark = pytest.mark.django_db


def opening(company, **figures):
    values = {"income": Decimal("30000.00"), "contributions": Decimal("3000.00"), "tax_withheld": Decimal("300.00")}
    return TaxYearOpening(engineer=company.li, year=2026, through_month=3, **{**values, **figures})


@pytest.mark.parametrize("field", ["income", "contributions", "tax_withheld"])
def test_a_negative_opening_figure_is_refused_by_the_form_and_the_database(company, field):
    row = opening(company, **{field: Decimal("-0.01")})
    with pytest.raises(ValidationError):
        row.full_clean()  # what the admin's form runs: the error is shown, nothing saved
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    assert not TaxYearOpening.objects.exists()


def test_the_income_refusal_says_what_is_wrong(company):
    with pytest.raises(ValidationError) as refused, translation.override("zh-hans"):
        opening(company, income=Decimal("-100.00")).full_clean()
    assert "期初累计收入额不能小于零" in str(refused.value)


def test_zero_figures_are_an_opening_of_a_month_without_pay(company):
    opening(company, income=Decimal("0.00"), contributions=Decimal("0.00"), tax_withheld=Decimal("0.00")).save()
    assert TaxYearOpening.objects.count() == 1
