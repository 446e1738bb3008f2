"""Work-order and piece-rate pages. Writes go through services; reads are scoped."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from core.errors import DomainError
from core.live_pages import kept_live
from core.pagination import EstimatedCountPaginator, KeptPage
from core.permissions import RoleRequiredMixin
from core.roles import Role, has_role
from engineers.selectors import visible_crews, visible_engineers

from . import services
from .bonus.selectors import visible_amount, visible_requests
from .filters import WorkOrderFilter
from .forms import (
    ImportForm,
    LineFormSet,
    ParticipantFormSet,
    RateItemFormSet,
    RateTableCopyForm,
    WorkOrderForm,
    item_choices_for,
)
from .forms_pdf import work_order_forms_pdf
from .imports import import_template_workbook, work_orders_import
from .list_html import LISTED_FIELDS, work_order_cards_html, work_order_rows_html
from .models import Participant, PieceRateTable, PieceRateTableStatus, WorkOrder
from .selectors import participant_names, rate_table_in_force, visible_work_orders

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fragment(request, template: str, context: dict):
    """A part of another app's page: bare for htmx, inside the site's layout when opened as a link."""
    if request.headers.get("HX-Request"):
        return render(request, template, context)
    return render(request, "workorders/fragment_page.html", {"fragment": template, **context})


class EngineerWorkOrdersView(LoginRequiredMixin, View):
    """The engineer page's recent work orders (a fragment the page loads)."""

    def get(self, request, pk):
        engineer = get_object_or_404(visible_engineers(request.user), pk=pk)
        participations = (
            Participant.objects.filter(engineer=engineer, work_order__in=visible_work_orders(request.user))
            .select_related("work_order")
            .order_by("-work_order__reported_at")[:20]
        )
        return _fragment(request, "workorders/_engineer_orders.html", {"participations": participations})


class CrewWorkOrdersView(LoginRequiredMixin, View):
    """The crew page's recent work orders (a fragment the page loads)."""

    def get(self, request, pk):
        crew = get_object_or_404(visible_crews(request.user), pk=pk)
        work_orders = visible_work_orders(request.user).filter(crew=crew)[:15]
        return _fragment(request, "workorders/_crew_orders.html", {"work_orders": work_orders})


class WorkOrderListView(LoginRequiredMixin, ListView):
    template_name = "workorders/workorder_list.html"
    paginate_by = 25
    paginator_class = EstimatedCountPaginator  # 50,000 engineers' year is 300,000 orders: no count per page

    def get(self, request, *args, **kwargs):
        computed = kept_live(request.user, ("workorders", request.GET.urlencode()), self._computed)
        return render(request, self.template_name, computed)

    def _computed(self) -> dict:
        """The list's part read from the database, as plain values (core/live_pages.py keeps it); a page
        number that is no page is a 404, as ListView answers."""
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        orders = context["object_list"]
        return {
            "filter_form_html": render_to_string("_filter_form.html", {"filter": self.filter, "request": self.request}),
            "has_orders": bool(orders),
            "page_obj": KeptPage.of(context["page_obj"]),
            "cards_html": work_order_cards_html(orders),
            "rows_html": work_order_rows_html(orders, participant_names(orders)),
        }

    def get_queryset(self):
        self.filter = WorkOrderFilter(self.request.GET, queryset=visible_work_orders(self.request.user))
        return self.filter.qs.select_related(None).select_related("crew").only(*LISTED_FIELDS)


class WorkOrderDetailView(LoginRequiredMixin, DetailView):
    template_name = "workorders/workorder_detail.html"
    context_object_name = "wo"

    def get_queryset(self):
        # Not visible → 404, so an engineer cannot probe other people's orders.
        return visible_work_orders(self.request.user).select_related("rate_table", "repeat_of", "created_by")

    def get_context_data(self, **kwargs):
        wo = self.object
        return super().get_context_data(
            lines=wo.lines.all(),
            participants=wo.participants.select_related("engineer"),
            repeat_visits=wo.repeat_visits.all(),
            history=wo.history.select_related("history_user")[:10],
            bonus_requests=[
                (r, visible_amount(self.request.user, r))
                for r in visible_requests(self.request.user).filter(work_order=wo)
            ],
            **kwargs,
        )


class WorkOrderEditView(RoleRequiredMixin, View):
    """Create or edit a work order with its lines and participants (HR clerk)."""

    allowed_roles = (Role.HR_CLERK,)
    template_name = "workorders/workorder_form.html"

    def _instance(self, pk):
        return get_object_or_404(WorkOrder, pk=pk) if pk else WorkOrder()

    def _forms(self, wo, data=None):
        table = rate_table_in_force(wo.pricing_date if wo.pk else timezone.localdate())
        choices = item_choices_for(table)
        known = {code for code, _label in choices}
        if wo.pk:  # keep codes already on the order selectable even if the table changed
            choices += [
                (ln.item_code, f"{ln.item_code} {ln.description}") for ln in wo.lines.all() if ln.item_code not in known
            ]
        lines_initial = [{"item_code": ln.item_code, "quantity": ln.quantity} for ln in wo.lines.all()] if wo.pk else []
        people_initial = (
            [
                {"engineer": p.engineer, "days_worked": p.days_worked, "split_pct": p.split_pct}
                for p in wo.participants.all()
            ]
            if wo.pk
            else []
        )
        return (
            WorkOrderForm(data, instance=wo),
            LineFormSet(data, prefix="lines", initial=lines_initial, form_kwargs={"item_choices": choices}),
            ParticipantFormSet(data, prefix="people", initial=people_initial),
            table,
        )

    def get(self, request, pk=None):
        wo = self._instance(pk)
        form, lines, people, table = self._forms(wo)
        return render(
            request, self.template_name, {"form": form, "lines": lines, "people": people, "wo": wo, "table": table}
        )

    def post(self, request, pk=None):
        wo = self._instance(pk)
        form, lines, people, table = self._forms(wo, request.POST)
        if form.is_valid() and lines.is_valid() and people.is_valid():
            if not lines.filled():
                form.add_error(None, _("Add at least one piece-rate line."))
            else:
                try:
                    with transaction.atomic():
                        wo = services.work_order_save(
                            user=request.user,
                            work_order=form.save(commit=False),
                            lines=[services.LineInput(r["item_code"], r["quantity"]) for r in lines.filled()],
                            participants=[
                                services.ParticipantInput(r["engineer"], r["days_worked"], r.get("split_pct"))
                                for r in people.filled()
                            ],
                        )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request,
                        _("Work order %(n)s saved: piece-rate total ¥%(t)s.")
                        % {"n": wo.number, "t": f"{wo.piece_rate_total_amount:,.2f}"},
                    )
                    return redirect(wo)
        return render(
            request, self.template_name, {"form": form, "lines": lines, "people": people, "wo": wo, "table": table}
        )


