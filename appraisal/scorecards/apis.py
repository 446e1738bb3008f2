"""API for KPI scorecards and their scores; same services and scopes as the pages."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from appraisal.models import Scorecard, ScoreEntry, ScoreSource
from core.routers import IdRouter
from engineers.selectors import reads_pay_of

from . import services
from .selectors import visible_scorecards
from .services import GridError, Month


class ScoreEntrySerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.employee_no", default=None)

    class Meta:
        model = ScoreEntry
        fields = ["source", "dimension", "reviewer", "score"]


class ScorecardSerializer(serializers.ModelSerializer):
    entries = ScoreEntrySerializer(many=True, read_only=True)
    employee_no = serializers.CharField(source="engineer.employee_no", read_only=True)

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "engineer",
            "employee_no",
            "year",
            "month",
            "status",
            "policy_version",
            "metrics",
            "score",
            "band",
            "coefficient",
            "performance_pay_amount",
            "trace",
            "entries",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Performance pay is pay: the score for every reader, the money for pay readers only.
        if request is not None and not reads_pay_of(request.user, instance.engineer):
            data["performance_pay_amount"] = None
            if isinstance(data.get("trace"), dict):
                steps = data["trace"].get("steps", [])
                data["trace"] = {**data["trace"], "steps": [s for s in steps if s.get("rule") != "kpi.performance_pay"]}
        return data


class ScoresInSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=[ScoreSource.SELF, ScoreSource.PEER, ScoreSource.SUPERVISOR])
    scores = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))


@extend_schema(tags=["kpi"])
class ScorecardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ScorecardSerializer
    filterset_fields = ["year", "month", "status", "engineer", "engineer__department"]

    def get_queryset(self):
        return visible_scorecards(self.request.user).prefetch_related("entries__reviewer")

    @extend_schema(request=ScoresInSerializer, responses=ScorecardSerializer)
    @action(detail=True, methods=["put"])
    def scores(self, request, pk=None):
        """HR clerks and supervisors enter the supervisor source (HR also self/peer from paper);
        an engineer their own self-assessment or an assigned peer review."""
        data = ScoresInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source, values = data.validated_data["source"], data.validated_data["scores"]
        if source == ScoreSource.SUPERVISOR or not hasattr(request.user, "engineer"):
            card = self.get_object()  # HR and supervisors read company-wide; grid_save checks the role
            try:
                services.grid_save(
                    user=request.user,
                    department=card.engineer.department,
                    month=Month(card.year, card.month),
                    source=source,
                    rows={card.engineer_id: values},
                )
            except GridError as exc:
                fields = {c.dimension: [c.message] for c in exc.cells}
                return Response({"code": exc.code, "message": str(exc.message), "fields": fields}, status=400)
        else:
            # An engineer's own self-assessment or an assigned peer review; the service checks which.
            card = get_object_or_404(Scorecard, pk=pk)
            services.own_scores_save(user=request.user, card=card, source=source, values=values)
        return Response(ScorecardSerializer(Scorecard.objects.get(pk=pk), context=self.get_serializer_context()).data)


router = IdRouter()
router.register("scorecards", ScorecardViewSet, basename="scorecard")
urlpatterns = [path("", include(router.urls))]
