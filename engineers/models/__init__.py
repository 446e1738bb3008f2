"""People: departments, crews, engineers, skills, absences and incidents; what they are paid and where."""

from .pay import AnnualBonusTaxChoice, BankAccount, PayScheme, SpecialDeductionClaim, TaxYearOpening
from .people import (
    Absence,
    AbsenceKind,
    CareerRank,
    CertificateLevel,
    Crew,
    CrewMembership,
    Department,
    EmploymentType,
    Engineer,
    EngineerSkill,
    EngineerStatus,
    Incident,
    IncidentKind,
    Skill,
    TechnicalGrade,
)

__all__ = [
    "Absence",
    "AbsenceKind",
    "AnnualBonusTaxChoice",
    "BankAccount",
    "CareerRank",
    "CertificateLevel",
    "Crew",
    "CrewMembership",
    "Department",
    "EmploymentType",
    "Engineer",
    "EngineerSkill",
    "EngineerStatus",
    "Incident",
    "IncidentKind",
    "PayScheme",
    "Skill",
    "SpecialDeductionClaim",
    "TaxYearOpening",
    "TechnicalGrade",
]
