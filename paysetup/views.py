"""Pages of the pay set-up: the engineer page's pay panel (a fragment it loads), the change history,
and HR's forms. Whoever does not read the engineer's pay gets a 404; a pay reader who is not HR
gets a 403 on a form; the services decide everything else."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from engineers.models import BankAccount
from policies.selectors import contribution_cities

from . import services
from .forms import BankAccountForm, BonusTaxForm, ClaimEndForm, DeductionClaimForm, PaySchemeForm
from .periods import latest_closed_period
from .selectors import (
    deduction_claims_for,
    pay_engineers,
    pay_history,
    pay_schemes_for,
    pay_setup,
    writes_pay_setup,
)

PANEL = "paysetup/_pay_panel.html"


def _back(engineer) -> str:
    return reverse("engineers:detail", args=[engineer.pk]) + "#pay"


class PayPanelView(LoginRequiredMixin, View):
    """The engineer's pay set-up: bare for htmx (the engineer page loads it), in the layout as a link."""

    def get(self, request, pk):
        engineer = get_object_or_404(pay_engineers(request.user), pk=pk)
        context = {"setup": pay_setup(request.user, engineer, timezone.localdate())}
        if request.headers.get("HX-Request"):
            return render(request, PANEL, context)
        return render(request, "paysetup/pay_page.html", context)


class PayHistoryView(LoginRequiredMixin, View):
    def get(self, request, pk):
        engineer = get_object_or_404(pay_engineers(request.user), pk=pk)
        return render(
            request,
            "paysetup/history.html",
            {"engineer": engineer, "entries": pay_history(request.user, engineer, timezone.localdate())},
        )


class _FormView(LoginRequiredMixin, View):
    """One HR form about one engineer: GET shows it, POST calls the service and goes back to the
    engineer's page with what the service noticed, or shows the refusal beside its field."""

    title = ""
    intro = ""
    submit = _("Save")
    danger = False

    def target(self, request, pk):
        """(engineer, the row the form changes or None), scoped to the user's pay readers."""
        return get_object_or_404(pay_engineers(request.user), pk=pk), None

    def make_form(self, engineer, obj, data=None):
        raise NotImplementedError

    def save(self, request, engineer, obj, form) -> services.Saved:
        raise NotImplementedError

    def success_message(self, saved) -> str:
        return str(_("Saved."))

    def _allowed(self, request, pk):
        engineer, obj = self.target(request, pk)
        if not writes_pay_setup(request.user) or engineer.user_id == request.user.pk:
            raise PermissionDenied(_("Only HR clerks change pay set-ups, and never their own."))
        return engineer, obj

    def _render(self, request, engineer, obj, form):
        latest = latest_closed_period()
        return render(
            request,
            "paysetup/form.html",
            {"engineer": engineer, "obj": obj, "form": form, "view": self, "latest_closed": latest},
        )

    def get(self, request, pk):
        engineer, obj = self._allowed(request, pk)
        return self._render(request, engineer, obj, self.make_form(engineer, obj))

    def post(self, request, pk):
        engineer, obj = self._allowed(request, pk)
        form = self.make_form(engineer, obj, request.POST)
        if form.is_valid():
            try:
                saved = self.save(request, engineer, obj, form)
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                form.add_service_errors(exc.fields, exc.message)
            else:
                messages.success(request, self.success_message(saved))
                for note in saved.notes:
                    messages.warning(request, note)
                return redirect(_back(engineer))
        return self._render(request, engineer, obj, form)


class SchemeNewView(_FormView):
    title = _("New pay scheme")
    intro = _(
        "A change of pay is a new scheme from the day it applies; the earlier schemes stay as they were. "
        "A raise from the 16th counts for that whole month."
    )

    def make_form(self, engineer, obj, data=None):
        current = engineer.pay_schemes.order_by("-effective_from").first()
        initial = PaySchemeForm.initial_of(current) if current else {}
        initial["effective_from"] = timezone.localdate().replace(day=1)
        return PaySchemeForm(data, initial=initial, cities=contribution_cities(timezone.localdate()))

    def save(self, request, engineer, obj, form):
        return services.pay_scheme_create(user=request.user, engineer=engineer, data=form.scheme_input())

    def success_message(self, saved):
        return _("New pay scheme from %(day)s saved.") % {"day": saved.obj.effective_from.isoformat()}


class SchemeEditView(_FormView):
    title = _("Correct a pay scheme")
    intro = _("Only a scheme no closed month used can be corrected; otherwise enter a new scheme.")

    def target(self, request, pk):
        scheme = get_object_or_404(pay_schemes_for(request.user), pk=pk)
        return scheme.engineer, scheme

    def make_form(self, engineer, obj, data=None):
        return PaySchemeForm(
            data, initial=PaySchemeForm.initial_of(obj), cities=contribution_cities(timezone.localdate())
        )

    def save(self, request, engineer, obj, form):
        return services.pay_scheme_correct(user=request.user, scheme=obj, data=form.scheme_input())

    def success_message(self, saved):
        return _("The pay scheme from %(day)s was corrected.") % {"day": saved.obj.effective_from.isoformat()}


