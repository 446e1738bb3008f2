"""Commission pages: the month's pick-up grid (HR types, everyone in scope reads), the Excel import, settling
and deciding a month, franchisees with their assignment history, and the staff's posts."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.roles import Role, has_role, reads_all_pay
from engineers.models import Engineer
from ledger.selectors import not_open_period

from . import services
from .errors import PickupGridError
from .imports import HEADERS, pickups_import, template_workbook
from .models import AssignmentRole, Post, SettlementStatus
from .months import label, next_month, parse_month, previous_month, this_month
from .selectors import (
    franchisee_for,
    grid_rows,
    posts,
    settlement_for,
    settlement_lines,
    visible_franchisees,
    visible_settlements,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HUNDRED = Decimal(100)


def _month(request):
    return parse_month(request.GET.get("month") or request.POST.get("month")) or previous_month(this_month())


def _readers_only(user) -> None:
    """Pages of the commission: HR, finance, general managers, department managers and staff with a post."""
    if not (
        reads_all_pay(user)
        or has_role(user, Role.DEPT_MANAGER)
        or hasattr(getattr(user, "engineer", None), "commission_post")
    ):
        raise PermissionDenied


def _number(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", "").replace("%", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


@login_required
def home(request):
    """The months settled, each with its state; HR's links to the grid, the import and the data."""
    _readers_only(request.user)
    return render(
        request,
        "commission/home.html",
        {"settlements": visible_settlements(request.user)[:36], "month": label(_month(request))},
    )


@login_required
def grid(request):
    """A month's pick-up: a row per franchisee (sales at list price, discount in %, the pick-up amount)."""
    _readers_only(request.user)
    month = _month(request)
    hr = has_role(request.user, Role.HR_CLERK)
    rows = grid_rows(month, visible_franchisees(request.user))
    errors: dict[tuple[int, str], str] = {}
    typed: dict[tuple[int, str], str] = {}
    if request.method == "POST":
        if not hr:
            raise PermissionDenied
        given, problems = {}, []
        for row in rows:
            fid = row.franchisee.pk
            sales_text = request.POST.get(f"s-{fid}", "")
            discount_text = request.POST.get(f"d-{fid}", "")
            typed[(fid, "s")], typed[(fid, "d")] = sales_text, discount_text
            try:
                sales = _number(sales_text)
            except ValueError:
                errors[(fid, "s")] = _("%(v)s is not a number.") % {"v": sales_text[:20]}
                continue
            try:
                discount = _number(discount_text)
            except ValueError:
                errors[(fid, "d")] = _("%(v)s is not a number.") % {"v": discount_text[:20]}
                continue
            if sales is None and row.pickup is None:
                continue  # nothing typed, nothing saved before: left for later
            given[fid] = (sales, None if discount is None else discount / HUNDRED)
        if not errors:
            try:
                saved = services.pickups_save(user=request.user, month=month, rows=given)
            except PickupGridError as exc:
                for fid, name, message in exc.cells:
                    errors[(fid, "d" if name == services.DISCOUNT else "s")] = str(message)
            except DomainError as exc:
                problems.append(str(exc.message))
            else:
                messages.success(
                    request,
                    _("Saved: %(saved)d changed, %(unchanged)d unchanged.")
                    % {"saved": saved.saved, "unchanged": saved.unchanged},
                )
                return redirect(f"{reverse('commission:grid')}?month={label(month)}")
        for p in problems:
            messages.error(request, p)
        if errors:
            messages.error(request, _("Nothing was saved: correct the marked cells."))
    shown = []
    total = Decimal("0.00")
    for row in rows:
        fid = row.franchisee.pk
        sales = row.pickup.sales_amount if row.pickup else None
        total += row.pickup.pickup_amount if row.pickup else 0
        shown.append(
            {
                "row": row,
                "sales": typed.get((fid, "s"), "" if sales is None else f"{sales:.2f}"),
                "discount": typed.get((fid, "d"), f"{(row.discount * HUNDRED).normalize():f}"),
                "sales_error": errors.get((fid, "s"), ""),
                "discount_error": errors.get((fid, "d"), ""),
            }
        )
    settlement = visible_settlements(request.user).filter(month=month).first()
    return render(
        request,
        "commission/grid.html",
        {
            "month": label(month),
            "previous": label(previous_month(month)),
            "next": label(next_month(month)),
            "rows": shown,
            "total": total,
            "editable": hr
            and not (settlement and settlement.status == SettlementStatus.APPROVED)
            and not_open_period(month.year, month.month) is None,
            "settlement": settlement,
            "not_over": services.settle_refusal(month),
        },
    )


@login_required
def import_view(request):
    """HR imports a month's pick-up from Excel: all rows or none, each problem by row and column."""
    if not has_role(request.user, Role.HR_CLERK):
        raise PermissionDenied
    month = _month(request)
    result = choose = None
    if request.method == "POST":
        file = request.FILES.get("file")
        if file is None:
            choose = _("Choose the .xlsx file to import.")
        else:
            result = pickups_import(user=request.user, file=file, month=month)
            if result.ok:
                messages.success(
                    request,
                    _("Imported: %(saved)d changed, %(unchanged)d unchanged.")
                    % {"saved": result.saved, "unchanged": result.unchanged},
                )
                return redirect(f"{reverse('commission:grid')}?month={label(month)}")
    return render(
        request,
        "commission/import.html",
        {"month": label(month), "result": result, "choose": choose, "headers": HEADERS},
        status=400 if (result and not result.ok) or choose else 200,
    )


