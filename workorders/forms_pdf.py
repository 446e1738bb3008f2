"""The five FS-MS-KF-13 forms of a work order as one controlled-document PDF."""

from __future__ import annotations

from core.pdf import document_pdf


def work_order_forms_pdf(work_order) -> bytes:
    """The five forms of FS-MS-KF-13 for one work order, one per page, each naming who filled it in:
    the work order's recorder, the crew leader who wrote the self-assessment, the inspectors."""
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
        },
    )
