"""Error codes of the what-if: stable strings the pages and tests match, spelled once."""

from enum import StrEnum


class WhatifErrorCode(StrEnum):
    ROLE = "whatif.role"
    DOCUMENT = "whatif.document"
    NO_MONTHS = "whatif.no_months"
    TOO_MANY_MONTHS = "whatif.too_many_months"
    NOT_CLOSED = "whatif.not_closed"
    WITHDRAWN = "whatif.withdrawn"
    NOT_FINISHED = "whatif.not_finished"
    SIMULATION_OF_ANOTHER = "whatif.simulation_of_another"
