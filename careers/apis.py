"""API for the career ladder, promotion reviews and competitions; the same services and scopes as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.routers import IdRouter
from engineers.models import CareerRank, Department

from . import selectors
from . import services as careers
from .models import Candidate, PromotionReview, ReviewKind


class RungSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=CareerRank.choices)
    min_months_at_rank = serializers.IntegerField()
    min_kpi_mean = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=True)
    min_technical_grade = serializers.CharField()
    min_csat = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=True)
    min_work_orders = serializers.IntegerField()
    min_certificates = serializers.IntegerField()
    needs_probation_passed = serializers.BooleanField()
    min_panel_score = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=True)
    post_wage = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=True)


class LadderSerializer(serializers.Serializer):
    version = serializers.CharField(source="label")
    window_months = serializers.IntegerField()
    min_scored_months = serializers.IntegerField()
    appeal_days = serializers.IntegerField()
    rungs = RungSerializer(many=True)


@extend_schema(tags=["careers"], responses=LadderSerializer)
class LadderView(APIView):
    """The ladder in force today (document KF-CAREER): every signed-in user reads it."""

    def get(self, request):
        policy = selectors.career_policy_or_none(timezone.localdate())
        if policy is None:
            return Response({"code": "career.no_ladder", "message": "No ladder in force.", "fields": {}}, status=404)
        return Response(LadderSerializer(policy).data)


class CandidateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Candidate
        fields = [
            "id",
            "review",
            "engineer",
            "from_rank",
            "target_rank",
            "route",
            "nominated_by",
            "statement",
            "eligible",
            "reasons",
            "evidence",
            "evidence_on",
            "policy_version",
            "panel_score",
            "decision",
            "decision_note",
            "decided_by",
            "appeal",
            "appeal_outcome",
            "appeal_note",
        ]


class PromotionReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PromotionReview
        fields = [
            "id",
            "kind",
            "name",
            "target_rank",
            "department",
            "seats",
            "effective_from",
            "status",
            "notice_until",
        ]
        read_only_fields = ["status", "notice_until"]


class ReviewInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewKind.choices)
    name = serializers.CharField(max_length=100)
    effective_from = serializers.DateField()
    target_rank = serializers.ChoiceField(choices=CareerRank.choices, required=False, default="")
    seats = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )


class CandidateInSerializer(serializers.Serializer):
    statement = serializers.CharField()
    engineer = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="To nominate.")


class ReviewActInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["publish", "close"])


class CandidateActInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["score", "approve", "reject", "appeal", "uphold", "dismiss"])
    score = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True, default=None)
    text = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["careers"])
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PromotionReviewSerializer

    def get_queryset(self):
        return selectors.visible_reviews(self.request.user)

    @extend_schema(request=ReviewInSerializer, responses={201: PromotionReviewSerializer})
    def create(self, request):
        data = ReviewInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = careers.review_open(user=request.user, **data.validated_data)
        return Response(PromotionReviewSerializer(review).data, status=201)

    @extend_schema(request=None, responses=CandidateSerializer(many=True))
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        """The candidates the user may see (their own, their departments', or all); a competition ranked."""
        review = self.get_object()
        qs = selectors.visible_candidates(request.user).filter(review=review)
        return Response(CandidateSerializer(selectors.ranked(qs), many=True).data)

    @extend_schema(request=CandidateInSerializer, responses={201: CandidateSerializer})
    @candidates.mapping.post
    def add_candidate(self, request, pk=None):
        """Apply (no engineer) or nominate an engineer; the evidence is gathered at once."""
        review = self.get_object()
        data = CandidateInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        engineer = None
        if data.validated_data["engineer"] is not None:
            engineer = get_object_or_404(
                selectors.nominable_engineers(request.user), pk=data.validated_data["engineer"]
            )
        candidate = careers.candidate_add(
            user=request.user, review=review, statement=data.validated_data["statement"], engineer=engineer
        )
        return Response(CandidateSerializer(candidate).data, status=201)

    @extend_schema(request=ReviewActInSerializer, responses=PromotionReviewSerializer)
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        """HR publishes the public notice, or closes the review after it (the ranks change)."""
        review = self.get_object()
        data = ReviewActInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["action"] == "publish":
            careers.review_publish(user=request.user, review=review)
        else:
            careers.review_close(user=request.user, review=review)
        review.refresh_from_db()
        return Response(PromotionReviewSerializer(review).data)


@extend_schema(tags=["careers"])
class CandidateViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CandidateSerializer

    def get_queryset(self):
        return selectors.visible_candidates(self.request.user)

    @extend_schema(request=CandidateActInSerializer, responses=CandidateSerializer)
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        """A panel score, the general manager's decision, the candidate's appeal, its answer."""
        candidate = self.get_object()
        data = CandidateActInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        act, text = v["action"], v["text"]
        if act == "score":
            if v["score"] is None:
                raise serializers.ValidationError({"score": ["Give a score from 0 to 100."]})
            careers.panel_score(user=request.user, candidate=candidate, score=v["score"], comment=text)
        elif act in ("approve", "reject"):
            careers.candidate_decide(user=request.user, candidate=candidate, approve=act == "approve", note=text)
        elif act == "appeal":
            careers.appeal_file(user=request.user, candidate=candidate, text=text)
        else:
            careers.appeal_decide(user=request.user, candidate=candidate, uphold=act == "uphold", note=text)
        candidate.refresh_from_db()
        return Response(CandidateSerializer(candidate).data)


router = IdRouter()
router.register("promotion-reviews", ReviewViewSet, basename="promotion-review")
router.register("promotion-candidates", CandidateViewSet, basename="promotion-candidate")
urlpatterns = [
    path("career-ladder/", LadderView.as_view(), name="career-ladder"),
    path("", include(router.urls)),
]
