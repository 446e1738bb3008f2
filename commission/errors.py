"""Error codes of the commission: who may do what, which months and staff take it, what a cell may hold."""

from enum import StrEnum

from core.errors import DomainError


class CommissionErrorCode(StrEnum):
    HR_ONLY = "commission.hr_only"
    APPROVER_ROLE = "commission.approver_role"
    OWN_PROPOSAL = "commission.own_proposal"
    PAYS_APPROVER = "commission.pays_approver"
    NOT_FIRST_OF_MONTH = "commission.not_first_of_month"
    POST_MISMATCH = "commission.post_mismatch"
    POST_IN_USE = "commission.post_in_use"
    ASSIGNMENT_BEFORE_LATEST = "commission.assignment_before_latest"
    MONTH_SETTLED = "commission.month_settled"
    MONTH_NOT_OVER = "commission.month_not_over"
    INVALID_CELLS = "commission.invalid_cells"
    MISSING_PICKUPS = "commission.missing_pickups"
    NOT_WAITING = "commission.not_waiting"
    NO_STAFF = "commission.no_staff"
    NO_DOCUMENT = "commission.no_document"
    INVALID = "commission.invalid"


class PickupGridError(DomainError):
    """Cells of a month's pick-up that break a rule: nothing was saved. `cells` is [(franchisee id, field,
    message)], field "" for the row."""

    def __init__(self, message, cells):
        fields: dict = {}
        for franchisee_id, field, text in cells:
            fields.setdefault(f"{franchisee_id}.{field}" if field else str(franchisee_id), []).append(str(text))
        super().__init__(CommissionErrorCode.INVALID_CELLS, message, fields=fields)
        self.cells = list(cells)
