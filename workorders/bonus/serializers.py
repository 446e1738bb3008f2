from rest_framework import serializers

from engineers.models import Engineer
from workorders.models import (
    BonusKind,
    BonusRequest,
    CrewSelfAssessment,
    InspectorRole,
    RequestTransition,
    SiteInspection,
    WorkOrder,
)

from .selectors import visible_amount


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = RequestTransition
        fields = ["action", "from_status", "to_status", "actor", "at", "reason"]


class BonusRequestSerializer(serializers.ModelSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True)
    applied_by = serializers.CharField(source="applied_by.username", read_only=True, default=None)

    class Meta:
        model = BonusRequest
        fields = [
            "id",
            "kind",
            "work_order",
            "status",
            "engineer",
            "rate",
            "rated_excellent",
            "training_days",
            "ratio",
            "assessment_note",
            "amount",
            "proposed_by",
            "applied_by",
            "created_at",
            "decided_at",
            "transitions",
        ]
        read_only_fields = ["status", "amount", "created_at", "decided_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        # A colleague's money is not the caller's to read: the amount only for those who may.
        if request is not None and visible_amount(request.user, instance) is None:
            data["amount"] = None
        return data


class BonusRequestCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=BonusKind.choices)
    work_order = serializers.PrimaryKeyRelatedField(queryset=WorkOrder.objects.all())
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all(), required=False, allow_null=True)
    rate = serializers.DecimalField(max_digits=5, decimal_places=4, required=False, allow_null=True)
    rated_excellent = serializers.BooleanField(required=False, default=False)
    training_days = serializers.DecimalField(max_digits=4, decimal_places=1, required=False, allow_null=True)
    ratio = serializers.DecimalField(max_digits=5, decimal_places=4, required=False, allow_null=True)
    assessment_note = serializers.CharField(required=False, allow_blank=True, default="")


class BonusRequestUpdateSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all(), required=False)
    rate = serializers.DecimalField(max_digits=5, decimal_places=4, required=False)
    rated_excellent = serializers.BooleanField(required=False)
    training_days = serializers.DecimalField(max_digits=4, decimal_places=1, required=False)
    ratio = serializers.DecimalField(max_digits=5, decimal_places=4, required=False)
    assessment_note = serializers.CharField(required=False, allow_blank=True)


class TransitionInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["submit", "review", "approve", "return", "reject", "withdraw"])
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    confirm_zero = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Approve even though the approval pays ¥0.00 (the monthly cap used up); without it such an "
        "approval is refused with bonus.zero_amount_unconfirmed.",
    )


def _score():
    # The range (0–100) is the policy's, checked by the service with a coded message.
    return serializers.DecimalField(max_digits=5, decimal_places=2)


class InspectionSerializer(serializers.ModelSerializer):
    inspector_role = serializers.ChoiceField(choices=InspectorRole.choices)
    safety, quality, communication, rules = _score(), _score(), _score(), _score()

    class Meta:
        model = SiteInspection
        fields = [
            "inspector_role",
            "inspector_name",
            "inspected_on",
            "safety",
            "quality",
            "communication",
            "rules",
            "notes",
        ]


class PlanLineSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    pct = serializers.DecimalField(max_digits=6, decimal_places=2)


class SelfAssessmentSerializer(serializers.ModelSerializer):
    plan = PlanLineSerializer(many=True, source="lines")

    class Meta:
        model = CrewSelfAssessment
        fields = ["quality_assessment", "plan", "updated_at"]
        read_only_fields = ["updated_at"]
