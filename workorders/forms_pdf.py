"""The five FS-MS-KF-13 forms of a work order as one controlled-document PDF."""

from __future__ import annotations

from collections.abc import Callable

from core.pdf import document_pdf

# What higher apps print on the customer's evaluation form without this app knowing them (the service
# desk's survey QR code): each is called with the work order and the site's base URL, returns context.
EVALUATION_EXTRAS: list[Callable[[object, str], dict]] = []


def work_order_forms_pdf(work_order, base_url: str = "") -> bytes:
    """The five forms of FS-MS-KF-13 for one work order, one per page, each naming who filled it in:
    the work order's recorder, the crew leader who wrote the self-assessment, the inspectors."""
    evaluation: dict = {}
    for extra in EVALUATION_EXTRAS:
        evaluation.update(extra(work_order, base_url))
    assessment = getattr(work_order, "self_assessment", None)
    inspections = list(work_order.inspections.select_related("recorded_by"))
    return document_pdf(
        "workorders/forms_pdf.html",
        {
            "wo": work_order,
            "recorder": work_order.created_by,
            "lines": work_order.lines.all(),
            "participants": work_order.participants.select_related("engineer"),
            "assessment": assessment,
            "plan": assessment.lines.select_related("engineer") if assessment else [],
            "inspections": inspections,
            "inspectors": "、".join(f"{i.inspector_name}({i.get_inspector_role_display()})" for i in inspections),
            "crew_requests": work_order.bonus_requests.filter(kind="crew", status="approved"),
            "evaluation": evaluation,
        },
    )
