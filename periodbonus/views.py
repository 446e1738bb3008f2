"""Pages: the rounds (a department manager proposes from the period's ranking), a round (amounts, submit, the
general manager's decision), and the engineer's own bonuses."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.forms import choices_as_values, style_form
from core.roles import Role, has_role, reads_all_pay
from engineers.models import Department

from . import services
from .models import EDITABLE, PeriodKind
from .selectors import lines_of, my_bonus_lines, round_for, rounds_for, waiting_for_general_manager


class ProposeForm(forms.Form):
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("quarter"), choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)], coerce=int, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(manager=user).order_by("code")
        choices_as_values(self.fields["department"])
        style_form(self)


def _last_quarter() -> tuple[int, int]:
    today = timezone.localdate()
    quarter = (today.month - 1) // 3  # the last one over
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def _readers(user) -> bool:
    return reads_all_pay(user) or has_role(user, Role.DEPT_MANAGER)


class RoundListView(LoginRequiredMixin, View):
    def get(self, request):
        if not _readers(request.user):
            return redirect("periodbonus:my")
        year, quarter = _last_quarter()
        form = ProposeForm(user=request.user, initial={"kind": PeriodKind.QUARTER, "year": year, "quarter": quarter})
        return self._render(request, form)

    def post(self, request):
        if not has_role(request.user, Role.DEPT_MANAGER):
            raise PermissionDenied
        form = ProposeForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = services.Period.of(data["kind"], data["year"], data["quarter"])
                bonus_round = services.bonus_round_propose(
                    user=request.user, department=data["department"], period=period
                )
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                form.add_error(next((f for f in exc.fields if f in form.fields), None), str(exc.message))
            else:
                messages.success(request, _("Proposed from the ranking: check the amounts, then submit."))
                return redirect("periodbonus:round", pk=bonus_round.pk)
        return self._render(request, form)

    def _render(self, request, form):
        context = {
            "rounds": rounds_for(request.user),
            "waiting": waiting_for_general_manager(request.user),
            "form": form if form.fields["department"].queryset.exists() else None,
        }
        return render(request, "periodbonus/list.html", context)


class RoundView(LoginRequiredMixin, View):
    def get(self, request, pk):
        bonus_round = round_for(request.user, pk)
        return self._render(request, bonus_round)

    def post(self, request, pk):
        """The manager saves the amounts (and submits, if asked)."""
        bonus_round = round_for(request.user, pk)
        lines = list(lines_of(bonus_round))
        changes, errors = [], {}
        for line in lines:
            raw = request.POST.get(f"amount_{line.engineer_id}", "")
            try:
                amount = Decimal(raw.strip().replace(",", ""))
            except InvalidOperation:
                errors[line.engineer_id] = _("Write an amount in yuan, e.g. 800.00.")
                continue
            changes.append((line.engineer_id, amount, request.POST.get(f"note_{line.engineer_id}", "")))
        if errors:
            return self._render(request, bonus_round, errors=errors, status=400)
        try:
            services.bonus_amounts_set(user=request.user, bonus_round=bonus_round, changes=changes)
            if request.POST.get("submit"):
                services.bonus_round_submit(user=request.user, bonus_round=bonus_round)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            return self._render(request, bonus_round, posted=request.POST, status=400)
        messages.success(
            request,
            _("Submitted: it now waits for the general manager.") if request.POST.get("submit") else _("Saved."),
        )
        return redirect("periodbonus:round", pk=bonus_round.pk)

    def _render(self, request, bonus_round, *, errors=None, posted=None, status=200):
        lines = list(lines_of(bonus_round))
        editable = bonus_round.status in EDITABLE and bonus_round.department.manager_id == request.user.pk
        total = sum((ln.amount for ln in lines), Decimal("0.00"))
        policy = services.bonus_policy(bonus_round.policy_version) if editable else None
        rows = [
            {
                "line": ln,
                "amount": posted.get(f"amount_{ln.engineer_id}", ln.amount) if posted else ln.amount,
                "note": posted.get(f"note_{ln.engineer_id}", ln.note) if posted else ln.note,
                "error": (errors or {}).get(ln.engineer_id),
                "range": services.amount_range(ln, bonus_round, policy) if policy else None,
            }
            for ln in lines
        ]
        context = {
            "round": bonus_round,
            "rows": rows,
            "total": total,
            "editable": editable,
            "decision_refusal": services.decision_refusal(request.user, bonus_round),
            "is_gm": has_role(request.user, Role.GENERAL_MANAGER),
            "history": bonus_round.history.select_related("history_user").order_by("history_date"),
        }
        return render(request, "periodbonus/round.html", context, status=status)


class DecideView(LoginRequiredMixin, View):
    def post(self, request, pk):
        bonus_round = round_for(request.user, pk)
        action = request.POST.get("action", "")
        try:
            services.bonus_round_decide(
                user=request.user, bonus_round=bonus_round, action=action, note=request.POST.get("note", "")
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                {
                    "approve": _("Approved: the bonuses are payable items of the open pay period."),
                    "return": _("Returned to the department manager."),
                    "reject": _("Rejected."),
                }[action],
            )
        return redirect("periodbonus:round", pk=bonus_round.pk)


class MyBonusView(LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "periodbonus/my.html", {"lines": my_bonus_lines(request.user)})
