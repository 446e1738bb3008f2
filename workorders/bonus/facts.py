"""Turn database rows into the engine's inputs for the bonus rules."""

from __future__ import annotations

from datetime import date

from engineers.models import EmploymentType, Engineer
from engineers.selectors import assessment_status, month_bounds
from incentives.policy import Policy
from incentives.rules.awards import completed_years
from incentives.rules.crew import CrewMember, Inspection
from incentives.rules.individual import Candidate
from workorders.models import WorkOrder


def candidate_for(engineer: Engineer, *, on: date, rated_excellent: bool, policy: Policy) -> Candidate:
    start, end = month_bounds(on.year, on.month)
    return Candidate(
        inside_assessment=assessment_status(
            engineer, period_start=start, period_end=end, assessment_date=end, policy=policy
        ).inside,
        probation_passed=engineer.employment_type != EmploymentType.PROBATION
        and (engineer.probation_end is None or engineer.probation_end < on),
        has_special_skill=any(skill.valid_on(on) for skill in engineer.skills.all()),
        service_years=completed_years(since=engineer.hire_date, on=on),
        rated_excellent=rated_excellent,
        is_crew_leader=engineer.led_crews.exists(),
    )


def inspections_of(work_order: WorkOrder) -> list[Inspection]:
    return [Inspection(i.get_inspector_role_display(), i.scores()) for i in work_order.inspections.all()]


def crew_members_of(work_order: WorkOrder) -> list[CrewMember]:
    """Days from the work order's participants, percentages from the crew leader's plan."""
    days = {p.engineer_id: p.days_worked for p in work_order.participants.all()}
    plan = work_order.self_assessment.lines.all()
    return [CrewMember(key=line.engineer_id, days=days.get(line.engineer_id, 0), pct=line.pct) for line in plan]
