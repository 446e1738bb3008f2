"""Scoped reads: who sees which bonus rounds and lines. Outside a reader's scope a round is a 404.

- HR, finance and general managers read every round (they read all pay);
- a department manager reads the rounds of the departments they manage;
- an engineer reads only their own lines of approved rounds (`my_bonus_lines`), never a round."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from core.roles import Role, has_role, reads_all_pay

from .models import BonusLine, BonusRound, RoundStatus


def rounds_for(user) -> QuerySet[BonusRound]:
    rounds = BonusRound.objects.select_related("department", "proposed_by", "decided_by", "paid_period")
    if reads_all_pay(user):
        return rounds
    if has_role(user, Role.DEPT_MANAGER):
        return rounds.filter(department__manager=user)
    return rounds.none()


def round_for(user, pk: int) -> BonusRound:
    found = rounds_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def lines_of(bonus_round: BonusRound) -> QuerySet[BonusLine]:
    return bonus_round.lines.select_related("engineer").order_by("rank", "engineer__employee_no")


def waiting_for_general_manager(user) -> QuerySet[BonusRound]:
    """Submitted rounds this general manager may decide (not their own proposal)."""
    if not has_role(user, Role.GENERAL_MANAGER):
        return BonusRound.objects.none()
    return rounds_for(user).filter(status=RoundStatus.SUBMITTED).exclude(proposed_by=user)


def my_bonus_lines(user) -> QuerySet[BonusLine]:
    """The signed-in engineer's own lines of approved rounds (every other reader: nothing here)."""
    if not user.is_authenticated:
        return BonusLine.objects.none()
    return (
        BonusLine.objects.filter(engineer__user=user, round__status=RoundStatus.APPROVED)
        .select_related("round", "round__department", "round__paid_period")
        .order_by("-round__year", "-round__quarter")
    )