class _DeleteView(LoginRequiredMixin, View):
    """POST only: delete a row entered by mistake, if the service allows it."""

    def post(self, request, pk):
        obj = get_object_or_404(self.rows(request.user), pk=pk)
        engineer = obj.engineer
        if not writes_pay_setup(request.user) or engineer.user_id == request.user.pk:
            raise PermissionDenied(_("Only HR clerks change pay set-ups, and never their own."))
        try:
            saved = self.remove(request, obj)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Deleted."))
            for note in saved.notes if saved else ():
                messages.warning(request, note)
        return redirect(_back(engineer))


class SchemeDeleteView(_DeleteView):
    def rows(self, user):
        return pay_schemes_for(user)

    def remove(self, request, obj):
        services.pay_scheme_delete(user=request.user, scheme=obj)


class ClaimNewView(_FormView):
    title = _("New special additional deduction")
    intro = _(
        "What the engineer claims per month against income tax (专项附加扣除), within the cap of the tax "
        "rules in force. A claim may start earlier this year: the next close catches the tax up."
    )

    def make_form(self, engineer, obj, data=None):
        return DeductionClaimForm(data, initial={"first_month": timezone.localdate().replace(day=1)})

    def save(self, request, engineer, obj, form):
        return services.deduction_claim_add(user=request.user, engineer=engineer, **form.cleaned_data)

    def success_message(self, saved):
        return _("%(kind)s claimed from %(month)s.") % {
            "kind": saved.obj.get_kind_display(),
            "month": f"{saved.obj.first_month:%Y-%m}",
        }


class ClaimEndView(_FormView):
    title = _("End a special additional deduction")
    submit = _("End the claim")

    def target(self, request, pk):
        claim = get_object_or_404(deduction_claims_for(request.user), pk=pk)
        return claim.engineer, claim

    def make_form(self, engineer, obj, data=None):
        return ClaimEndForm(data, initial={"last_month": obj.last_month or timezone.localdate().replace(day=1)})

    def save(self, request, engineer, obj, form):
        return services.deduction_claim_end(user=request.user, claim=obj, last_month=form.cleaned_data["last_month"])

    def success_message(self, saved):
        return _("%(kind)s is claimed until %(month)s.") % {
            "kind": saved.obj.get_kind_display(),
            "month": f"{saved.obj.last_month:%Y-%m}",
        }


class ClaimDeleteView(_DeleteView):
    def rows(self, user):
        return deduction_claims_for(user)

    def remove(self, request, obj):
        return services.deduction_claim_delete(user=request.user, claim=obj)


class BankAccountView(_FormView):
    title = _("Bank account")
    intro = _("Where the net pay is paid (代发). Only HR and finance see the full number.")

    def make_form(self, engineer, obj, data=None):
        account = BankAccount.objects.filter(engineer=engineer).first()
        initial = (
            {
                "bank_code": account.bank_code,
                "account_no": account.account_no,
                "account_name": account.account_name,
                "branch": account.branch,
            }
            if account
            else {"account_name": engineer.name}
        )
        return BankAccountForm(data, initial=initial)

    def save(self, request, engineer, obj, form):
        return services.bank_account_set(user=request.user, engineer=engineer, **form.cleaned_data)

    def success_message(self, saved):
        return _("Bank account saved: %(bank)s.") % {"bank": saved.obj.get_bank_code_display()}


class BonusTaxView(_FormView):
    title = _("Annual bonus tax")
    intro = _(
        "Whether this year's December annual awards are taxed apart from wages as a one-time annual bonus "
        "(全年一次性奖金单独计税), where the income-tax rules in force allow it. Without a choice they are taxed "
        "with wages."
    )

    def make_form(self, engineer, obj, data=None):
        today = timezone.localdate()
        existing = engineer.bonus_tax_choices.filter(year=today.year).first()
        return BonusTaxForm(
            data, initial={"year": today.year, "separately": "1" if existing is None or existing.separately else "0"}
        )

    def save(self, request, engineer, obj, form):
        return services.bonus_tax_choice_set(user=request.user, engineer=engineer, **form.cleaned_data)

    def success_message(self, saved):
        if saved.obj.separately:
            return _("The %(year)s annual bonus is taxed separately.") % {"year": saved.obj.year}
        return _("The %(year)s annual bonus is taxed with wages.") % {"year": saved.obj.year}
