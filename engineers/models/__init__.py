"""People (people.py) and monthly KPI scorecards (kpi.py)."""

from .kpi import PeerAssignment, Scorecard, ScorecardStatus, ScoreEntry, ScoreSource
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
    "PeerAssignment",
    "ScoreEntry",
    "ScoreSource",
    "Scorecard",
    "ScorecardStatus",
    "Skill",
    "TechnicalGrade",
]
