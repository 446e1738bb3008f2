from rest_framework import serializers

from core.serializers import ModelRulesMixin
from engineers.models import Engineer

from .models import Participant, PieceRateItem, PieceRateTable, WorkOrder, WorkOrderLine


class PieceRateItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PieceRateItem
        fields = ["id", "code", "description", "unit", "unit_rate"]


class PieceRateTableSerializer(serializers.ModelSerializer):
    """A new table is a draft with its items; it is put in force by the activate action."""

    items = PieceRateItemSerializer(many=True)

    class Meta:
        model = PieceRateTable
        fields = ["id", "code", "name", "effective_from", "status", "note", "items"]
        read_only_fields = ["status"]

    def validate_items(self, items):
        codes = [i["code"] for i in items]
        duplicated = sorted({c for c in codes if codes.count(c) > 1})
        if duplicated:
            raise serializers.ValidationError(f"duplicate item codes: {', '.join(duplicated)}")
        return items

    def create(self, validated_data):
        items = validated_data.pop("items")
        table = PieceRateTable.objects.create(**validated_data)
        PieceRateItem.objects.bulk_create(PieceRateItem(table=table, **item) for item in items)
        return table


class LineOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkOrderLine
        fields = ["item_code", "description", "unit", "quantity", "unit_rate", "amount"]


class ParticipantOutSerializer(serializers.ModelSerializer):
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = Participant
        fields = ["engineer", "engineer_name", "days_worked", "split_pct", "share_amount"]


class WorkOrderSerializer(serializers.ModelSerializer):
    """Read shape; `lines` and `participants` are written through the service."""

    lines = LineOutSerializer(many=True, read_only=True)
    participants = ParticipantOutSerializer(many=True, read_only=True)
    rate_table = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "order_type",
            "is_special",
            "department",
            "crew",
            "customer_name",
            "customer_phone",
            "site_address",
            "description",
            "reported_at",
            "responded_at",
            "arrived_at",
            "resolved_at",
            "completed_on",
            "csat_score",
            "customer_signed",
            "customer_comment",
            "repeat_of",
            "split_method",
            "piece_rate_total_amount",
            "rate_table",
            "lines",
            "participants",
        ]
        read_only_fields = ["completed_on", "piece_rate_total_amount"]


class LineInSerializer(serializers.Serializer):
    item_code = serializers.CharField(max_length=20)
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)


class ParticipantInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    days_worked = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)
    split_pct = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False, allow_null=True
    )


class WorkOrderWriteSerializer(ModelRulesMixin, WorkOrderSerializer):
    """Timestamps in order, CSAT range and the other single-row rules come from the model's
    constraints (ModelRulesMixin); the unique number from the serializer's own validator."""

    lines = LineInSerializer(many=True)
    participants = ParticipantInSerializer(many=True)
