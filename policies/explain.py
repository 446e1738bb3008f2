"""Trace steps as sentences an installer can read, in the reader's language, values named and formatted.

The engine records each step's rule code, inputs and result (as text); this turns one step into
"工龄 5 年 × 50.00 元/年 = 250.00 元(上限 300.00 元);本月无无故缺勤、无安全事故". A rule with no
sentence here falls back to its formula in the reader's language and the formatted result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from .choices import (
    AnnualAward,
    AwardKind,
    CertificateLevel,
    CrewCategory,
    KpiDimension,
    ScoreSource,
    Skill,
    label_of,
)

Inputs = Mapping[str, Any]
logger = logging.getLogger(__name__)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    text = str(value).lstrip("≈").strip()
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def money(value: Any) -> str:
    """250.00 元 / ¥250.00: two places, thousands separated, whatever precision the trace kept."""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    text = f"{amount.quantize(Decimal('0.01')):,.2f}"
    return pgettext("money", "¥%(amount)s") % {"amount": text}


def percent(value: Any) -> str:
    """0.035 → 3.5%: exact, never rounded to a whole percent."""
    ratio = _decimal(value)
    if ratio is None:
        return str(value)
    return f"{(ratio * 100).normalize():f}%"


def number(value: Any) -> str:
    """5 / 2.5 / 91.25: the value without trailing zeros (≈ kept for a value that never ends)."""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if str(value).startswith("≈"):  # an exact value that never ends: two places are enough to read
        return f"≈{amount.quantize(Decimal('0.01')):f}"
    return f"{amount.normalize():f}"


def _listing(pairs) -> str:
    return _(", ").join(f"{name} {value}" for name, value in pairs)


def _piece_rate_month(i: Inputs, result) -> str:
    n = len(i.get("orders", []))
    return ngettext(
        "Your share of %(n)d work order completed this month: %(result)s.",
        "Your shares of %(n)d work orders completed this month add up to %(result)s.",
        n,
    ) % {"n": n, "result": money(result)}


def _piece_rate_total(i: Inputs, result) -> str:
    lines = _listing(
        (line["item"], f"{number(line['quantity'])} × {money(line['unit_rate'])} = {money(line['amount'])}")
        for line in i.get("lines", [])
    )
    return _("The work order's piece-rate total is %(result)s: %(lines)s.") % {"result": money(result), "lines": lines}


def _piece_rate_share(i: Inputs, result) -> str:
    values = {"total": money(i["total"]), "w": number(i["weight"]), "sum": number(i["weight_sum"])}
    if i.get("basis") == "split_pct":
        text = _("Piece-rate total %(total)s × your split %(w)s%% ÷ 100%%") % values
    else:
        text = _("Piece-rate total %(total)s × your %(w)s days ÷ the crew's %(sum)s days") % values
    return _("%(formula)s = %(result)s (shares rounded to the fen so that they add up exactly).") % {
        "formula": text,
        "result": money(result),
    }


def _crew_total_score(i: Inputs, result) -> str:
    averages = _listing((label_of(CrewCategory, c), number(v)) for c, v in i.get("averages", {}).items())
    return _("Inspection score %(result)s: the average of %(averages)s (each averaged over the inspectors).") % {
        "result": number(result),
        "averages": averages,
    }


def _crew_pool(i: Inputs, result) -> str:
    return _("Crew pool = score %(score)s ÷ 100 × piece-rate total %(total)s × requested %(ratio)s = %(result)s.") % {
        "score": number(i["total_score"]),
        "total": money(i["project_total"]),
        "ratio": percent(i["ratio"]),
        "result": money(result),
    }


def _crew_share(i: Inputs, result) -> str:
    return _(
        "Your share = pool %(pool)s × (your %(days)s days × %(pct)s%%) ÷ the crew's total %(sum)s = %(result)s "
        "(rounded to the fen so that the shares add up to the pool)."
    ) % {
        "pool": money(i["pool"]),
        "days": number(i["days"]),
        "pct": number(i["pct"]),
        "sum": number(i["weight_sum"]),
        "result": money(result),
    }


def _individual_amount(i: Inputs, result) -> str:
    return _("Individual incentive = project piece-rate total %(total)s × %(rate)s = %(result)s.") % {
        "total": money(i["project_total"]),
        "rate": percent(i["rate"]),
        "result": money(result),
    }


def _individual_cap(i: Inputs, result) -> str:
    values = {
        "cap": money(i["monthly_cap"]),
        "already": money(i["already_awarded"]),
        "asked": money(i["incentive"]),
        "result": money(result),
    }
    if _decimal(result) < _decimal(i["incentive"]):
        return (
            _("Monthly cap %(cap)s, already awarded this month %(already)s: trimmed from %(asked)s to %(result)s.")
            % values
        )
    return _("Within the monthly cap of %(cap)s (already awarded this month %(already)s): paid in full.") % values


def _training(i: Inputs, result) -> str:
    return _("Paid training = %(days)s days × %(rate)s a day = %(result)s.") % {
        "days": number(i["days"]),
        "rate": money(i["day_rate"]),
        "result": money(result),
    }


def _study_reward(i: Inputs, result) -> str:
    return _("Study reward for passing the certificate %(skill)s · %(level)s: the standard is %(result)s.") % {
        "skill": label_of(Skill, str(i["skill"])),
        "level": label_of(CertificateLevel, str(i["level"])),
        "result": money(result),
    }


def _seniority(i: Inputs, result) -> str:
    years, per_year, cap = int(i["service_years"]), _decimal(i["per_year"]), _decimal(i["cap"])
    reasons = []
    if i.get("unexcused_absence"):
        reasons.append(_("an unexcused absence this month"))
    if i.get("safety_incident"):
        reasons.append(_("a safety incident this month"))
    values = {"years": years, "per_year": money(per_year), "cap": money(cap), "result": money(result)}
    if reasons:
        return _("Not paid this month: %(why)s.") % {"why": _(", ").join(reasons)}
    formula = ngettext(
        "%(years)d year of service × %(per_year)s a year = %(result)s (cap %(cap)s)",
        "%(years)d years of service × %(per_year)s a year = %(result)s (cap %(cap)s)",
        years,
    )
    if per_year * years > cap:
        formula = ngettext(
            "%(years)d year of service × %(per_year)s a year, capped at %(cap)s = %(result)s",
            "%(years)d years of service × %(per_year)s a year, capped at %(cap)s = %(result)s",
            years,
        )
    return (formula % values) + _("; no unexcused absence and no safety incident this month.")


def _annual(kind: str) -> Callable[[Inputs, Any], str]:
    def explain(i: Inputs, result) -> str:
        award = label_of(AnnualAward, kind)
        if i.get("disqualified"):
            return _("%(award)s: not paid, disqualified this year.") % {"award": award}
        return _("%(award)s: full-year amount %(full)s × %(months)s months employed ÷ 12 = %(result)s.") % {
            "award": award,
            "full": money(i["full_amount"]),
            "months": i["months"],
            "result": money(result),
        }

    return explain


def _kpi_source(i: Inputs, result) -> str:
    scores = _listing((label_of(KpiDimension, d), number(v)) for d, v in i.get("scores", {}).items())
    return _("%(source)s: %(result)s, the weighted average of %(scores)s.") % {
        "source": label_of(ScoreSource, i.get("source", "")),
        "result": number(result),
        "scores": scores,
    }


def _kpi_score(i: Inputs, result) -> str:
    sources = _listing((label_of(ScoreSource, s), number(v)) for s, v in i.get("source_scores", {}).items())
    return _("Monthly score %(result)s from %(sources)s (weighted): band %(band)s, coefficient %(coef)s.") % {
        "result": number(result),
        "sources": sources,
        "band": i.get("band", ""),
        "coef": number(i.get("coefficient", "")),
    }


def _kpi_pay(i: Inputs, result) -> str:
    return _("Performance pay = base %(base)s × band %(band)s coefficient %(coef)s = %(result)s.") % {
        "base": money(i["base"]),
        "band": i["band"],
        "coef": number(i["coefficient"]),
        "result": money(result),
    }


def _kpi_pay_missing(i: Inputs, result) -> str:
    if i.get("why") == "not_submitted":
        return _("This month's KPI scorecard was not submitted, so no performance pay is included.")
    return _("There is no KPI scorecard this month, so no performance pay is included.")


def _honour(i: Inputs, result) -> str:
    values = {"honour": label_of(AwardKind, i.get("kind", "")), "amount": money(i["amount"]), "result": money(result)}
    if i.get("basis") == "per_team":
        values["n"] = int(i.get("recipients", 1))
        return (
            ngettext(
                "%(honour)s: %(amount)s for the team of %(n)d: %(result)s each.",
                "%(honour)s: %(amount)s shared by the team of %(n)d: %(result)s each "
                "(rounded to the fen so that the shares add up).",
                values["n"],
            )
            % values
        )
    return _("%(honour)s: %(result)s.") % values


def _deduction(i: Inputs, result) -> str:
    reason = i.get("reason") or _("a penalty")
    if i.get("pay_rate") not in (None, ""):
        if "month_pay" in i:
            return _("Deduction for %(reason)s: %(rate)s of this month's pay %(pay)s = %(result)s.") % {
                "reason": reason,
                "rate": percent(i["pay_rate"]),
                "pay": money(i["month_pay"]),
                "result": money(result),
            }
        return _("Deduction for %(reason)s: %(rate)s of the month's pay, computed at the close.") % {
            "reason": reason,
            "rate": percent(i["pay_rate"]),
        }
    if i.get("fixed_amount") in (None, ""):
        raise ValueError("a fixed deduction without its amount")
    return _("Deduction for %(reason)s: %(amount)s.") % {"reason": reason, "amount": money(i["fixed_amount"])}


def _deduction_limit(i: Inputs, result) -> str:
    values = {
        "rate": percent(i["max_rate"]),
        "limit": money(i["limit"]),
        "already": money(i["already_deducted"]),
        "result": money(result),
    }
    return (
        _(
            "Deductions may take at most %(rate)s of the month's pay (%(limit)s); %(already)s was deducted "
            "before: %(result)s is deducted."
        )
        % values
    )


def _adjustment(i: Inputs, result) -> str:
    return _("Correction of %(result)s entered by HR (%(who)s): %(reason)s.") % {
        "result": money(result),
        "who": i.get("entered_by", ""),
        "reason": i.get("reason", ""),
    }


def _exact_money(value: Any) -> str:
    """An intermediate rate (a day's or an hour's wage) to four places when it never ends, so the
    sentence's product still matches the rounded result: ≈¥36.2069, not ¥36.21."""
    amount = _decimal(value)
    if amount is None or amount == amount.quantize(Decimal("0.01")):
        return money(value)
    return "≈" + pgettext("money", "¥%(amount)s") % {"amount": f"{amount.quantize(Decimal('0.0001')):,f}"}


