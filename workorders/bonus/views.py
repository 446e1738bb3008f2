"""Pages of the FS-MS-KF-13 workflows. Views parse and check, services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from core.errors import DomainError, PermissionDeniedError
from core.live_pages import kept_live
from core.pagination import KeptPage
from core.roles import Role, has_role
from core.templatetags.money import yuan
from engineers.selectors import reads_pay_of
from workorders.models import BonusKind, BonusRequest, InspectorRole, RequestStatus
from workorders.selectors import visible_work_orders

from . import services
from .forms import CrewRatioForm, IndividualForm, InspectionForm, SelfAssessmentForm, TrainingForm
from .inbox_html import inbox_rows_html
from .quotes import approval_quote, inbox_quotes
from .selectors import (
    BONUS_PROPOSERS,
    crew_work_needing,
    inbox,
    listed_before_on_the_cap,
    reads_work_order_amounts,
    shown_share_engineers,
    visible_amount,
    visible_payable_items,
    visible_requests,
)
from .workflow import ACTIONS, available_actions


def _fail(form, exc: DomainError) -> None:
    """Show a domain error beside its field, or above the form."""
    field = next((f for f in exc.fields if f in form.fields), None)
    form.add_error(field, str(exc.message))


def _work_order(request, pk):
    # Scoped: a work order the user cannot see is a 404.
    return get_object_or_404(visible_work_orders(request.user).select_related("department", "crew__leader"), pk=pk)


class RequestListView(LoginRequiredMixin, ListView):
    template_name = "bonus/request_list.html"
    paginate_by = 25

    def get_queryset(self):
        qs = visible_requests(self.request.user)
        status, kind = self.request.GET.get("status"), self.request.GET.get("kind")
        if status in RequestStatus.values:
            qs = qs.filter(status=status)
        if kind in BonusKind.values:
            qs = qs.filter(kind=kind)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(statuses=RequestStatus.choices, kinds=BonusKind.choices, **kwargs)
        context["rows"] = [(r, visible_amount(self.request.user, r)) for r in context["object_list"]]
        return context


BULK_REPORT = "bonus_bulk_report"  # session key: the last bulk approval's outcomes, shown once


# A page of the inbox at a time: a general manager's inbox holds every department's reviewed crew
# requests, and each row is quoted through the approval's own code.
INBOX_PAGE_SIZE = 20


class InboxView(LoginRequiredMixin, View):
    def get(self, request):
        computed = kept_live(request.user, ("bonus-inbox", request.GET.get("page")), lambda: _inbox(request))
        return render(request, "bonus/inbox.html", {**computed, "report": request.session.pop(BULK_REPORT, None)})


def _inbox(request) -> dict:
    """The inbox's part read from the database, as plain values (core/live_pages.py keeps it)."""
    user = request.user
    page = Paginator(inbox(user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = list(page.object_list)
    may_bulk = has_role(user, Role.DEPT_MANAGER)
    earlier = listed_before_on_the_cap(user, waiting) if page.number > 1 else []
    quotes = inbox_quotes(user, waiting, on=timezone.localdate(), earlier=earlier)
    rows = [
        {"r": r, "quote": q, "selectable": may_bulk and _bulk_selectable(r, q)}
        for r, q in zip(waiting, quotes, strict=True)
    ]
    crew_work = crew_work_needing(user)
    # Most readers have none: an empty queryset still builds its SQL before it finds out (~0.4 ms).
    crew_work = [] if crew_work.query.is_empty() else list(crew_work.select_related("crew")[:50])
    bulk = may_bulk and any(r.status == RequestStatus.SUBMITTED and r.kind != BonusKind.CREW for r in waiting)
    return {
        "has_rows": bool(rows),
        "page_obj": KeptPage.of(page),
        "rows_html": inbox_rows_html(rows, bulk),
        "bulk": bulk,
        "crew_work": [(wo.pk, wo.number, str(wo.crew or ""), wo.customer_name) for wo in crew_work],
    }


def _bulk_selectable(bonus: BonusRequest, quote) -> bool:
    """Bulk approval takes submitted individual incentives and paid training that approval would not refuse."""
    waiting = bonus.status == RequestStatus.SUBMITTED and bonus.kind != BonusKind.CREW
    return waiting and not (quote is not None and quote.refusal)


class BulkApproveView(LoginRequiredMixin, View):
    """A department manager approves several submitted requests at once, one by one in the order the
    inbox lists them (oldest first); each is its own transaction, so one refusal does not undo the
    others. Each outcome is reported with its amount; one that would pay ¥0.00 needs its own tick."""

    def post(self, request):
        if not has_role(request.user, Role.DEPT_MANAGER):
            raise PermissionDenied
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if not ids:
            messages.error(request, _("Select the requests to approve."))
            return redirect("bonus:inbox")
        confirmed = {int(i) for i in request.POST.getlist("confirm_zero") if i.isdigit()}
        decisions = services.bonus_requests_approve(
            user=request.user, requests=visible_requests(request.user).filter(pk__in=ids), confirm_zero=confirmed
        )
        report = [_reported(d.request, approved=d.approved, amount=d.amount, refusal=d.refusal) for d in decisions]
        found = {d.request.pk for d in decisions}
        report += [
            {"id": pk, "what": "", "approved": False, "amount": None, "refusal": _("No such request waits for you.")}
            for pk in ids
            if pk not in found
        ]
        request.session[BULK_REPORT] = report
        approved = sum(d.approved for d in decisions)
        summary = _("%(n)d of %(total)d selected requests approved, one by one in the order listed.") % {
            "n": approved,
            "total": len(report),
        }
        (messages.success if approved == len(report) else messages.warning)(request, summary)
        return redirect("bonus:inbox")


def _reported(bonus: BonusRequest, *, approved: bool, amount, refusal: str) -> dict:
    """One line of the bulk report, kept in the session until the inbox shows it (strings only)."""
    who = bonus.engineer.name if bonus.engineer else str(bonus.work_order.crew or "")
    return {
        "id": bonus.pk,
        "what": f"{bonus.get_kind_display()} · {bonus.work_order.number} · {who}",
        "approved": approved,
        "amount": None if amount is None else str(amount),
        "refusal": refusal,
    }


class ProposeView(LoginRequiredMixin, View):
    """Propose an individual incentive or paid training on a special work order."""

    def _setup(self, request, pk, kind):
        if kind not in (BonusKind.INDIVIDUAL, BonusKind.TRAINING):
            raise Http404
        allowed = (Role.QS_OFFICER, Role.SUPERVISOR) if kind == BonusKind.INDIVIDUAL else (Role.SUPERVISOR,)
        if not has_role(request.user, *allowed):
            raise PermissionDenied
        return _work_order(request, pk), IndividualForm if kind == BonusKind.INDIVIDUAL else TrainingForm

    def get(self, request, pk, kind):
        wo, form_class = self._setup(request, pk, kind)
        return self._render(request, wo, kind, form_class(work_order=wo))

    def post(self, request, pk, kind):
        wo, form_class = self._setup(request, pk, kind)
        form = form_class(request.POST, work_order=wo)
        if form.is_valid():
            try:
                bonus = services.bonus_request_propose(user=request.user, kind=kind, work_order=wo, **form.cleaned_data)
            except DomainError as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("Request saved as a draft: apply it when ready."))
                return redirect(bonus)
        return self._render(request, wo, kind, form)

    def _render(self, request, wo, kind, form):
        return render(request, "bonus/propose.html", {"wo": wo, "kind": kind, "form": form})


class IndividualPreviewView(LoginRequiredMixin, View):
    """htmx: eligibility, amount and cap headroom while the proposer types."""

    def get(self, request, pk):
        wo = _work_order(request, pk)
        engineer = (
            wo.participants.select_related("engineer__department")
            .filter(engineer_id=request.GET.get("engineer") or 0)
            .first()
        )
        # Eligibility, what was awarded and the headroom are the engineer's pay: for the
        # proposers and those who read that engineer's pay; anyone else gets a 404.
        if engineer and not (has_role(request.user, *BONUS_PROPOSERS) or reads_pay_of(request.user, engineer.engineer)):
            raise Http404
        context = {"wo": wo}
        if engineer:
            try:
                rate = Decimal(request.GET.get("rate") or "") / 100
            except InvalidOperation:
                rate = None
            try:
                context["preview"] = services.individual_preview(
                    work_order=wo,
                    engineer=engineer.engineer,
                    rate=rate,
                    rated_excellent=request.GET.get("rated_excellent") in ("on", "true"),
                    on=timezone.localdate(),
                )
            except DomainError as exc:
                context["error"] = exc.message
        return render(request, "bonus/_individual_preview.html", context)


class RequestDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        bonus = get_object_or_404(visible_requests(request.user), pk=pk)
        context = {
            "bonus": bonus,
            "amount": visible_amount(request.user, bonus),
            "actions": available_actions(request.user, bonus),
            "timeline": bonus.transitions.select_related("actor"),
            "items": visible_payable_items(request.user, bonus),
            "can_edit": bonus.status in (RequestStatus.DRAFT, RequestStatus.RETURNED)
            and (request.user.pk == bonus.proposed_by_id or has_role(request.user, Role.SUPERVISOR)),
        }
        codes = {a.code for a in context["actions"]}
        if codes & {"approve", "review"}:  # the decider reads what approval would pay before deciding
            context["quote"] = approval_quote(request.user, bonus, on=timezone.localdate())
            context["confirms_zero"] = "approve" in codes
        if bonus.status != RequestStatus.APPROVED and reads_work_order_amounts(request.user, bonus.work_order):
            context["preview"] = _safe_preview(bonus)
            context["reads_pool"] = True  # the crew preview's pool: these readers read every share
            if bonus.kind == BonusKind.CREW:
                context["share_rows"] = share_rows(bonus.work_order, context["preview"], request.user)
        return render(request, "bonus/request_detail.html", context)


def _safe_preview(bonus: BonusRequest):
    """What the request would pay if approved today, or the reason it cannot."""
    today = timezone.localdate()
    try:
        if bonus.kind == BonusKind.INDIVIDUAL:
            return services.individual_preview(
                work_order=bonus.work_order,
                engineer=bonus.engineer,
                rate=bonus.rate,
                rated_excellent=bonus.rated_excellent,
                on=today,
            )
        if bonus.kind == BonusKind.CREW:
            return services.crew_preview(work_order=bonus.work_order, ratio=bonus.ratio, on=today)
    except DomainError as exc:
        return {"error": exc.message}
    return None


class TransitionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        bonus = get_object_or_404(visible_requests(request.user), pk=pk)
        action = request.POST.get("action", "")
        try:
            done = services.bonus_request_transition(
                user=request.user,
                request=bonus,
                action=action,
                reason=request.POST.get("reason", ""),
                confirm_zero=request.POST.get("confirm_zero") == "1",
            )
        except PermissionDeniedError as exc:
            messages.error(request, exc.message)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if action == "approve":
                messages.success(request, _("Approved: pays %(amount)s.") % {"amount": yuan(done.amount)})
            else:
                messages.success(request, _("%(action)s: done.") % {"action": ACTIONS[action].label})
        return redirect(bonus)


class EditView(LoginRequiredMixin, View):
    def _setup(self, request, pk):
        bonus = get_object_or_404(visible_requests(request.user).exclude(kind=BonusKind.CREW), pk=pk)
        form_class = IndividualForm if bonus.kind == BonusKind.INDIVIDUAL else TrainingForm
        return bonus, form_class

    def get(self, request, pk):
        bonus, form_class = self._setup(request, pk)
        initial = {f: getattr(bonus, f) for f in form_class.base_fields}
        form = form_class(initial=initial, work_order=bonus.work_order)
        return render(
            request, "bonus/propose.html", {"wo": bonus.work_order, "kind": bonus.kind, "form": form, "bonus": bonus}
        )

    def post(self, request, pk):
        bonus, form_class = self._setup(request, pk)
        form = form_class(request.POST, work_order=bonus.work_order)
        if form.is_valid():
            try:
                services.bonus_request_update(user=request.user, request=bonus, **form.cleaned_data)
            except DomainError as exc:
                _fail(form, exc)
            else:
                return redirect(bonus)
        return render(
            request, "bonus/propose.html", {"wo": bonus.work_order, "kind": bonus.kind, "form": form, "bonus": bonus}
        )


class CrewView(LoginRequiredMixin, View):
    """One work order's crew incentive: self-assessment, inspections, ratio and requests."""

    def _context(self, request, wo, ratio_form=None, preview=None):
        assessment = getattr(wo, "self_assessment", None)
        inspections = {i.inspector_role: i for i in wo.inspections.all()}
        requests = visible_requests(request.user).filter(work_order=wo, kind=BonusKind.CREW)
        return {
            "wo": wo,
            "assessment": assessment,
            "plan": assessment.lines.select_related("engineer") if assessment else [],
            "inspection_rows": [(role, label, inspections.get(role)) for role, label in InspectorRole.choices],
            "requests": [(r, visible_amount(request.user, r)) for r in requests],
            "is_leader": wo.crew and wo.crew.leader and wo.crew.leader.user_id == request.user.pk,
            "ratio_form": ratio_form or CrewRatioForm(initial={"ratio": Decimal("0.15")}),
            "preview": preview,
            "reads_pool": reads_work_order_amounts(request.user, wo),
            "share_rows": share_rows(wo, preview, request.user),
        }

    def get(self, request, pk):
        wo = _work_order(request, pk)
        preview = None
        if "ratio" in request.GET:
            form = CrewRatioForm(request.GET)
            if form.is_valid():
                try:
                    preview = services.crew_preview(
                        work_order=wo, ratio=form.cleaned_data["ratio"], on=timezone.localdate()
                    )
                except DomainError as exc:
                    _fail(form, exc)
            return render(request, "bonus/crew.html", self._context(request, wo, form, preview))
        return render(request, "bonus/crew.html", self._context(request, wo))

    def post(self, request, pk):
        """The supervisor proposes the crew request at the chosen ratio."""
        wo = _work_order(request, pk)
        form = CrewRatioForm(request.POST)
        if form.is_valid():
            try:
                bonus = services.bonus_request_propose(
                    user=request.user, kind=BonusKind.CREW, work_order=wo, ratio=form.cleaned_data["ratio"]
                )
            except DomainError as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("Crew request saved as a draft: check the shares, then apply."))
                return redirect(bonus)
        return render(request, "bonus/crew.html", self._context(request, wo, form))


