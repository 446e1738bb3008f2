"""API for payslips: an engineer reads only their own, closed periods only; gross → net with every line.

The list gives each payslip's totals, a page at a time without a count (`next` is the link to the
following page, `null` on the last); a payslip's lines with their traces are at `/api/payslips/{id}/`."""

from django.urls import include, path
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.routers import IdRouter
from ledger.models import PeriodStatus

from .kept_pages import kept
from .models import Payslip, PayslipLine, section_of
from .selectors import payslip_list, visible_payslips


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = PayslipLine
        fields = ["kind", "section", "description", "amount", "rule", "trace", "policy_version"]

    section = serializers.SerializerMethodField(help_text="gross (earning), contribution, tax, after_tax or employer")

    def get_section(self, line) -> str:
        return section_of(line.kind)


class PayslipSummarySerializer(serializers.ModelSerializer):
    """A payslip in a list: its totals, without its lines."""

    period = serializers.CharField(source="period.__str__")
    employee_no = serializers.CharField(source="engineer.employee_no")

    class Meta:
        model = Payslip
        fields = [
            "id",
            "period",
            "engineer",
            "employee_no",
            "department_name",
            "gross_amount",
            "contributions_amount",
            "tax_amount",
            "bonus_tax_amount",
            "after_tax_amount",
            "net_amount",
            "employer_cost_amount",
            "taxable_income_ytd",
            "additional_deductions_amount",
            "policy_version",
        ]


class PayslipSerializer(PayslipSummarySerializer):
    """One payslip with every line and its trace."""

    lines = LineSerializer(many=True, read_only=True)

    class Meta(PayslipSummarySerializer.Meta):
        fields = [*PayslipSummarySerializer.Meta.fields, "lines"]


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class PayslipPagination(BasePagination):
    """Keyset pages (payroll/paging.py): `{"next": url or null, "results": [...]}`, 50 a page, no count."""

    cursor_query_param = "cursor"

    def asked(self, request) -> dict:
        params = request.query_params
        return {
            "after": params.get(self.cursor_query_param),
            "period_id": _number(params.get("period")),
            "engineer_id": _number(params.get("engineer")),
        }

    def paginate_queryset(self, queryset, request, view=None):
        # `queryset` is the filtered one; the page is read by payslip_list, which applies the same filters.
        page = payslip_list(request.user, **self.asked(request))
        self.request, self.next_cursor = request, page.next_cursor
        return page.payslips

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.next_cursor)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri", "description": "null on the last page"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "where the page starts: take it from the previous page's `next`",
                "schema": {"type": "string"},
            }
        ]


class PayslipFilter(filters.FilterSet):
    """The list's filters by id (a class made once; `filterset_fields` made one per request)."""

    class Meta:
        model = Payslip
        fields = ["period", "engineer"]


@extend_schema(tags=["payroll"])
class PayslipViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = PayslipFilter
    pagination_class = PayslipPagination

    def get_serializer_class(self):
        return PayslipSummarySerializer if self.action == "list" else PayslipSerializer

    def get_queryset(self):
        qs = visible_payslips(self.request.user).filter(period__status=PeriodStatus.CLOSED)
        return qs if self.action == "list" else qs.prefetch_related("lines")

    def list(self, request, *args, **kwargs):
        """A page of payslips, kept for the next reader of the same page (payroll/kept_pages.py)."""
        if any(name in request.query_params for name in PayslipFilter.base_filters):
            # A filter that is no id answers 400, as before; whether it is one does not depend on whose
            # payslips are read, so no scoped query is built to find out (a third of a kept page's cost).
            self.filter_queryset(Payslip.objects.none())
        paginator = self.paginator

        def read() -> tuple[list, str | None]:
            payslips = paginator.paginate_queryset(None, request, view=self)
            return list(self.get_serializer(payslips, many=True).data), paginator.next_cursor

        data, paginator.next_cursor = kept(request.user, ("payslip api", *paginator.asked(request).values()), read)
        paginator.request = request
        return paginator.get_paginated_response(data)


router = IdRouter()
router.register("payslips", PayslipViewSet, basename="payslip")
urlpatterns = [path("", include(router.urls))]
