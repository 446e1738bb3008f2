"""API for training records, certificates and study rewards: the same services and scopes as the pages."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.routers import IdRouter
from engineers.models import Engineer, EngineerSkill
from policies.choices import CertificateLevel, Skill
from workorders.models import BonusRequest

from . import services
from .filters import RewardFilter, SessionFilter
from .models import AttendanceStatus, Course, SessionAttendance, StudyReward, TrainingSession
from .selectors import (
    attendance_for,
    expiring_certificates,
    session_attendance,
    study_policy_in_force,
    visible_certificates,
    visible_courses,
    visible_rewards,
    visible_sessions,
)


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "code", "name", "category", "skill", "description", "active"]


class AttendanceSerializer(serializers.ModelSerializer):
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = SessionAttendance
        fields = ["id", "session", "engineer", "engineer_name", "status", "note", "paid_training"]


class SessionSerializer(serializers.ModelSerializer):
    days = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "course", "starts_on", "ends_on", "days", "hours", "trainer", "place"]


class SessionDetailSerializer(SessionSerializer):
    attendance = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "attendance"]

    @extend_schema_field(AttendanceSerializer(many=True))
    def get_attendance(self, session) -> list:
        return AttendanceSerializer(session_attendance(self.context["request"].user, session), many=True).data


class SessionInSerializer(serializers.Serializer):
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all())
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0.5"))
    trainer = serializers.CharField(max_length=100)
    place = serializers.CharField(max_length=200)


class AttendanceInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    status = serializers.ChoiceField(choices=AttendanceStatus.choices, default=AttendanceStatus.ENROLLED)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PaidTrainingInSerializer(serializers.Serializer):
    request = serializers.IntegerField(allow_null=True, help_text="a paid-training bonus request's id; null unlinks")


class CertificateSerializer(serializers.ModelSerializer):
    engineer_name = serializers.CharField(source="engineer.name", read_only=True)

    class Meta:
        model = EngineerSkill
        fields = [
            "id",
            "engineer",
            "engineer_name",
            "skill",
            "level",
            "certificate_no",
            "issuer",
            "issued_on",
            "expires_on",
        ]


class CertificateInSerializer(serializers.Serializer):
    engineer = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all())
    skill = serializers.ChoiceField(choices=Skill.choices)
    level = serializers.ChoiceField(choices=CertificateLevel.choices)
    certificate_no = serializers.CharField(max_length=50)
    issuer = serializers.CharField(max_length=100)
    issued_on = serializers.DateField()
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)
    session = serializers.PrimaryKeyRelatedField(
        queryset=TrainingSession.objects.all(), required=False, allow_null=True, default=None
    )
    reward = serializers.BooleanField(default=True, help_text="propose the study reward for this pass")


class RewardSerializer(serializers.ModelSerializer):
    class Meta:
        model = StudyReward
        fields = [
            "id",
            "engineer",
            "certificate",
            "skill",
            "level",
            "certificate_no",
            "passed_on",
            "session",
            "status",
            "amount",
            "trace",
            "policy_version",
            "recorded_by",
            "recorded_at",
            "decided_by",
            "decided_at",
            "reason",
        ]


class RecordedSerializer(serializers.Serializer):
    certificate = CertificateSerializer()
    reward = RewardSerializer(allow_null=True)


class RewardDecideInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "reject"])
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


@extend_schema(tags=["training"])
class CourseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CourseSerializer

    def get_queryset(self):
        return visible_courses(self.request.user)

    @extend_schema(request=CourseSerializer, responses=CourseSerializer)
    def create(self, request):
        data = CourseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = services.course_save(user=request.user, **data.validated_data)
        return Response(CourseSerializer(course).data, status=201)


@extend_schema(tags=["training"])
class SessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = SessionFilter

    def get_serializer_class(self):
        return SessionDetailSerializer if self.action == "retrieve" else SessionSerializer

    def get_queryset(self):
        return visible_sessions(self.request.user)

    @extend_schema(request=SessionInSerializer, responses=SessionSerializer)
    def create(self, request):
        data = SessionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.session_create(user=request.user, **data.validated_data)
        return Response(SessionSerializer(session).data, status=201)

    @extend_schema(request=AttendanceInSerializer, responses=AttendanceSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        data = AttendanceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.attendance_set(user=request.user, session=self.get_object(), **data.validated_data)
        return Response(AttendanceSerializer(row).data)


@extend_schema(tags=["training"], request=PaidTrainingInSerializer, responses=AttendanceSerializer)
class PaidTrainingLinkView(viewsets.ViewSet):
    def create(self, request, pk=None):
        attendance = attendance_for(request.user, pk)
        data = PaidTrainingInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        chosen = data.validated_data["request"]
        bonus = None if chosen is None else get_object_or_404(BonusRequest, pk=chosen, engineer=attendance.engineer)
        row = services.paid_training_link(user=request.user, attendance=attendance, request=bonus)
        return Response(AttendanceSerializer(row).data)


@extend_schema(tags=["training"])
class CertificateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CertificateSerializer

    def get_queryset(self):
        if self.request.query_params.get("expiring") == "1":
            today = timezone.localdate()
            return expiring_certificates(self.request.user, today, study_policy_in_force(today))
        return visible_certificates(self.request.user).order_by("engineer__employee_no", "skill")

    @extend_schema(
        parameters=[
            OpenApiParameter("expiring", OpenApiTypes.STR, enum=["1"], description="only those about to expire")
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=CertificateInSerializer, responses=RecordedSerializer)
    def create(self, request):
        data = CertificateInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recorded = services.certificate_record(user=request.user, **data.validated_data)
        return Response(RecordedSerializer(recorded).data, status=201)


@extend_schema(tags=["training"])
class RewardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RewardSerializer
    filterset_class = RewardFilter

    def get_queryset(self):
        return visible_rewards(self.request.user)

    @extend_schema(request=RewardDecideInSerializer, responses=RewardSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = RewardDecideInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reward = services.study_reward_decide(user=request.user, reward=self.get_object(), **data.validated_data)
        return Response(RewardSerializer(reward).data)


router = IdRouter()
router.register("training/courses", CourseViewSet, basename="training-course")
router.register("training/sessions", SessionViewSet, basename="training-session")
router.register("training/certificates", CertificateViewSet, basename="training-certificate")
router.register("study-rewards", RewardViewSet, basename="study-reward")
urlpatterns = [
    path("", include(router.urls)),
    path(
        "training/attendance/<int:pk>/paid-training/",
        PaidTrainingLinkView.as_view({"post": "create"}),
        name="training-paid-training",
    ),
]
