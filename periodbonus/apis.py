"""API for quarterly and year-end bonus rounds: the same services and scopes as the pages. Money as strings."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.routers import IdRouter
from engineers.models import Department

from . import services
from .models import BonusLine, BonusRound, PeriodKind
from .selectors import lines_of, my_bonus_lines, rounds_for


class BonusLineSerializer(serializers.ModelSerializer):
    engineer_no = serializers.CharField(source="engineer.employee_no", read_only=True)
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)
    mean = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=True, allow_null=True)
    standard_amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = BonusLine
        fields = [
            "engineer",
            "engineer_no",
            "engineer_name",
            "rank",
            "months",
            "mean",
            "band",
            "eligible",
            "reason",
            "standard_amount",
            "amount",
            "note",
            "trace",
        ]


class BonusRoundSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField()

    class Meta:
        model = BonusRound
        fields = [
            "id",
            "department",
            "kind",
            "year",
            "quarter",
            "status",
            "policy_version",
            "proposed_by",
            "proposed_at",
            "submitted_at",
            "decided_by",
            "decided_at",
            "decision_note",
            "paid_period",
            "lines",
        ]

    @extend_schema_field(BonusLineSerializer(many=True))
    def get_lines(self, obj) -> list:
        return BonusLineSerializer(lines_of(obj), many=True).data


class MyBonusLineSerializer(BonusLineSerializer):
    kind = serializers.CharField(source="round.kind", read_only=True)
    year = serializers.IntegerField(source="round.year", read_only=True)
    quarter = serializers.IntegerField(source="round.quarter", read_only=True)
    policy_version = serializers.CharField(source="round.policy_version", read_only=True)

    class Meta(BonusLineSerializer.Meta):
        fields = ["kind", "year", "quarter", "policy_version", *BonusLineSerializer.Meta.fields]


class BonusProposeInSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    kind = serializers.ChoiceField(choices=PeriodKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)


class BonusAmountInSerializer(serializers.Serializer):
    engineer = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class BonusAmountsInSerializer(serializers.Serializer):
    lines = BonusAmountInSerializer(many=True)


class BonusTransitionInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("submit", "submit"), *((a, a) for a in services.ACTIONS)])
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["period-bonus"])
class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rounds in the reader's scope: HR, finance and general managers all; a department manager their own."""

    serializer_class = BonusRoundSerializer
    filterset_fields = ["department", "kind", "year", "quarter", "status"]

    def get_queryset(self):
        return rounds_for(self.request.user)

    @extend_schema(request=BonusProposeInSerializer, responses={201: BonusRoundSerializer})
    def create(self, request):
        data = BonusProposeInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        period = services.Period.of(v["kind"], v["year"], v.get("quarter"))
        bonus_round = services.bonus_round_propose(user=request.user, department=v["department"], period=period)
        return Response(BonusRoundSerializer(bonus_round).data, status=201)

    @extend_schema(request=BonusAmountsInSerializer, responses=BonusRoundSerializer)
    @action(detail=True, methods=["post"])
    def amounts(self, request, pk=None):
        data = BonusAmountsInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = [(x["engineer"], x["amount"], x["note"]) for x in data.validated_data["lines"]]
        bonus_round = services.bonus_amounts_set(user=request.user, bonus_round=self.get_object(), changes=changes)
        return Response(BonusRoundSerializer(bonus_round).data)

    @extend_schema(request=BonusTransitionInSerializer, responses=BonusRoundSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = BonusTransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        bonus_round = self.get_object()
        if v["action"] == "submit":
            bonus_round = services.bonus_round_submit(user=request.user, bonus_round=bonus_round)
        else:
            bonus_round = services.bonus_round_decide(
                user=request.user, bonus_round=bonus_round, action=v["action"], note=v["note"]
            )
        bonus_round.refresh_from_db()
        return Response(BonusRoundSerializer(bonus_round).data)

    @extend_schema(responses=MyBonusLineSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def mine(self, request):
        return Response(MyBonusLineSerializer(my_bonus_lines(request.user), many=True).data)


router = IdRouter()
router.register("period-bonuses", RoundViewSet, basename="period-bonus")
urlpatterns = [path("", include(router.urls))]
