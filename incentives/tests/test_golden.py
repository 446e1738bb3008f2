"""Golden cases from golden/cases.json: input → expected amounts, readable by the business."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from incentives.rules.awards import annual_award, seniority_award
from incentives.rules.commission import tiered_commission
from incentives.rules.crew import CrewMember, Inspection, crew_incentive
from incentives.rules.honours import honour_award
from incentives.rules.individual import Candidate, eligibility, individual_incentive, paid_training
from incentives.rules.kpi import performance_pay, scorecard
from incentives.rules.penalties import penalty

CASES = json.loads((Path(__file__).parent / "golden" / "cases.json").read_text(encoding="utf-8"))
D = Decimal


def run_crew(i, policy):
    names = [m["name"] for m in i["members"]]
    result = crew_incentive(
        inspections=[
            Inspection(x["inspector"], {k: D(v) for k, v in x.items() if k != "inspector"}) for x in i["inspections"]
        ],
        project_total=D(i["project_total"]),
        ratio=D(i["ratio"]),
        members=[CrewMember(n, D(m["days"]), D(m["pct"])) for n, m in enumerate(i["members"])],
        policy=policy,
    )
    out = {"total_score": str(result.total_score.normalize()), "pool": str(result.pool.amount)}
    out.update({names[k]: str(t.amount) for k, t in result.shares.items()})
    return out


def run_individual(i, policy):
    ok = eligibility(Candidate(True, True, True, 5, True), policy)
    traced = individual_incentive(
        project_total=D(i["project_total"]),
        rate=D(i["rate"]),
        already_awarded=D(i["already_awarded"]),
        eligible=ok,
        policy=policy,
    )
    return {"amount": str(traced.amount)}


def run_kpi(i, policy):
    result = scorecard(scores={s: {d: D(v) for d, v in dims.items()} for s, dims in i["scores"].items()}, policy=policy)
    pay = performance_pay(result=result, base=D(i["base"]), policy=policy)
    return {"score": str(result.score), "band": result.band.code, "performance_pay": str(pay.amount)}


RUNNERS = {
    "crew": run_crew,
    "individual": run_individual,
    "kpi": run_kpi,
    "training": lambda i, p: {"amount": str(paid_training(days=D(i["days"]), policy=p).amount)},
    "seniority": lambda i, p: {"amount": str(seniority_award(policy=p, **i).amount)},
    "annual": lambda i, p: {"amount": str(annual_award(policy=p, **i).amount)},
    "honour": lambda i, p: {str(k): str(t.amount) for k, t in honour_award(policy=p, **i).items()},
    "penalty": lambda i, p: {
        "amount": str(penalty(kind=i["kind"], month_pay=D(i["month_pay"]), pay_rate=D(i["pay_rate"]), policy=p).amount)
    },
    "commission": lambda i, p: {
        "commission": str((r := tiered_commission(volume=D(i["volume"]), policy=p)).commission.amount),
        "base": str(r.base),
    },
}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case, policy):
    assert RUNNERS[case["rule"]](case["inputs"], policy) == case["expected"]
