"""People: departments, crews, engineers, skills, absences and incidents."""

from .people import (
    Absence,
    AbsenceKind,
    CareerRank,
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
    "CareerRank",
    "Crew",
    "CrewMembership",
    "Department",
    "EmploymentType",
    "Engineer",
    "EngineerSkill",
    "EngineerStatus",
    "Incident",
    "IncidentKind",
    "Skill",
    "TechnicalGrade",
]
