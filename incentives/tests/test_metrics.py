"""KPI metrics computed from work orders, checked against values worked out by hand."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D
from fractions import Fraction

from incentives.metrics import OrderFacts, kpi_metrics

T0 = datetime(2026, 11, 3, 9, 0)
NOV = (date(2026, 11, 1), date(2026, 11, 30))  # 21 weekdays


def order(respond_min, resolve_h, csat, repeated=False):
    return OrderFacts(
        reported_at=T0,
        responded_at=T0 + timedelta(minutes=respond_min) if respond_min is not None else None,
        resolved_at=T0 + timedelta(hours=resolve_h) if resolve_h is not None else None,
        csat=csat,
        repeated=repeated,
    )


def test_metrics_for_a_small_set_of_orders():
    orders = [order(20, 5, 90), order(40, 30, 100, repeated=True), order(90, 72, None), order(None, None, None)]
    m = kpi_metrics(orders=orders, on_time_hours=48, period=NOV, absences=[(date(2026, 11, 5), date(2026, 11, 9))])
    assert m.orders == 4
    assert m.response_minutes == D("50.00")  # (20 + 40 + 90) ÷ 3
    assert m.resolution_hours == D("35.67")  # (5 + 30 + 72) ÷ 3 = 35.666…
    assert m.on_time_rate == D("66.67")  # 2 of 3 resolved within 48 h
    assert m.repeat_rate == D("33.33")  # 1 of 3 resolved came back
    assert m.csat_average == D("95.00")
    # 5–9 Nov covers Thu, Fri, Mon = 3 weekdays of 21 absent → 18 ÷ 21
    assert m.attendance_rate == D("85.71")


def test_a_month_without_orders_has_no_rates_but_has_attendance():
    m = kpi_metrics(orders=[], on_time_hours=48, period=NOV)
    assert (m.response_minutes, m.on_time_rate, m.csat_average) == (None, None, None)
    assert m.attendance_rate == D("100.00")
    assert m.as_dict()["attendance_rate"] == "100.00"


def test_exactly_the_on_time_limit_counts_as_on_time():
    assert kpi_metrics(orders=[order(10, 48, None)], on_time_hours=48, period=NOV).on_time_rate == D("100.00")


def test_averages_are_exact_before_their_one_rounding():
    # Responses after 0.3 s, 0.3 s and 0.3 s: 0.005 minutes each, exactly → 0.01 (half up).
    # Float seconds turned into Decimal and divided by 60 gave 0.004999… → 0.00.
    orders = [
        OrderFacts(T0, T0 + timedelta(microseconds=300_000), None, None, False),
        OrderFacts(T0, T0 + timedelta(microseconds=300_000), None, None, False),
        OrderFacts(T0, T0 + timedelta(microseconds=300_000), None, None, False),
    ]
    assert kpi_metrics(orders=orders, on_time_hours=48, period=NOV).response_minutes == D("0.01")
    # CSAT 90, 91, 90, 90, 90, 90, 90, 91 → 722 ÷ 8 = 90.25 exactly
    csat = [order(None, 1, c) for c in (90, 91, 90, 90, 90, 90, 90, 91)]
    assert kpi_metrics(orders=csat, on_time_hours=48, period=NOV).csat_average == D("90.25")


def test_the_csat_mean_is_kept_exact_for_the_kpi_and_rounded_only_for_display():
    orders = [OrderFacts(T0, None, T0 + timedelta(hours=1), csat, False) for csat in (80, 81, 81)]
    m = kpi_metrics(orders=orders, on_time_hours=24, period=(date(2026, 11, 1), date(2026, 11, 30)))
    assert m.csat_average == D("80.67")  # shown
    assert (m.csat_sum, m.csat_count) == (242, 3) and m.csat_exact == Fraction(242, 3)  # what the KPI reads


def test_an_order_from_a_customer_request_is_on_time_by_its_sla_deadline():
    """A request's order counts as on time when resolved by its SLA deadline, however long that is;
    a breach counts against the on-time rate even within the policy's 48 hours."""
    due = T0 + timedelta(hours=8)
    orders = [
        OrderFacts(T0, None, T0 + timedelta(hours=6), None, False, due),  # met: 6 h ≤ 8 h
        OrderFacts(T0, None, T0 + timedelta(hours=9), None, False, due),  # breached by an hour, yet within 48 h
        OrderFacts(T0, None, T0 + timedelta(hours=60), None, False, T0 + timedelta(hours=72)),  # met: a 72 h SLA
        OrderFacts(T0, None, T0 + timedelta(hours=30), None, False),  # no request: within 48 h
    ]
    m = kpi_metrics(orders=orders, on_time_hours=48, period=NOV)
    assert m.on_time_rate == D("75.00")  # 3 of 4
    assert m.sla_breaches == 1
    assert m.as_dict()["sla_breaches"] == 1
