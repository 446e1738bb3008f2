"""API of the commission: franchisees and who serves or signed them, a month's pick-up, settlements.

Reads are scoped like the pages (selectors): pay readers of a staff member see their franchisees and their
settlement lines. HR clerks write the data and settle a month; finance or a general manager decides a
settlement. Money and rates are strings; a refusal is {"code", "message", "fields"}."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.permissions import HRWriteElseRead
from core.routers import IdRouter
from engineers.models import Engineer

from . import services
from .errors import CommissionErrorCode, PickupGridError
from .models import Assignment, AssignmentRole, Franchisee, Pickup, Settlement, SettlementLine
from .months import parse_month
from .selectors import settlement_lines, visible_franchisees, visible_settlements


def _month(value) -> object:
    month = parse_month(value)
    if month is None:
        raise ValidationError({"month": [_("Give the month as YYYY-MM, e.g. 2026-11.")]})
    return month


class MonthField(serializers.CharField):
    def to_internal_value(self, data):
        return _month(super().to_internal_value(data))

    def to_representation(self, value):
        return f"{value:%Y-%m}"


class AssignmentSerializer(serializers.ModelSerializer):
    employee_no = serializers.CharField(source="engineer.employee_no", read_only=True)
    name = serializers.CharField(source="engineer.name", read_only=True)
    start = MonthField()
    end = MonthField(allow_null=True)

    class Meta:
        model = Assignment
        fields = ["role", "engineer", "employee_no", "name", "start", "end"]
        read_only_fields = fields


class FranchiseeSerializer(serializers.ModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Franchisee
        fields = ["id", "code", "name", "city", "discount_rate", "active", "assignments"]
        read_only_fields = ["id", "assignments"]
        extra_kwargs = {"code": {"validators": []}}  # unique: the service's full_clean says so on the field


class AssignInSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AssignmentRole.choices)
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all(), allow_null=True)
    start = MonthField(help_text="the first month, YYYY-MM")


class PickupSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="franchisee.code", read_only=True)
    month = MonthField()

    class Meta:
        model = Pickup
        fields = ["franchisee", "code", "month", "sales_amount", "discount_rate", "pickup_amount"]
        read_only_fields = fields


class PickupRowSerializer(serializers.Serializer):
    franchisee = serializers.IntegerField(required=False, min_value=1, help_text="the franchisee's id, or:")
    code = serializers.CharField(required=False, max_length=20, help_text="its code")
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=4)
    discount_rate = serializers.DecimalField(
        max_digits=8, decimal_places=6, required=False, allow_null=True, help_text="left out: the franchisee's"
    )


class PickupBulkSerializer(serializers.Serializer):
    month = MonthField()
    rows = PickupRowSerializer(many=True, allow_empty=False, max_length=5000)


class PickupBulkOutSerializer(serializers.Serializer):
    saved = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class SettlementLineSerializer(serializers.ModelSerializer):
    employee_no = serializers.CharField(source="engineer.employee_no", read_only=True)
    name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = SettlementLine
        fields = [
            "engineer",
            "employee_no",
            "name",
            "post",
            "served_volume",
            "tier",
            "tier_rate",
            "tier_base",
            "commission_amount",
            "signed_volume",
            "sales_extra_amount",
            "commission_trace",
            "sales_extra_trace",
        ]
        read_only_fields = fields


class SettlementSerializer(serializers.ModelSerializer):
    month = MonthField()
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Settlement
        fields = [
            "id",
            "month",
            "status",
            "policy_version",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "note",
            "lines",
        ]
        read_only_fields = fields

    @extend_schema_field(SettlementLineSerializer(many=True))
    def get_lines(self, obj):
        """The lines the reader may see: everyone's for HR, finance and general managers, else their own and
        their department's."""
        return SettlementLineSerializer(settlement_lines(self.context["request"].user, obj), many=True).data


class SettleInSerializer(serializers.Serializer):
    month = MonthField()


class DecideInSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


