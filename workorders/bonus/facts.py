"""Turn database rows into the engine's inputs for the bonus rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from engineers.models import Crew, EmploymentType, Engineer, EngineerSkill
from engineers.selectors import absences_by_engineer, assessment_status, month_bounds
from incentives.policy import Policy
from incentives.rules.awards import completed_years
from incentives.rules.crew import CrewMember, Inspection
from incentives.rules.individual import Candidate
from workorders.models import WorkOrder


@dataclass(frozen=True)
class Circumstances:
    """What the bonus rules read of an engineer beyond the engineer's own row."""

    absences: tuple[tuple[date, date], ...]  # (start, end)
    skills: tuple[tuple[date, date | None], ...]  # each special skill's (issued on, expires on)
    leads_crew: bool

    def skill_valid_on(self, day: date) -> bool:
        return any(issued <= day and (expires is None or day <= expires) for issued, expires in self.skills)


def circumstances_of(engineer_ids: set[int]) -> dict[int, Circumstances]:
    """Every given engineer's circumstances in three queries read as plain values: a page that quotes
    forty requests reads them once, not as forty engineers' related managers."""
    skills: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for engineer_id, issued, expires in EngineerSkill.objects.filter(engineer__in=engineer_ids).values_list(
        "engineer_id", "issued_on", "expires_on"
    ):
        skills[engineer_id].append((issued, expires))
    absences = absences_by_engineer(list(engineer_ids))
    leaders = set(Crew.objects.filter(leader__in=engineer_ids).values_list("leader_id", flat=True))
    return {
        pk: Circumstances(absences=absences.get(pk, ()), skills=tuple(skills[pk]), leads_crew=pk in leaders)
        for pk in engineer_ids
    }


def candidate_for(
    engineer: Engineer, *, on: date, rated_excellent: bool, policy: Policy, known: Circumstances | None = None
) -> Candidate:
    """The engine's candidate for an individual incentive on `on`; `known` when already read
    (circumstances_of), else read through the engineer's related managers."""
    start, end = month_bounds(on.year, on.month)
    return Candidate(
        inside_assessment=assessment_status(
            engineer,
            period_start=start,
            period_end=end,
            assessment_date=end,
            policy=policy,
            absences=known.absences if known else None,
        ).inside,
        probation_passed=engineer.employment_type != EmploymentType.PROBATION
        and (engineer.probation_end is None or engineer.probation_end < on),
        has_special_skill=known.skill_valid_on(on) if known else any(s.valid_on(on) for s in engineer.skills.all()),
        service_years=completed_years(since=engineer.hire_date, on=on),
        rated_excellent=rated_excellent,
        is_crew_leader=known.leads_crew if known else engineer.led_crews.exists(),
    )


def inspections_of(work_order: WorkOrder) -> list[Inspection]:
    return [Inspection(i.get_inspector_role_display(), i.scores()) for i in work_order.inspections.all()]


def crew_members_of(work_order: WorkOrder) -> list[CrewMember]:
    """Days from the work order's participants, percentages from the crew leader's plan."""
    days = {p.engineer_id: p.days_worked for p in work_order.participants.all()}
    plan = work_order.self_assessment.lines.all()
    return [CrewMember(key=line.engineer_id, days=days.get(line.engineer_id, 0), pct=line.pct) for line in plan]