def _abs_money(value: Any) -> str:
    amount = _decimal(value)
    return money(amount.copy_abs() if amount is not None else value)


def _fixed_wage(i: Inputs, result) -> str:
    parts = []
    monthly, days = _decimal(i["monthly"]), _decimal(i["standard_paid_days"])
    if i.get("on_probation"):
        parts.append(
            _("On probation: %(amount)s × %(rate)s = %(monthly)s a month.")
            % {"amount": money(i["amount"]), "rate": percent(i["probation_rate"]), "monthly": money(monthly)}
        )
    daily = monthly / days
    sick = _decimal(i.get("sick_leave_days", 0)) or Decimal(0)
    sick_rate = _decimal(i.get("sick_leave_pay_rate", 1))
    if "unpaid_absence_days" in i:
        unpaid = (_decimal(i["unpaid_absence_days"]) or Decimal(0)) + sick * (1 - sick_rate)
        if unpaid:
            parts.append(
                _(
                    "A day's wage is %(monthly)s ÷ %(days)s = %(daily)s; %(unpaid)s days unpaid (absence, and sick "
                    "days paid at %(sick_rate)s) are deducted: %(result)s."
                )
                % {
                    "monthly": money(monthly),
                    "days": number(days),
                    "daily": _exact_money(daily),
                    "unpaid": number(unpaid),
                    "sick_rate": percent(sick_rate),
                    "result": money(result),
                }
            )
        else:
            parts.append(_("A full month: %(result)s.") % {"result": money(result)})
    else:
        paid = _decimal(i["days_worked"]) + _decimal(i["paid_leave_days"]) + sick * sick_rate
        parts.append(
            _(
                "Joined or left this month: a day's wage %(monthly)s ÷ %(days)s = %(daily)s × %(paid)s days paid "
                "= %(result)s (at most the month's wage)."
            )
            % {
                "monthly": money(monthly),
                "days": number(days),
                "daily": _exact_money(daily),
                "paid": number(paid),
                "result": money(result),
            }
        )
    return " ".join(parts)


