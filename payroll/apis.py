"""API for payslips: an engineer reads only their own, closed periods only; gross → net with every line."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from core.routers import IdRouter
from ledger.models import PeriodStatus

from .models import Payslip, PayslipLine, section_of
from .selectors import visible_payslips


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = PayslipLine
        fields = ["kind", "section", "description", "amount", "rule", "trace", "policy_version"]

    section = serializers.SerializerMethodField(help_text="gross (earning), contribution, tax, after_tax or employer")

    def get_section(self, line) -> str:
        return section_of(line.kind)


class PayslipSerializer(serializers.ModelSerializer):
    lines = LineSerializer(many=True, read_only=True)
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
            "lines",
        ]


@extend_schema(tags=["payroll"])
class PayslipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PayslipSerializer
    filterset_fields = ["period", "engineer"]

    def get_queryset(self):
        return visible_payslips(self.request.user).filter(period__status=PeriodStatus.CLOSED).prefetch_related("lines")


router = IdRouter()
router.register("payslips", PayslipViewSet, basename="payslip")
urlpatterns = [path("", include(router.urls))]
