"""People (people.py) and monthly KPI scorecards (kpi.py)."""

from .awards import PENALTY_KINDS, TEAM_KINDS, Award, AwardKind, AwardStatus
from .grades import AppealOutcome, CampaignStatus, GradeApplication, GradeCampaign, PanelDecision
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
    Incident,
    IncidentKind,
    Skill,
    TechnicalGrade,
)

__all__ = [
    "PENALTY_KINDS",
    "TEAM_KINDS",
    "Absence",
    "AbsenceKind",
    "AppealOutcome",
    "Award",
    "AwardKind",
    "AwardStatus",
    "CampaignStatus",
    "CareerRank",
    "Crew",
    "CrewMembership",
    "Department",
    "EmploymentType",
    "Engineer",
    "EngineerSkill",
    "EngineerStatus",
    "GradeApplication",
    "GradeCampaign",
    "Incident",
    "IncidentKind",
    "PanelDecision",
    "PeerAssignment",
    "ScoreEntry",
    "ScoreSource",
    "Scorecard",
    "ScorecardStatus",
    "Skill",
    "TechnicalGrade",
]
