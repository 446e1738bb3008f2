import pytest

from conftest import make_user


@pytest.fixture
def desk(company):
    """The company with a QS officer and a second supervisor; 李娜 and 王强 log in as engineers."""
    company.qs = make_user("qs", "qs_officer")
    return company


@pytest.fixture
def log(desk):
    """Log a request through the service (HR by default), with the fields a call gives."""
    from servicedesk import services

    def make(*, user=None, phone="13800138000", product="SL-200 太阳能热水器", category="repair", **kw):
        data = services.RequestInput(
            customer_name=kw.pop("customer_name", "陈先生"),
            customer_phone=phone,
            address=kw.pop("address", "佛山市南海区桂城街道1号"),
            product=product,
            fault_description=kw.pop("fault_description", "不出热水"),
            category=category,
            priority=kw.pop("priority", "normal"),
            channel=kw.pop("channel", "phone"),
            department=kw.pop("department", desk.d1),
            required_skill=kw.pop("required_skill", ""),
        )
        return services.request_log(user=user or desk.hr, data=data)

    return make
