"""The study-reward document (document "KF-STUDY"): what passing a certification pays, and when a certificate
is "about to expire".

Seed 000 (售后工程师激励机制方案, 培训激励) asks for a 学习奖励 that encourages engineers to learn on their own;
seed 001 (3.2 岗位技能培训提升奖励) rewards staff who take job-skill training *and are certified*. FS-MS-KF-13
names the special skills (电工、焊工、管道工 …) that make an engineer eligible for individual incentives. This
document holds, as a version like any other controlled document:

- a table with a reward amount per certificate kind (the special skill) × level (a special-operation
  certificate 特种作业操作证 without a level, or a vocational skill level 初级工 … 高级技师); 0.00 pays nothing;
- how many days before its expiry a certificate is shown as about to expire (to the engineer and to HR).

`StudyPolicy.from_dict` validates the whole and names the bad path, as the other documents do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .pay_policy import _default, _Document, _head, _mapping, _not_negative
from .policy import _invalid

STUDY_DOCUMENT = "KF-STUDY"
# The codes of engineers' special skills and of the certificate levels (their words: policies.choices).
SKILLS = ("electrician", "welder", "pipefitter", "refrigeration", "work_at_height")
LEVELS = ("operation", "junior", "intermediate", "senior", "technician", "senior_technician")
MAX_WARNING_DAYS = 366


def reward_code(skill: str, level: str) -> str:
    return f"{skill}.{level}"


@dataclass(frozen=True)
class RewardStandard:
    skill: str
    level: str
    amount: Decimal

    @property
    def code(self) -> str:
        return reward_code(self.skill, self.level)


@dataclass(frozen=True)
class StudyPolicy(_Document):
    document_no: str
    version: str
    title: str
    expiry_warning_days: int
    rewards: tuple[RewardStandard, ...]

    def standard(self, skill: str, level: str) -> RewardStandard:
        for r in self.rewards:
            if r.skill == skill and r.level == level:
                return r
        raise _invalid("rewards", f"no reward standard for {reward_code(skill, level)}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "expiry_warning_days": self.expiry_warning_days,
            "rewards": [{"code": r.code, "amount": str(r.amount)} for r in self.rewards],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StudyPolicy:
        data = _mapping(data, "")
        days = data.get("expiry_warning_days")
        if isinstance(days, bool) or not isinstance(days, int | str):
            raise _invalid("expiry_warning_days", "expected a whole number of days", value=repr(days))
        try:
            days = int(days)
        except ValueError:
            raise _invalid("expiry_warning_days", "expected a whole number of days", value=repr(days)) from None
        if not 0 <= days <= MAX_WARNING_DAYS:
            raise _invalid(
                "expiry_warning_days",
                f"must be between 0 and {MAX_WARNING_DAYS}",
                allowed=f"0–{MAX_WARNING_DAYS}",
                value=str(days),
            )
        rows = data.get("rewards")
        if not isinstance(rows, list):
            raise _invalid("rewards", "expected a list of reward standards")
        found: dict[str, RewardStandard] = {}
        for n, row in enumerate(rows):
            path = f"rewards[{n}]"
            row = _mapping(row, path)
            code = str(row.get("code", ""))
            skill, _dot, level = code.partition(".")
            if skill not in SKILLS or level not in LEVELS:
                raise _invalid(f"{path}.code", "expected <skill>.<level>", value=repr(code))
            if code in found:
                raise _invalid(f"{path}.code", "listed twice", value=code)
            amount = _not_negative(row, "amount", path)
            if amount != amount.quantize(Decimal("0.01")):
                raise _invalid(f"{path}.amount", "yuan with at most two decimal places", value=str(amount))
            found[code] = RewardStandard(skill, level, amount)
        missing = [reward_code(s, lv) for s in SKILLS for lv in LEVELS if reward_code(s, lv) not in found]
        if missing:
            raise _invalid("rewards", f"every skill × level needs an amount (0 for none); missing {', '.join(missing)}")
        return cls(
            **_head(data),
            expiry_warning_days=days,
            rewards=tuple(found[reward_code(s, lv)] for s in SKILLS for lv in LEVELS),
        )

    @classmethod
    def load_default(cls) -> StudyPolicy:
        return cls.from_dict(_default("KF-STUDY_A0"))