def _meal_allowance(i: Inputs, result) -> str:
    return _("%(per_day)s a day × %(days)s days worked = %(result)s.") % {
        "per_day": money(i["per_day"]),
        "days": number(i["days_worked"]),
        "result": money(result),
    }


def _overtime(i: Inputs, result) -> str:
    return _(
        "An hour's wage is %(monthly)s ÷ %(days)s days ÷ %(hours_per_day)s hours = %(hourly)s; "
        "%(hours)s hours × %(hourly)s × %(multiplier)s = %(result)s."
    ) % {
        "monthly": money(i["monthly"]),
        "days": number(i["standard_paid_days"]),
        "hours_per_day": number(i["hours_per_day"]),
        "hourly": _exact_money(i["hourly"]),
        "hours": number(i["hours"]),
        "multiplier": percent(i["multiplier"]),
        "result": money(result),
    }


def _contribution(i: Inputs, result) -> str:
    return _("Base %(base)s (declared %(declared)s, %(city)s's limits %(low)s–%(high)s) × %(rate)s = %(result)s.") % {
        "base": money(i["base"]),
        "declared": money(i["declared_base"]),
        "city": i.get("city", ""),
        "low": money(i["base_low"]),
        "high": money(i["base_high"]),
        "rate": percent(i["rate"]),
        "result": _abs_money(result),
    }


