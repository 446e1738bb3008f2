"""Work orders and piece rates (jobs.py); inspections, self-assessments and bonus requests (bonus.py)."""

from .bonus import (
    DEAD_STATUSES,
    BonusKind,
    BonusRequest,
    CrewSelfAssessment,
    DistributionLine,
    InspectorRole,
    RequestStatus,
    RequestTransition,
    SiteInspection,
)
from .jobs import (
    OrderType,
    Participant,
    PieceRateItem,
    PieceRateTable,
    PieceRateTableStatus,
    SplitMethod,
    WorkOrder,
    WorkOrderLine,
)

__all__ = [
    "DEAD_STATUSES",
    "BonusKind",
    "BonusRequest",
    "CrewSelfAssessment",
    "DistributionLine",
    "InspectorRole",
    "OrderType",
    "Participant",
    "PieceRateItem",
    "PieceRateTable",
    "PieceRateTableStatus",
    "RequestStatus",
    "RequestTransition",
    "SiteInspection",
    "SplitMethod",
    "WorkOrder",
    "WorkOrderLine",
]
