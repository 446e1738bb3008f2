from rest_framework import serializers

from engineers.models import Crew, Department, Engineer

from .models import ServiceRequest, SurveyInvitation, Transition
from .services import LOGGED_FIELDS


class ServiceRequestTransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None)

    class Meta:
        model = Transition
        fields = ["action", "from_state", "to_state", "actor", "at", "note"]


class SurveyResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyInvitation
        fields = ["created_at", "expires_at", "answered_at", "stars", "comment"]


class ServiceRequestSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    transitions = ServiceRequestTransitionSerializer(many=True, read_only=True)
    survey = SurveyResultSerializer(read_only=True, default=None)
    logged_by = serializers.CharField(source="logged_by.username", read_only=True)

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "number",
            "customer_name",
            "customer_phone",
            "address",
            "product",
            "fault_description",
            "category",
            "priority",
            "channel",
            "required_skill",
            "department",
            "state",
            "engineer",
            "crew",
            "logged_by",
            "logged_at",
            "assigned_at",
            "accepted_at",
            "departed_at",
            "arrived_at",
            "resolved_at",
            "closed_at",
            "cancelled_at",
            "sla_version",
            "response_due",
            "resolution_due",
            "repeat_of",
            "work_order",
            "resolution_note",
            "cancel_reason",
            "complaint_upheld",
            "complaint_about",
            "survey",
            "transitions",
        ]
        read_only_fields = fields


class ServiceRequestCreateSerializer(serializers.ModelSerializer):
    """What a call-centre system sends: the call; the deadlines, state and times are the service's."""

    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())

    class Meta:
        model = ServiceRequest
        fields = LOGGED_FIELDS


class ServiceRequestTransitionInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["assign", "accept", "depart", "arrive", "resolve", "close", "uphold", "dismiss", "cancel"]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all(), required=False, allow_null=True)
    crew = serializers.PrimaryKeyRelatedField(queryset=Crew.objects.all(), required=False, allow_null=True)
    complaint_about = serializers.PrimaryKeyRelatedField(
        queryset=Engineer.objects.all(), required=False, allow_null=True
    )
