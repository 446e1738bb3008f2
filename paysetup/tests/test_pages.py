"""HR's pay set-up forms, in Chinese: what is saved, what is refused and where the refusal shows."""

from datetime import date
from decimal import Decimal

import pytest

from engineers.models import AnnualBonusTaxChoice, BankAccount, PayScheme, SpecialDeductionClaim
from ledger.models import PayPeriod
from paysetup import services
from paysetup.tests.conftest import scheme

pytestmark = pytest.mark.django_db

SCHEME_FORM = {
    "effective_from": "2026-12-01",
    "base_wage": "3500",
    "post_wage": "800.00",
    "probation_percent": "80",
    "piece_rate_mode": "adds",
    "contribution_city": "FS",
    "contribution_base": "3000",
    "note": "转正调薪",
}


@pytest.fixture
def hr(client, pay_company):
    client.force_login(pay_company.hr)
    return pay_company


def _errors(response) -> str:
    return response.content.decode()


def test_hr_enters_a_new_scheme_and_is_told_what_the_close_will_use(client, hr):
    c = hr
    form = client.get(f"/pay/engineer/{c.li.pk}/schemes/new/")
    assert form.status_code == 200
    text = form.content.decode()
    assert "新薪资方案" in text and "试用期工资比例(%)" in text and "佛山市(FS)" in text
    response = client.post(f"/pay/engineer/{c.li.pk}/schemes/new/", SCHEME_FORM, follow=True)
    assert response.redirect_chain[-1][0] == f"/engineers/{c.li.pk}/#pay"
    scheme_row = PayScheme.objects.get()
    assert (scheme_row.base_wage, scheme_row.probation_rate, scheme_row.note) == (
        Decimal("3500.00"),
        Decimal("0.8000"),
        "转正调薪",
    )
    page = response.content.decode()
    assert "已保存自 2026-12-01 起的新薪资方案。" in page
    assert "缴费基数 ¥3,000.00 低于佛山市的下限" in page  # the warning, in Chinese
    panel = client.get(f"/pay/engineer/{c.li.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "¥3,500.00" in panel and "80%" in panel and "佛山市" in panel


def test_a_refused_scheme_shows_each_reason_beside_its_field(client, hr):
    c = hr
    response = client.post(
        f"/pay/engineer/{c.li.pk}/schemes/new/",
        {**SCHEME_FORM, "effective_from": "2026-10-15", "base_wage": "-5", "probation_percent": "120"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["base_wage"] == ["基本工资不能为负数。"]
    assert form.errors["probation_percent"] == ["试用期工资比例是 0 % 到 100 % 之间的百分比(占基本工资和岗位工资)。"]
    assert not PayScheme.objects.exists()
    # The fields right, the closed month is refused on the date.
    response = client.post(f"/pay/engineer/{c.li.pk}/schemes/new/", {**SCHEME_FORM, "effective_from": "2026-10-15"})
    assert "2026-10" in response.context["form"].errors["effective_from"][0]
    assert "2026-11-01" in response.context["form"].errors["effective_from"][0]
    assert not PayScheme.objects.exists()


def test_a_locked_scheme_has_no_correct_button_and_its_edit_is_refused(client, hr):
    c = hr
    PayPeriod.objects.filter(pk=c.october.pk).update(status="open")
    old = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 9, 1))).obj
    PayPeriod.objects.filter(pk=c.october.pk).update(status="closed")
    new = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme()).obj
    panel = client.get(f"/pay/engineer/{c.li.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert f"/pay/schemes/{new.pk}/edit/" in panel and f"/pay/schemes/{old.pk}/edit/" not in panel
    assert "截至 2026-10 的月份已结算" in panel
    response = client.post(f"/pay/schemes/{old.pk}/edit/", {**SCHEME_FORM, "effective_from": "2026-09-01"})
    assert "从不更改" in response.context["form"].errors["effective_from"][0]
    response = client.post(f"/pay/schemes/{old.pk}/delete/", follow=True)
    assert PayScheme.objects.filter(pk=old.pk).exists()
    assert "从不更改" in response.content.decode()
    client.post(f"/pay/schemes/{new.pk}/delete/")
    assert not PayScheme.objects.filter(pk=new.pk).exists()


def test_hr_adds_and_ends_a_claim(client, hr):
    c = hr
    response = client.post(
        f"/pay/engineer/{c.li.pk}/claims/new/",
        {"kind": "children_education", "monthly_amount": "2000", "first_month": "2026-03", "last_month": ""},
        follow=True,
    )
    claim = SpecialDeductionClaim.objects.get()
    assert (claim.first_month, claim.last_month, claim.monthly_amount) == (date(2026, 3, 1), None, Decimal("2000.00"))
    assert "2026-03 至 2026-10 的月份已结算:下一次结算的个税将按累计预扣法补足。" in response.content.decode()
    response = client.post(f"/pay/claims/{claim.pk}/end/", {"last_month": "2026-12"}, follow=True)
    claim.refresh_from_db()
    assert claim.last_month == date(2026, 12, 1)
    assert "子女教育扣除至 2026-12。" in response.content.decode()


def test_a_claim_above_the_cap_is_refused_beside_the_amount(client, hr):
    c = hr
    response = client.post(
        f"/pay/engineer/{c.li.pk}/claims/new/",
        {"kind": "housing_loan", "monthly_amount": "1200", "first_month": "2026-13"},
    )
    form = response.context["form"]
    assert form.errors["first_month"] == ["请按 YYYY-MM 输入月份,例如 2026-03。"]
    response = client.post(
        f"/pay/engineer/{c.li.pk}/claims/new/",
        {"kind": "housing_loan", "monthly_amount": "1200", "first_month": "2026-11"},
    )
    [message] = response.context["form"].errors["monthly_amount"]
    assert "¥1,200.00" in message and "¥1,000.00" in message and "IIT 2023" in message and "住房贷款利息" in message
    assert not SpecialDeductionClaim.objects.exists()


def test_hr_sets_the_bank_account_and_sees_the_full_number(client, hr):
    c = hr
    form = client.get(f"/pay/engineer/{c.li.pk}/bank-account/").content.decode()
    assert "中国工商银行" in form and "中国建设银行" in form and 'value="李娜"' in form
    response = client.post(
        f"/pay/engineer/{c.li.pk}/bank-account/",
        {"bank_code": "CCB", "account_no": "6217 0012 3456 7890 123", "account_name": "李娜", "branch": "佛山禅城支行"},
        follow=True,
    )
    account = BankAccount.objects.get()
    assert (account.bank_code, account.account_no) == ("CCB", "6217001234567890123")
    assert "银行账户已保存:中国建设银行。" in response.content.decode()
    assert "未通过银行卡校验位" in response.content.decode()  # this made-up number fails Luhn: kept, with a warning
    panel = client.get(f"/pay/engineer/{c.li.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "6217001234567890123" in panel and "佛山禅城支行" in panel


def test_a_bad_account_number_is_refused_beside_it(client, hr):
    c = hr
    response = client.post(
        f"/pay/engineer/{c.li.pk}/bank-account/", {"bank_code": "CCB", "account_no": "62170012", "account_name": "李娜"}
    )
    assert response.context["form"].errors["account_no"] == ["账号有 8 位数字:银行卡号或账号应为 12 到 19 位。"]
    assert not BankAccount.objects.exists()


def test_hr_chooses_the_bonus_tax_and_a_year_the_rules_do_not_allow_is_refused(client, hr):
    c = hr
    client.post(f"/pay/engineer/{c.li.pk}/bonus-tax/", {"year": "2026", "separately": "1"})
    assert AnnualBonusTaxChoice.objects.get().separately is True
    response = client.post(f"/pay/engineer/{c.li.pk}/bonus-tax/", {"year": "2028", "separately": "1"})
    assert "2027-12-31" in response.context["form"].errors["separately"][0]
    assert AnnualBonusTaxChoice.objects.count() == 1


@pytest.mark.parametrize("who", ["finance", "gm", "manager", "li_user"])
def test_pay_readers_who_are_not_hr_get_no_form(client, pay_company, who):
    c = pay_company
    client.force_login(getattr(c, who))
    for url in (
        f"/pay/engineer/{c.li.pk}/schemes/new/",
        f"/pay/engineer/{c.li.pk}/claims/new/",
        f"/pay/engineer/{c.li.pk}/bank-account/",
        f"/pay/engineer/{c.li.pk}/bonus-tax/",
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_the_history_page_says_who_changed_what(client, hr):
    c = hr
    services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme())
    services.pay_scheme_create(
        user=c.hr, engineer=c.li, data=scheme(effective_from=date(2027, 1, 1), base_wage=Decimal("3600"))
    )
    services.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2026, separately=True)
    text = client.get(f"/pay/engineer/{c.li.pk}/history/").content.decode()
    assert "¥3,600.00" in text and "¥3,500.00" in text and "单独计税" in text and "hr" in text
