"""Trace steps read as sentences with named, formatted values, one language at a time (no database)."""

import pytest
from django.utils import translation

from incentives.policy import Policy
from incentives.rules.awards import seniority_award
from policies.explain import explain_step


def step(rule, inputs, result, **more):
    return {"rule": rule, "inputs": inputs, "result": result, "formula_zh": "公式", "formula_en": "formula", **more}


SENIORITY = step(
    "awards.seniority",
    {"service_years": 5, "per_year": "50.00", "cap": "300.00", "unexcused_absence": False, "safety_incident": False},
    "250.00",
)


def test_the_seniority_award_reads_as_the_installer_would_say_it():
    with translation.override("zh-hans"):
        assert (
            explain_step(SENIORITY)
            == "工龄 5 年 × 50.00 元/年 = 250.00 元(上限 300.00 元);本月无无故缺勤、无安全事故。"
        )
    with translation.override("en"):
        assert explain_step(SENIORITY) == (
            "5 years of service × ¥50.00 a year = ¥250.00 (cap ¥300.00); "
            "no unexcused absence and no safety incident this month."
        )


def test_a_forfeited_award_says_why_and_a_capped_one_says_capped():
    policy = Policy.load_default()
    traced = seniority_award(service_years=3, unexcused_absence=True, safety_incident=True, policy=policy)
    with translation.override("zh-hans"):
        assert explain_step(traced.steps[0]) == "本月不发:本月有无故缺勤、本月发生安全事故。"
        capped = seniority_award(service_years=9, unexcused_absence=False, safety_incident=False, policy=policy)
        assert "按上限" in explain_step(capped.steps[0]) and "300.00 元" in explain_step(capped.steps[0])


def test_money_is_money_and_rates_are_exact():
    trimmed = step(
        "individual.cap",
        {"incentive": "180.00", "monthly_cap": "500.00", "already_awarded": "395.600000000000"},
        "104.400000000000",
    )
    rate = step("individual.amount", {"project_total": "1650.00", "rate": "0.035"}, "57.75")
    with translation.override("zh-hans"):
        assert explain_step(trimmed) == "月度上限 500.00 元,本月已发 395.60 元:由 180.00 元 削减为 104.40 元。"
        assert explain_step(rate) == "个人激励 = 工程计件工资总额 1,650.00 元 × 3.5% = 57.75 元。"


def test_kpi_steps_name_dimensions_and_sources_in_the_readers_language():
    source = step("kpi.source", {"source": "supervisor", "scores": {"attitude": "91.00", "skill": "85"}}, "88")
    with translation.override("zh-hans"):
        assert explain_step(source) == "上级评价:88 分,为工作态度 91、专业技能 85的加权平均。"
    with translation.override("en"):
        assert (
            explain_step(source) == "Supervisor: 88, the weighted average of Work attitude 91, Professional skill 85."
        )


@pytest.mark.parametrize("language, formula", [("zh-hans", "公式 = 12.30 元"), ("en", "formula = ¥12.30")])
def test_an_unknown_rule_falls_back_to_its_formula_in_one_language(language, formula):
    with translation.override(language):
        assert explain_step(step("something.new", {}, "12.3")) == formula


@pytest.mark.parametrize(
    "broken",
    [
        {"rule": "crew.total_score", "inputs": {"averages": ["safety", 90]}, "result": "90", "formula_zh": "总分"},
        {"rule": None, "inputs": None, "result": "1.5"},
        {"rule": "penalty.deduction", "inputs": {"pay_rate": None}, "result": "-20", "formula_zh": "扣款"},
    ],
)
def test_an_old_or_odd_trace_falls_back_and_never_breaks_the_page(broken):
    with translation.override("zh-hans"):
        text = explain_step(broken)
    assert "None" not in text and "元" in text