def share_rows(wo, result, user) -> list[dict]:
    """Name, days, percentage and share per member, for the crew preview table; a member's
    share only for those who read that member's pay (an engineer sees the plan, not colleagues' money)."""
    if not hasattr(result, "shares"):
        return []
    days = {p.engineer_id: p.days_worked for p in wo.participants.all()}
    lines = list(wo.self_assessment.lines.select_related("engineer__department"))
    shown = shown_share_engineers(user, wo, [ln.engineer for ln in lines])
    return [
        {
            "name": ln.engineer.name,
            "days": days.get(ln.engineer_id),
            "pct": ln.pct,
            "amount": result.shares[ln.engineer_id].amount if shown is None or ln.engineer_id in shown else None,
        }
        for ln in lines
    ]


class SelfAssessmentView(LoginRequiredMixin, View):
    def _form(self, wo, data=None):
        assessment = getattr(wo, "self_assessment", None)
        plan = {line.engineer_id: line.pct for line in assessment.lines.all()} if assessment else None
        return SelfAssessmentForm(
            data,
            participants=wo.participants.select_related("engineer"),
            initial_plan=plan,
            initial={"quality_assessment": assessment.quality_assessment if assessment else ""},
        )

    def get(self, request, pk):
        wo = _work_order(request, pk)
        return render(request, "bonus/self_assessment.html", {"wo": wo, "form": self._form(wo)})

    def post(self, request, pk):
        wo = _work_order(request, pk)
        form = self._form(wo, request.POST)
        if form.is_valid():
            try:
                services.self_assessment_save(
                    user=request.user,
                    work_order=wo,
                    quality_assessment=form.cleaned_data["quality_assessment"],
                    plan=form.plan(),
                )
            except DomainError as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("Self-assessment and distribution plan saved."))
                return redirect("bonus:crew", pk=wo.pk)
        return render(request, "bonus/self_assessment.html", {"wo": wo, "form": form})


