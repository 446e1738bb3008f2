"""API for honours, penalties and technical grade campaigns; same services and scopes as the pages."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from appraisal.awards import services as awards
from appraisal.grades import services as grades
from appraisal.grades.selectors import visible_applications
from appraisal.models import Award, AwardKind, GradeApplication, GradeCampaign
from appraisal.scorecards.services import Month
from core.routers import IdRouter
from engineers.models import Crew, Department, Engineer, TechnicalGrade

from .selectors import visible_awards


class AwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = [
            "id",
            "kind",
            "department",
            "crew",
            "members",
            "year",
            "month",
            "reason",
            "deduction_amount",
            "deduction_rate",
            "status",
            "decision_note",
            "decided_at",
        ]
        read_only_fields = ["status", "decision_note", "decided_at"]


class AwardInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AwardKind.choices)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    crew = serializers.PrimaryKeyRelatedField(queryset=Crew.objects.all(), required=False, allow_null=True)
    members = serializers.PrimaryKeyRelatedField(queryset=Engineer.objects.all(), many=True)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    reason = serializers.CharField()
    deduction_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    deduction_rate = serializers.DecimalField(max_digits=5, decimal_places=4, required=False, allow_null=True)


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["kpi"])
class AwardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AwardSerializer
    filterset_fields = ["kind", "status", "year", "month", "department"]

    def get_queryset(self):
        return visible_awards(self.request.user)

    @extend_schema(request=AwardInSerializer, responses=AwardSerializer)
    def create(self, request):
        data = AwardInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        month = Month(v.pop("year"), v.pop("month"))
        award = awards.award_propose(user=request.user, month=month, **v)
        return Response(AwardSerializer(award).data, status=201)

    @extend_schema(request=DecisionSerializer, responses=AwardSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        award = awards.award_decide(user=request.user, award=self.get_object(), **data.validated_data)
        return Response(AwardSerializer(award).data)


class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeApplication
        fields = [
            "id",
            "campaign",
            "engineer",
            "target_grade",
            "evidence",
            "eligible",
            "reasons",
            "has_documents",
            "has_key_accounts",
            "self_assessment",
            "supervisor_opinion",
            "decision",
            "panel_note",
            "appeal",
            "appeal_outcome",
            "appeal_note",
        ]


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeCampaign
        fields = ["id", "name", "year", "half", "status", "notice_until"]


class ApplyInSerializer(serializers.Serializer):
    target_grade = serializers.ChoiceField(choices=[c for c in TechnicalGrade.choices if c[0]])
    self_assessment = serializers.CharField()


class ActInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["opinion", "approve", "reject", "appeal", "uphold", "dismiss"])
    text = serializers.CharField(required=False, allow_blank=True, default="")
    has_documents = serializers.BooleanField(required=False, default=False)
    has_key_accounts = serializers.BooleanField(required=False, default=False)


@extend_schema(tags=["kpi"])
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CampaignSerializer
    queryset = GradeCampaign.objects.all()

    @extend_schema(responses=ApplicationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def applications(self, request, pk=None):
        qs = visible_applications(request.user).filter(campaign=self.get_object())
        return Response(ApplicationSerializer(qs, many=True).data)

    @extend_schema(request=ApplyInSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        data = ApplyInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = grades.application_submit(user=request.user, campaign=self.get_object(), **data.validated_data)
        return Response(ApplicationSerializer(application).data, status=201)


@extend_schema(tags=["kpi"], request=ActInSerializer, responses=ApplicationSerializer)
class ApplicationActView(viewsets.ViewSet):
    def create(self, request, pk=None):
        application = get_object_or_404(visible_applications(request.user), pk=pk)
        data = ActInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        act, text = v["action"], v["text"]
        if act == "opinion":
            grades.supervisor_opinion(
                user=request.user,
                application=application,
                opinion=text,
                has_documents=v["has_documents"],
                has_key_accounts=v["has_key_accounts"],
            )
        elif act in ("approve", "reject"):
            grades.panel_decide(user=request.user, application=application, approve=act == "approve", note=text)
        elif act == "appeal":
            grades.appeal_file(user=request.user, application=application, text=text)
        else:
            grades.appeal_decide(user=request.user, application=application, uphold=act == "uphold", note=text)
        application.refresh_from_db()
        return Response(ApplicationSerializer(application).data)


router = IdRouter()
router.register("awards", AwardViewSet, basename="award")
router.register("grade-campaigns", CampaignViewSet, basename="grade-campaign")
urlpatterns = [
    path("", include(router.urls)),
    path(
        "grade-applications/<int:pk>/act/", ApplicationActView.as_view({"post": "create"}), name="grade-application-act"
    ),
]