class WorkOrderImportView(RoleRequiredMixin, View):
    allowed_roles = (Role.HR_CLERK,)
    template_name = "workorders/import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            result = work_orders_import(user=request.user, file=form.cleaned_data["file"])
            if result.ok:
                messages.success(request, _("%(n)d work orders imported.") % {"n": len(result.created)})
                return redirect("workorders:list")
        return render(request, self.template_name, {"form": form, "result": result})


class ImportTemplateView(RoleRequiredMixin, View):
    allowed_roles = (Role.HR_CLERK,)

    def get(self, request):
        response = HttpResponse(content_type=XLSX)
        # ASCII fallback name plus the Chinese name (工单导入模板.xlsx) for browsers that take it.
        response["Content-Disposition"] = content_disposition_header(True, "工单导入模板.xlsx")
        import_template_workbook().save(response)
        return response


class RateTableListView(RoleRequiredMixin, ListView):
    allowed_roles = (Role.HR_CLERK, Role.SUPERVISOR, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.FINANCE)
    template_name = "workorders/rate_table_list.html"
    queryset = PieceRateTable.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            in_force=rate_table_in_force(timezone.localdate()), copy_form=RateTableCopyForm(), **kwargs
        )


class RateTableDetailView(RoleRequiredMixin, View):
    """Show a table; while it is a draft, HR edits its items here."""

    allowed_roles = RateTableListView.allowed_roles
    template_name = "workorders/rate_table_detail.html"

    def _render(self, request, table, formset):
        return render(request, self.template_name, {"table": table, "formset": formset, "items": table.items.all()})

    def get(self, request, pk):
        table = get_object_or_404(PieceRateTable, pk=pk)
        formset = RateItemFormSet(instance=table) if table.status == PieceRateTableStatus.DRAFT else None
        return self._render(request, table, formset)

    def post(self, request, pk):
        if not has_role(request.user, Role.HR_CLERK):
            return HttpResponse(status=403)
        table = get_object_or_404(PieceRateTable, pk=pk)
        if table.status != PieceRateTableStatus.DRAFT:
            messages.error(request, _("A table in force cannot be edited: copy it into a new version."))
            return redirect(table)
        formset = RateItemFormSet(request.POST, instance=table)
        if not formset.is_valid():
            return self._render(request, table, formset)
        with transaction.atomic():
            formset.save()
            if "activate" in request.POST:
                try:
                    services.rate_table_activate(user=request.user, table=table)
                except DomainError as exc:
                    transaction.set_rollback(True)
                    messages.error(request, exc.message)
                    return redirect(table)
                messages.success(
                    request,
                    _("Table %(code)s is now in force from %(day)s.")
                    % {"code": table.code, "day": table.effective_from},
                )
            else:
                messages.success(request, _("Items saved."))
        return redirect(table)


class RateTableCreateView(RoleRequiredMixin, View):
    """Start an empty draft table; its items are then entered on the table's page."""

    allowed_roles = (Role.HR_CLERK,)

    def post(self, request):
        form = RateTableCopyForm(request.POST)
        if form.is_valid():
            try:
                table = services.rate_table_create(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                return redirect(table)
        else:
            messages.error(request, _form_errors(form))
        return redirect("workorders:rate_table_list")


class RateTableCopyView(RoleRequiredMixin, View):
    allowed_roles = (Role.HR_CLERK,)

    def post(self, request, pk):
        source = get_object_or_404(PieceRateTable, pk=pk)
        form = RateTableCopyForm(request.POST)
        if form.is_valid():
            try:
                table = services.rate_table_copy(user=request.user, source=source, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("Draft %(code)s created: adjust its rates, then put it in force.") % {"code": table.code}
                )
                return redirect(table)
        else:
            messages.error(request, _form_errors(form))
        return redirect("workorders:rate_table_list")


def _form_errors(form) -> str:
    return "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())


class WorkOrderFormsPdfView(LoginRequiredMixin, View):
    """The five FS-MS-KF-13 forms of one work order, for signing and filing."""

    def get(self, request, pk):
        wo = get_object_or_404(visible_work_orders(request.user).select_related("rate_table", "crew"), pk=pk)
        response = HttpResponse(
            work_order_forms_pdf(wo, request.build_absolute_uri("/")), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(False, f"{wo.number}-forms.pdf")
        return response
