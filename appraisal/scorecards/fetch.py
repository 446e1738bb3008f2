"""Rows → engine inputs for scorecards, in a few bulk queries whatever the head count."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Exists, OuterRef

from engineers.models import Absence, Engineer
from incentives.metrics import KpiMetrics, OrderFacts, kpi_metrics
from workorders.models import Participant, WorkOrder


def metrics_for(engineers: list[Engineer], *, period: tuple[date, date], on_time_hours: int) -> dict[int, KpiMetrics]:
    """Each engineer's metrics from the work orders they completed in the period."""
    ids = [e.pk for e in engineers]
    start, end = period
    repeated = WorkOrder.objects.filter(repeat_of=OuterRef("work_order_id"))
    rows = (
        Participant.objects.filter(engineer_id__in=ids, work_order__completed_on__range=(start, end))
        .annotate(repeated=Exists(repeated))
        .values_list(
            "engineer_id",
            "work_order__reported_at",
            "work_order__responded_at",
            "work_order__resolved_at",
            "work_order__csat_score",
            "repeated",
            "work_order__service_request__resolution_due",  # the SLA deadline of an order a request made
        )
    )
    orders: dict[int, list[OrderFacts]] = defaultdict(list)
    for engineer_id, reported, responded, resolved, csat, rep, due in rows:
        orders[engineer_id].append(OrderFacts(reported, responded, resolved, csat, rep, due))
    absences: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for engineer_id, a_start, a_end in Absence.objects.filter(
        engineer_id__in=ids, start_date__lte=end, end_date__gte=start
    ).values_list("engineer_id", "start_date", "end_date"):
        absences[engineer_id].append((a_start, a_end))
    return {
        e: kpi_metrics(orders=orders[e], on_time_hours=on_time_hours, period=period, absences=absences[e]) for e in ids
    }
