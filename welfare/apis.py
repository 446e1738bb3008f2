"""API for welfare and honours: what engineers received (scoped like pay), a department's gift or health
check in one call, an approved honour's certificates, and paid annual leave balances.

Everyone signed in reads what their scope allows (an engineer their own, a department manager their
departments', HR, finance and general managers everyone's); only HR clerks write. Money is sent as strings."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from appraisal.models import Award
from core.permissions import HRWriteElseRead
from core.routers import IdRouter
from engineers.models import Department, Engineer

from . import services
from .errors import WelfareErrorCode
from .leave import leave_balances, leave_policy_for
from .models import BATCH_KIND_CHOICES, RECORDABLE_KIND_CHOICES, Grant, GrantBatch
from .selectors import employed_in, leave_engineers, visible_batches, visible_grants


class GrantSerializer(serializers.ModelSerializer):
    employee_no = serializers.CharField(source="engineer.employee_no", read_only=True)
    name = serializers.CharField(source="engineer.name", read_only=True)
    department = serializers.IntegerField(source="engineer.department_id", read_only=True)
    issued_by = serializers.CharField(source="issued_by.username", read_only=True)
    value_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, read_only=True)
    certificate_url = serializers.SerializerMethodField()

    class Meta:
        model = Grant
        fields = [
            "id",
            "engineer",
            "employee_no",
            "name",
            "department",
            "kind",
            "given_on",
            "reason",
            "value_amount",
            "issued_by",
            "award",
            "batch",
            "certificate_url",
        ]
        read_only_fields = fields

    def get_certificate_url(self, obj) -> str | None:
        """The certificate PDF of an honour's certificate, else null."""
        return f"/welfare/grants/{obj.pk}/certificate.pdf" if obj.has_certificate else None


class GrantInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    kind = serializers.ChoiceField(choices=RECORDABLE_KIND_CHOICES)
    given_on = serializers.DateField()
    reason = serializers.CharField(max_length=200)
    value_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )


class GrantFilter(filters.FilterSet):
    department = filters.NumberFilter(field_name="engineer__department")
    year = filters.NumberFilter(field_name="given_on", lookup_expr="year", min_value=2000, max_value=2100)

    class Meta:
        model = Grant
        fields = ["engineer", "kind", "award", "batch", "department", "year"]


@extend_schema(tags=["welfare"])
class GrantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """What each engineer received: honour certificates, trophies, holiday gifts, health checks, other."""

    permission_classes = [HRWriteElseRead]
    filterset_class = GrantFilter
    search_fields = ["engineer__employee_no", "engineer__name", "reason"]
    ordering_fields = ["given_on", "engineer__employee_no"]

    def get_queryset(self):
        return visible_grants(self.request.user)

    def get_serializer_class(self):
        return GrantInSerializer if self.action == "create" else GrantSerializer

    @extend_schema(request=GrantInSerializer, responses={201: GrantSerializer})
    def create(self, request, *args, **kwargs):
        """HR records one thing one engineer received (a certificate comes from an honour: welfare-certificates)."""
        data = GrantInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grant = services.grant_record(user=request.user, **data.validated_data)
        return Response(GrantSerializer(grant).data, status=status.HTTP_201_CREATED)


class SkippedSerializer(serializers.Serializer):
    engineer = serializers.IntegerField()
    employee_no = serializers.CharField()
    name = serializers.CharField()
    why = serializers.CharField()


class BatchSerializer(serializers.ModelSerializer):
    issued_by = serializers.CharField(source="issued_by.username", read_only=True)
    value_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, read_only=True)
    skipped = SkippedSerializer(many=True, read_only=True)
    engineers = serializers.SerializerMethodField()

    class Meta:
        model = GrantBatch
        fields = ["id", "department", "kind", "given_on", "reason", "value_amount", "issued_by", "engineers", "skipped"]
        read_only_fields = fields

    def get_engineers(self, obj) -> list[int]:
        """The engineers given it."""
        return sorted(g.engineer_id for g in obj.grants.all())


class BatchInSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    kind = serializers.ChoiceField(choices=BATCH_KIND_CHOICES)
    given_on = serializers.DateField()
    reason = serializers.CharField(max_length=200)
    value_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )


@extend_schema(tags=["welfare"])
class BatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A department's holiday gift or health check: one grant per engineer on the payroll that day, the rest
    skipped and listed with why; all or nothing."""

    permission_classes = [HRWriteElseRead]
    filterset_fields = ["department", "kind"]

    def get_queryset(self):
        return visible_batches(self.request.user).prefetch_related("grants")

    def get_serializer_class(self):
        return BatchInSerializer if self.action == "create" else BatchSerializer

    @extend_schema(request=BatchInSerializer, responses={201: BatchSerializer})
    def create(self, request, *args, **kwargs):
        data = BatchInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.batch_issue(user=request.user, **data.validated_data)
        return Response(BatchSerializer(result.batch).data, status=status.HTTP_201_CREATED)


class CertificatesInSerializer(serializers.Serializer):
    award = serializers.IntegerField(min_value=1, help_text="An approved honour's id (/api/awards/).")
    given_on = serializers.DateField(required=False, help_text="Defaults to today.")


@extend_schema(tags=["welfare"])
class CertificatesViewSet(viewsets.GenericViewSet):
    """An approved honour's certificates, one per member (again: the same ones)."""

    permission_classes = [HRWriteElseRead]
    serializer_class = CertificatesInSerializer
    queryset = Grant.objects.none()

    @extend_schema(request=CertificatesInSerializer, responses={201: GrantSerializer(many=True)})
    def create(self, request):
        data = CertificatesInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        award = get_object_or_404(Award, pk=data.validated_data["award"])
        grants = services.certificates_issue(
            user=request.user, award=award, given_on=data.validated_data.get("given_on") or timezone.localdate()
        )
        return Response(GrantSerializer(grants, many=True).data, status=status.HTTP_201_CREATED)


class LeaveBalanceSerializer(serializers.Serializer):
    engineer = serializers.IntegerField(source="engineer.pk")
    employee_no = serializers.CharField(source="engineer.employee_no")
    name = serializers.CharField(source="engineer.name")
    year = serializers.IntegerField()
    work_start = serializers.DateField()
    work_start_recorded = serializers.BooleanField()
    entitled = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="whole days this year")
    used = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="paid leave days in attendance")
    remaining = serializers.DecimalField(max_digits=5, decimal_places=1)
    policy_version = serializers.CharField()
    trace = serializers.SerializerMethodField()

    def get_trace(self, obj) -> dict:
        return obj.trace.as_dict()


YEAR = OpenApiParameter("year", int, description="the calendar year (default: this year)")


@extend_schema(tags=["welfare"], parameters=[YEAR])
class LeaveBalanceViewSet(viewsets.GenericViewSet):
    """Paid annual leave per engineer and year: the national rule's days less the paid leave in attendance."""

    serializer_class = LeaveBalanceSerializer
    queryset = Engineer.objects.none()
    pagination_class = None  # one row per engineer in scope, computed: the whole list at once

    def _year(self) -> int:
        try:
            year = int(self.request.query_params.get("year") or timezone.localdate().year)
        except ValueError:
            raise serializers.ValidationError({"year": ["Give a year such as 2026."]}) from None
        if not 2000 <= year <= 2100:
            raise serializers.ValidationError({"year": ["Give a year from 2000 to 2100."]})
        return year

    @extend_schema(responses=LeaveBalanceSerializer(many=True))
    def list(self, request):
        year = self._year()
        policy = leave_policy_for(year)
        engineers = employed_in(leave_engineers(request.user), year)
        rows = leave_balances(engineers, year, policy=policy) if policy else []
        return Response(LeaveBalanceSerializer(rows, many=True).data)

    def retrieve(self, request, pk=None):
        engineer = get_object_or_404(leave_engineers(request.user), pk=pk)
        rows = leave_balances([engineer], self._year())
        if not rows:
            message = _(
                "No paid annual leave document is in force for this year: a general manager approves one first."
            )
            return Response({"code": WelfareErrorCode.NO_LEAVE_POLICY, "message": message, "fields": {}}, 404)
        return Response(LeaveBalanceSerializer(rows[0]).data)


router = IdRouter()
router.register("welfare-grants", GrantViewSet, basename="welfare-grant")
router.register("welfare-batches", BatchViewSet, basename="welfare-batch")
router.register("welfare-certificates", CertificatesViewSet, basename="welfare-certificates")
router.register("leave-balances", LeaveBalanceViewSet, basename="leave-balance")
urlpatterns = [path("", include(router.urls))]