class InspectionView(LoginRequiredMixin, View):
    def _setup(self, request, pk, role):
        if role not in InspectorRole.values:
            raise Http404
        return _work_order(request, pk), InspectorRole(role)

    def get(self, request, pk, role):
        wo, role = self._setup(request, pk, role)
        existing = wo.inspections.filter(inspector_role=role).first()
        initial = {"inspected_on": timezone.localdate()}
        if existing:
            initial.update({f: getattr(existing, f) for f in InspectionForm.base_fields})
        elif role != InspectorRole.QC_INSPECTOR:
            initial["inspector_name"] = request.user.get_full_name() or request.user.username
        return render(
            request, "bonus/inspection.html", {"wo": wo, "role": role, "form": InspectionForm(initial=initial)}
        )

    def post(self, request, pk, role):
        wo, role = self._setup(request, pk, role)
        form = InspectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.inspection_record(
                        user=request.user,
                        work_order=wo,
                        inspector_role=role,
                        inspector_name=data["inspector_name"],
                        inspected_on=data["inspected_on"],
                        notes=data["notes"],
                        scores={k: data[k] for k in ("safety", "quality", "communication", "rules")},
                    )
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("Inspection recorded."))
                return redirect("bonus:crew", pk=wo.pk)
        return render(request, "bonus/inspection.html", {"wo": wo, "role": role, "form": form})