@extend_schema(tags=["commission"])
class FranchiseeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Franchisees (加盟商/网点), their default discount and who serves and signed them, month by month."""

    permission_classes = [HRWriteElseRead]
    serializer_class = FranchiseeSerializer
    search_fields = ["code", "name"]

    def get_queryset(self):
        return visible_franchisees(self.request.user).prefetch_related("assignments__engineer")

    def _save(self, franchisee=None, *, partial=False):
        data = FranchiseeSerializer(franchisee, data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = {**(FranchiseeSerializer(franchisee).data if franchisee else {}), **data.validated_data}
        saved = services.franchisee_save(
            user=self.request.user,
            franchisee=franchisee,
            data=services.FranchiseeInput(
                code=values["code"],
                name=values["name"],
                city=values.get("city", ""),
                discount_rate=serializers.DecimalField(max_digits=5, decimal_places=4).to_internal_value(
                    values.get("discount_rate", "1")
                ),
                active=values.get("active", True),
            ),
        )
        return Response(FranchiseeSerializer(saved).data, status=status.HTTP_200_OK if franchisee else 201)

    def create(self, request, *args, **kwargs):
        """HR adds a franchisee."""
        return self._save()

    def update(self, request, *args, **kwargs):
        """HR changes a franchisee (code, name, city, default discount, active)."""
        return self._save(self.get_object(), partial=kwargs.get("partial", False))

    @extend_schema(request=AssignInSerializer, responses=FranchiseeSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """HR names who serves (a customer-service post) or signed (a sales post) the franchisee from a month
        on; engineer null: nobody from that month."""
        franchisee = self.get_object()
        data = AssignInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.assignment_set(user=request.user, franchisee=franchisee, **data.validated_data)
        return Response(FranchiseeSerializer(self.get_queryset().get(pk=franchisee.pk)).data)


@extend_schema(tags=["commission"])
class PickupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Franchisees' monthly pick-up: sales at list price × discount = pick-up amount (提货额)."""

    permission_classes = [HRWriteElseRead]
    serializer_class = PickupSerializer

    def get_queryset(self):
        qs = Pickup.objects.filter(franchisee__in=visible_franchisees(self.request.user)).select_related("franchisee")
        month = self.request.query_params.get("month")
        return qs.filter(month=_month(month)) if month else qs

    @extend_schema(parameters=[OpenApiParameter("month", str, description="YYYY-MM")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PickupBulkSerializer, responses=PickupBulkOutSerializer)
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """HR saves a month's pick-up for many franchisees (by id or code), all or nothing."""
        data = PickupBulkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data["rows"]
        by_code = dict(Franchisee.objects.filter(code__in=[r.get("code") for r in given]).values_list("code", "pk"))
        rows, index_of, problems = {}, {}, {}
        for i, row in enumerate(given):
            fid = row.get("franchisee") or by_code.get(row.get("code"))
            if fid is None:
                problems[f"rows[{i}].code"] = [_("No franchisee has this code.")]
            elif fid in index_of:
                problems[f"rows[{i}].franchisee"] = [_("The same franchisee as rows[%(i)d].") % {"i": index_of[fid]}]
            else:
                index_of[fid] = i
                rows[fid] = (row["sales_amount"], row.get("discount_rate"))
        if problems:
            return Response(
                {
                    "code": CommissionErrorCode.INVALID_CELLS,
                    "message": _("Nothing was saved: correct the marked cells."),
                    "fields": problems,
                },
                status=400,
            )
        try:
            saved = services.pickups_save(user=request.user, month=data.validated_data["month"], rows=rows)
        except PickupGridError as exc:
            fields: dict[str, list[str]] = {}
            for fid, field, message in exc.cells:
                key = f"rows[{index_of.get(fid, '?')}]" + (f".{field}" if field else "")
                fields.setdefault(key, []).append(str(message))
            return Response({"code": exc.code, "message": str(exc.message), "fields": fields}, status=400)
        return Response({"saved": saved.saved, "unchanged": saved.unchanged})


class SettlementPermission(IsAuthenticated):
    """Anyone signed in reads what the selectors let them; HR settles; finance and general managers decide
    (the services check the roles and four-eyes)."""


@extend_schema(tags=["commission"])
class SettlementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A month's commission: HR settles it, finance or a general manager approves (payable items) or returns it."""

    permission_classes = [SettlementPermission]
    serializer_class = SettlementSerializer

    def get_queryset(self):
        return visible_settlements(self.request.user)

    @extend_schema(request=SettleInSerializer, responses={201: SettlementSerializer})
    def create(self, request, *args, **kwargs):
        """HR settles a month (again, while it is not approved): every staff member's tier and commission."""
        data = SettleInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = services.settlement_propose(user=request.user, month=data.validated_data["month"])
        return Response(self.get_serializer(settlement).data, status=201)

    @extend_schema(request=DecideInSerializer, responses=SettlementSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Finance or a general manager approves (the payable items are written) or returns it with a note."""
        settlement = self.get_object()
        data = DecideInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = services.settlement_decide(user=request.user, settlement=settlement, **data.validated_data)
        return Response(self.get_serializer(settlement).data)


router = IdRouter()
router.register("commission/franchisees", FranchiseeViewSet, basename="commission-franchisee")
router.register("commission/pickups", PickupViewSet, basename="commission-pickup")
router.register("commission/settlements", SettlementViewSet, basename="commission-settlement")
urlpatterns = [path("", include(router.urls))]
