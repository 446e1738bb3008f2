"""Monthly KPI scorecards, honours and penalties, technical grade campaigns."""

from .awards import PENALTY_KINDS, TEAM_KINDS, Award, AwardKind, AwardStatus
from .grades import AppealOutcome, CampaignStatus, GradeApplication, GradeCampaign, PanelDecision
from .scorecards import PeerAssignment, Scorecard, ScorecardStatus, ScoreEntry, ScoreSource

__all__ = [
    "PENALTY_KINDS",
    "TEAM_KINDS",
    "AppealOutcome",
    "Award",
    "AwardKind",
    "AwardStatus",
    "CampaignStatus",
    "GradeApplication",
    "GradeCampaign",
    "PanelDecision",
    "PeerAssignment",
    "ScoreEntry",
    "ScoreSource",
    "Scorecard",
    "ScorecardStatus",
]