def _additional_deductions(i: Inputs, result) -> str:
    from .choices import AdditionalDeduction

    claims = _listing(
        (
            label_of(AdditionalDeduction, kind),
            _("%(amount)s a month × %(months)s months")
            % {"amount": money(min(_decimal(a), _decimal(cap))), "months": n},
        )
        for kind, a, cap, n in i.get("claims", [])
    )
    return _("Special additional deductions this year: %(claims)s; %(result)s in all.") % {
        "claims": claims or _("none"),
        "result": money(result),
    }


def _wage_tax(i: Inputs, result) -> str:
    return _(
        "Income this year %(income)s − basic deduction %(basic)s (%(months)s months) − social insurance and housing "
        "fund %(contributions)s − special additional deductions %(additional)s = taxable %(taxable)s; "
        "× %(rate)s − quick deduction %(quick)s = tax this year %(tax)s; less %(withheld)s withheld before: "
        "%(result)s this month."
    ) % {
        "income": money(i["income_to_date"]),
        "basic": money(i["basic_deduction"]),
        "months": i["months"],
        "contributions": money(i["contributions_to_date"]),
        "additional": money(i["additional_to_date"]),
        "taxable": money(i["taxable_to_date"]),
        "rate": percent(i["rate"]),
        "quick": money(i["quick_deduction"]),
        "tax": money(i["tax_to_date"]),
        "withheld": money(i["withheld_before"]),
        "result": _abs_money(result),
    }