@login_required
def import_template(request):
    if not has_role(request.user, Role.HR_CLERK):
        raise PermissionDenied
    month = _month(request)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"提货额导入模板_{label(month)}.xlsx")
    template_workbook(month).save(response)
    return response


@login_required
@require_POST
def settle(request):
    """HR settles the month: the settlement waits for finance's or a general manager's approval."""
    month = _month(request)
    try:
        settlement = services.settlement_propose(user=request.user, month=month)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(f"{reverse('commission:grid')}?month={label(month)}")
    messages.success(request, _("%(month)s is settled and waits for approval.") % {"month": label(month)})
    return redirect("commission:settlement", pk=settlement.pk)


@login_required
def settlement(request, pk):
    """A settled month: the lines the reader may see, and the approval for finance and general managers."""
    found = settlement_for(request.user, pk)
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        try:
            services.settlement_decide(
                user=request.user, settlement=found, approve=approve, note=request.POST.get("note", "")
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request, _("Approved: the payable items are written.") if approve else _("Returned to HR.")
            )
        return redirect("commission:settlement", pk=found.pk)
    lines = list(settlement_lines(request.user, found))
    can_decide = (
        found.status == SettlementStatus.PROPOSED
        and has_role(request.user, Role.FINANCE, Role.GENERAL_MANAGER)
        and found.proposed_by_id != request.user.pk
    )
    return render(
        request,
        "commission/settlement.html",
        {
            "s": found,
            "lines": lines,
            "total": sum((ln.total_amount for ln in lines), Decimal("0.00")),
            "can_decide": can_decide,
            "month": label(found.month),
        },
    )


@login_required
def franchisees(request):
    """Franchisees with who serves and signed them this month; HR adds one."""
    _readers_only(request.user)
    hr = has_role(request.user, Role.HR_CLERK)
    if request.method == "POST":
        if not hr:
            raise PermissionDenied
        try:
            discount = _number(request.POST.get("discount", "")) or HUNDRED
            services.franchisee_save(
                user=request.user,
                data=services.FranchiseeInput(
                    code=request.POST.get("code", ""),
                    name=request.POST.get("name", ""),
                    city=request.POST.get("city", ""),
                    discount_rate=discount / HUNDRED,
                ),
            )
        except (DomainError, ValueError) as exc:
            messages.error(request, str(getattr(exc, "message", _("The discount is a number of percent."))))
        else:
            messages.success(request, _("The franchisee is added."))
        return redirect("commission:franchisees")
    month = this_month()
    q = request.GET.get("q", "").strip()
    qs = visible_franchisees(request.user)
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    rows = grid_rows(month, qs)
    return render(request, "commission/franchisees.html", {"rows": rows, "q": q, "hr": hr, "month": label(month)})


@login_required
def franchisee(request, pk):
    """One franchisee: who served and signed it since when, its monthly pick-up; HR reassigns."""
    found = franchisee_for(request.user, pk)
    hr = has_role(request.user, Role.HR_CLERK)
    if request.method == "POST":
        if not hr:
            raise PermissionDenied
        start = parse_month(request.POST.get("start"))
        engineer_id = request.POST.get("engineer") or None
        engineer = Engineer.objects.filter(pk=engineer_id).first() if engineer_id and engineer_id.isdigit() else None
        role = request.POST.get("role")
        if start is None or role not in AssignmentRole.values or (engineer_id and engineer is None):
            messages.error(request, _("Choose the role, the staff member (or nobody) and the first month."))
        else:
            try:
                services.assignment_set(user=request.user, franchisee=found, role=role, engineer=engineer, start=start)
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("The assignment is saved."))
        return redirect("commission:franchisee", pk=found.pk)
    return render(
        request,
        "commission/franchisee.html",
        {
            "f": found,
            "assignments": found.assignments.select_related("engineer").order_by("role", "-start"),
            "pickups": found.pickups.order_by("-month")[:24],
            "hr": hr,
            "staff": posts(),
            "assignment_roles": AssignmentRole.choices,  # "roles" is the user's (the menu, the buttons)
            "month": label(this_month()),
        },
    )


@login_required
def staff(request):
    """Who holds a customer-service or sales post; HR gives or takes a post."""
    if not reads_all_pay(request.user):
        raise PermissionDenied
    hr = has_role(request.user, Role.HR_CLERK)
    if request.method == "POST":
        if not hr:
            raise PermissionDenied
        engineer = Engineer.objects.filter(employee_no=request.POST.get("employee_no", "").strip()).first()
        post = request.POST.get("post") or None
        if engineer is None or (post and post not in Post.values):
            messages.error(request, _("No engineer has this employee no."))
        else:
            try:
                services.post_set(user=request.user, engineer=engineer, post=post)
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("The post is saved."))
        return redirect("commission:staff")
    return render(request, "commission/staff.html", {"posts": posts(), "choices": Post.choices, "hr": hr})
