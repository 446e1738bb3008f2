"""API of the supervision of the scheme: suggestions and complaints (submit, list, read, answer) and the yearly policy
reviews (start, list, read with the year's feedback counts and costs per rule, close). Same services, scopes and
permissions as the pages; an anonymous suggestion's author is in no answer (`author` is null, `is_mine` tells the
author it is theirs)."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.routers import IdRouter

from . import selectors as sel
from . import services
from .models import Category, Feedback, FeedbackStatus, PolicyReview


class FeedbackSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text="the author's name; null when the suggestion is anonymous")
    is_mine = serializers.SerializerMethodField(help_text="true for the author (the only one who learns it)")
    answered_by = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = [
            "id",
            "category",
            "document_no",
            "rule",
            "text",
            "anonymous",
            "author",
            "is_mine",
            "created_at",
            "status",
            "answer",
            "answered_by",
            "answered_at",
        ]

    def get_author(self, obj) -> str | None:
        shown = obj.author_shown
        return (shown.get_full_name() or shown.username) if shown else None

    def get_is_mine(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and obj.author_id == request.user.pk)

    def get_answered_by(self, obj) -> str | None:
        return (obj.answered_by.get_full_name() or obj.answered_by.username) if obj.answered_by else None


class FeedbackInSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    document_no = serializers.CharField(max_length=30)
    rule = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=services.TEXT_MAX)
    anonymous = serializers.BooleanField(required=False, default=False)


class AnswerInSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[c for c in FeedbackStatus.choices if c[0] != FeedbackStatus.OPEN])
    answer = serializers.CharField(max_length=services.TEXT_MAX)


@extend_schema(tags=["feedback"])
class FeedbackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = FeedbackSerializer
    filterset_fields = ["status", "category", "document_no"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is built without a signed-in user
            return Feedback.objects.none()
        return sel.visible_feedback(self.request.user)

    @extend_schema(request=FeedbackInSerializer, responses=FeedbackSerializer)
    def create(self, request):
        data = FeedbackInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_submit(user=request.user, **data.validated_data)
        return Response(self.get_serializer(feedback).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AnswerInSerializer, responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        data = AnswerInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_answer(user=request.user, feedback=self.get_object(), **data.validated_data)
        return Response(self.get_serializer(feedback).data)


class RuleCostSerializer(serializers.Serializer):
    kind = serializers.CharField()
    rule = serializers.CharField()
    section = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    lines = serializers.IntegerField()
    engineers = serializers.IntegerField()


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    suggestions = serializers.IntegerField()
    complaints = serializers.IntegerField()
    open = serializers.IntegerField()
    answered = serializers.IntegerField()
    adopted = serializers.IntegerField()
    declined = serializers.IntegerField()


class ReviewSerializer(serializers.ModelSerializer):
    draft_version = serializers.CharField(source="draft.version", default=None, read_only=True, allow_null=True)
    draft_status = serializers.CharField(source="draft.status", default=None, read_only=True, allow_null=True)
    feedback = serializers.SerializerMethodField()
    rule_costs = serializers.SerializerMethodField()

    class Meta:
        model = PolicyReview
        fields = [
            "id",
            "year",
            "status",
            "draft",
            "draft_version",
            "draft_status",
            "started_at",
            "conclusion",
            "closed_at",
            "feedback",
            "rule_costs",
        ]

    @extend_schema_field(CountsSerializer)
    def get_feedback(self, obj) -> dict:
        return CountsSerializer(sel.feedback_counts(sel.feedback_of_year(obj.year))).data

    @extend_schema_field(RuleCostSerializer(many=True))
    def get_rule_costs(self, obj) -> list:
        return RuleCostSerializer(sel.review_costs(obj), many=True).data


class ReviewStartSerializer(serializers.Serializer):
    year = serializers.IntegerField()


class ReviewCloseSerializer(serializers.Serializer):
    conclusion = serializers.CharField()


@extend_schema(tags=["feedback"])
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return sel.visible_reviews(self.request.user)

    @extend_schema(request=ReviewStartSerializer, responses=ReviewSerializer)
    def create(self, request):
        data = ReviewStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_start(user=request.user, year=data.validated_data["year"])
        return Response(self.get_serializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewCloseSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        data = ReviewCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_close(user=request.user, review=self.get_object(), **data.validated_data)
        return Response(self.get_serializer(review).data)


router = IdRouter()
router.register("feedback", FeedbackViewSet, basename="feedback")
router.register("policy-reviews", ReviewViewSet, basename="policy-review")
urlpatterns = router.urls