def _bonus_tax(i: Inputs, result) -> str:
    return _(
        "Annual bonus %(bonus)s taxed apart: %(bonus)s ÷ 12 = %(monthly)s sets the rate %(rate)s; "
        "%(bonus)s × %(rate)s − quick deduction %(quick)s = %(result)s."
    ) % {
        "bonus": money(i["bonus"]),
        "monthly": money(i["monthly"]),
        "rate": percent(i["rate"]),
        "quick": money(i["quick_deduction"]),
        "result": _abs_money(result),
    }


EXPLAINERS: dict[str, Callable[[Inputs, Any], str]] = {
    "wages.base_wage": _fixed_wage,
    "wages.post_wage": _fixed_wage,
    "wages.meal_allowance": _meal_allowance,
    "wages.overtime.weekday": _overtime,
    "wages.overtime.rest_day": _overtime,
    "wages.overtime.holiday": _overtime,
    "tax.additional_deductions": _additional_deductions,
    "tax.wages": _wage_tax,
    "tax.annual_bonus": _bonus_tax,
    "piece_rate.month": _piece_rate_month,
    "piece_rate.total": _piece_rate_total,
    "piece_rate.share": _piece_rate_share,
    "crew.total_score": _crew_total_score,
    "crew.pool": _crew_pool,
    "crew.share": _crew_share,
    "individual.amount": _individual_amount,
    "individual.cap": _individual_cap,
    "training.pay": _training,
    "training.study_reward": _study_reward,
    "awards.seniority": _seniority,
    "awards.annual_safety": _annual("safety"),
    "awards.annual_quality": _annual("quality"),
    "kpi.source": _kpi_source,
    "kpi.score": _kpi_score,
    "kpi.performance_pay": _kpi_pay,
    "kpi.performance_pay_missing": _kpi_pay_missing,
    "penalty.deduction": _deduction,
    "penalty.limit": _deduction_limit,
    "adjustment": _adjustment,
}


def _period_bonus(i: Inputs, result) -> str:
    """The quarterly and year-end bonus (document KF-BONUS): mean, band, not eligible, the manager's change."""
    if "months" in i:
        months = pgettext("list separator", ", ").join(
            f"{pgettext('month of a period', 'M%(m)s') % {'m': m}} {score}" for m, score in i["months"].items()
        )
        return _("Mean of the submitted months (%(months)s): %(mean)s points.") % {"months": months, "mean": result}
    if "band" in i:
        return _("Band %(band)s (a mean of %(floor)s or more): standard amount %(amount)s.") % {
            "band": i["band"],
            "floor": i["min_score"],
            "amount": money(result),
        }
    if "low" in i:
        return _("Changed by the department manager within %(low)s–%(high)s: %(result)s.") % {
            "low": money(i["low"]),
            "high": money(i["high"]),
            "result": money(result),
        }
    reasons = {
        "outside_assessment": _("outside assessment at the period's end"),
        "too_few_months": _("too few submitted months"),
    }
    return _("Not paid: %(reason)s.") % {"reason": reasons.get(i.get("reason", ""), i.get("reason", ""))}


# rule families whose codes name a kind
PREFIXES = {"honour": _honour, "contributions": _contribution, "period_bonus": _period_bonus}


def explain_step(step) -> str:
    """One step (a trace's dict, or the engine's Step) as one sentence in the active language.

    A step this module cannot word (an older trace, an input missing) falls back to its formula."""
    if not isinstance(step, Mapping):
        step = step.as_dict()
    rule = str(step.get("rule") or "")
    explainer = EXPLAINERS.get(rule) or PREFIXES.get(rule.split(".", 1)[0])
    if explainer is not None:
        try:
            return explainer(step.get("inputs") or {}, step.get("result"))
        except Exception:  # never let a payslip fail to show over one sentence
            logger.warning("no sentence for trace step %s", rule, exc_info=True)
    zh = (get_language() or "zh-hans").startswith("zh")
    formula = step.get("formula_zh" if zh else "formula_en") or step.get("formula_zh") or step.get("formula_en")
    return f"{formula} = {money(step.get('result'))}" if formula else money(step.get("result"))
